import { z } from 'zod';
import type { Principal } from '../../tasks/accounts/index.js';
import { route, type ApiRoute } from '../api/define.js';
import { HttpError } from '../http-errors.js';
import type { RouteDeps } from '../api/deps.js';
import type { HubEvent, Replay } from '../events/hub.js';

const HEARTBEAT_MS = 25_000;
/** Open streams per caller (a user, an API token, a client link); more are refused with 429. */
const MAX_STREAMS = 10;

/** What `who` may see of an event, or undefined. */
function viewFor(event: HubEvent, who: Principal): unknown {
  if (who.kind === 'user') return event.agency;
  return event.clientId === who.clientId ? event.client : undefined;
}

/**
 * `GET /api/v1/events`: task and publication changes as Server-Sent Events, filtered to what
 * the caller may see. `Last-Event-ID` (or `?lastEventId=` for the first connection) replays
 * the events after it (from this process's ring, or on PostgreSQL from the buffer all instances
 * share, so any instance can serve a reconnect); an `event: reset` says some were too old to
 * replay.
 */
export function eventRoutes(deps: RouteDeps): ApiRoute[] {
  const open = new Map<string, number>();
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/events',
        access: 'signed-in',
        tag: 'events',
        summary:
          'Live task and publication changes (Server-Sent Events); reconnect with Last-Event-ID',
        query: z.strictObject({
          lastEventId: z
            .string()
            .regex(/^\d{1,15}$/)
            .optional(),
        }),
        produces: 'text/event-stream',
      },
      async ({ who, req, res, query }) => {
        if (!who) return undefined;
        const key = who.kind === 'client' ? `link:${who.linkId}` : `user:${who.user.id}`;
        const count = open.get(key) ?? 0;
        if (count >= MAX_STREAMS)
          throw new HttpError(
            429,
            'too_many_streams',
            `At most ${MAX_STREAMS} open event streams per caller; close one first.`,
          );
        open.set(key, count + 1);
        const header = req.get('last-event-id');
        const lastId = Number(
          header && /^\d{1,15}$/.test(header) ? header : (query.lastEventId ?? NaN),
        );
        res.status(200).set({
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Accel-Buffering': 'no',
          Connection: 'keep-alive',
        });
        res.flushHeaders();
        res.write('retry: 3000\n\n');
        let closed = false;
        const send = (event: HubEvent): void => {
          const view = viewFor(event, who);
          if (view !== undefined && !closed)
            res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(view)}\n\n`);
        };
        // Live events are heard from before the replay is read (on PostgreSQL, from the
        // database): those heard meanwhile wait. An event can be both in the replay and heard
        // live (its announcement was still on the way), so only ids after the hub's `after`
        // go out; ids grow in the order events are heard, which makes that exact.
        let waiting: HubEvent[] | undefined = Number.isFinite(lastId) ? [] : undefined;
        let after = 0;
        const unsubscribe = deps.hub.subscribe((event) => {
          if (waiting) waiting.push(event);
          else if (event.id > after) send(event);
        });
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        res.on('close', () => {
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          const left = (open.get(key) ?? 1) - 1;
          if (left > 0) open.set(key, left);
          else open.delete(key);
        });
        if (waiting) {
          let replay: Replay | undefined;
          try {
            replay = await deps.hub.since(lastId);
          } catch (error) {
            // The buffer could not be read (the database is away): a reload is the way back.
            deps.logger.warn({ err: error }, 'could not replay live changes');
          }
          if (!replay?.complete && !closed)
            res.write(
              'event: reset\ndata: {"reason":"some events are too old to replay; reload"}\n\n',
            );
          for (const event of replay?.events ?? []) send(event);
          after = replay?.after ?? 0;
          const heard = waiting;
          waiting = undefined;
          for (const event of heard) if (event.id > after) send(event);
          // From here on, events go out as they are heard (the subscription above).
        }
        return undefined;
      },
    ),
  ];
}
