import { clientView } from '../../tasks/accounts/client-space.js';
import type { Publication, TaskEvent, TaskEvents } from '../../tasks/index.js';

/** One event as served over SSE: a sequence number, the client it concerns, and two views. */
export interface HubEvent {
  /** Increasing from 1 within this process; the SSE `id`. */
  id: number;
  type: TaskEvent['type'];
  clientId: string | undefined;
  /** What agency users receive. */
  agency: unknown;
  /** What the client's link receives, or undefined when the client does not see this event. */
  client: unknown;
}

/** A bounded ring of recent events and live listeners; SSE connections read from it. */
export interface EventHub {
  /** Events after `lastId` still held; `complete` is false when some were already dropped. */
  since(lastId: number): { events: HubEvent[]; complete: boolean };
  /** Calls `listener` for every later event; returns the function that stops it. */
  subscribe(listener: (event: HubEvent) => void): () => void;
  /** Resolves when every event received so far has been stored (tests). */
  settled(): Promise<void>;
  /** Stops listening to the task events. */
  close(): void;
}

function publicationForClient(p: Publication): unknown {
  // No lastError for clients: remote messages are for the agency to read.
  return {
    id: p.id,
    taskId: p.taskId,
    siteId: p.siteId,
    state: p.state,
    url: p.url,
    updatedAt: p.updatedAt,
  };
}

/**
 * Listens to the task service's event stream and keeps the last `size` events (default 1000)
 * so a reconnecting browser (`Last-Event-ID`) loses nothing recent. The client of a
 * publication event is found from its site; lookups run one after another so order is kept.
 */
export function createEventHub(
  events: TaskEvents,
  deps: {
    clientOfSite: (siteId: string) => Promise<string | undefined>;
    size?: number;
    onError?: (error: unknown) => void;
  },
): EventHub {
  const size = deps.size ?? 1000;
  const ring: HubEvent[] = [];
  const listeners = new Set<(event: HubEvent) => void>();
  const siteClients = new Map<string, string | undefined>();
  let next = 1;
  let chain: Promise<void> = Promise.resolve();

  const clientOf = async (event: TaskEvent): Promise<string | undefined> => {
    if (event.type.startsWith('task.') && 'task' in event) return event.task.clientId;
    if ('publication' in event) {
      const siteId = event.publication.siteId;
      if (!siteClients.has(siteId)) siteClients.set(siteId, await deps.clientOfSite(siteId));
      return siteClients.get(siteId);
    }
    return undefined;
  };

  const record = async (event: TaskEvent): Promise<void> => {
    const clientId = await clientOf(event);
    let client: unknown;
    if ('task' in event && (event.task.kind === 'site-edit' || event.task.kind === 'publish'))
      client = { type: event.type, task: clientView(event.task) };
    if ('publication' in event)
      client = { type: event.type, publication: publicationForClient(event.publication) };
    const hubEvent: HubEvent = { id: next++, type: event.type, clientId, agency: event, client };
    ring.push(hubEvent);
    if (ring.length > size) ring.shift();
    for (const listener of [...listeners]) listener(hubEvent);
  };

  const stop = events.on((event) => {
    chain = chain.then(() => record(event)).catch((error: unknown) => deps.onError?.(error));
  });

  return {
    since(lastId) {
      const first = ring[0];
      return {
        events: ring.filter((e) => e.id > lastId),
        complete: lastId >= next - 1 || (first !== undefined && first.id <= lastId + 1),
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => chain,
    close: stop,
  };
}
