/** Reading meetings and free slots. */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import { getClient } from '../clients/clients.js';
import { getTask } from '../task-list/queries.js';
import { parseInput } from '../validate.js';
import { getCalendar, getMeetingRules } from './calendars.js';
import type { MeetingContext } from './context.js';
import { meetingFromRow, slotsQuerySchema, type Meeting } from './model.js';
import { bookingWindow, findSlots } from './slots.js';

/** Free slots for a meeting of client `clientId`, read live from the client's calendar. */
export interface SlotList {
  clientId: string;
  timezone: string;
  lengthMinutes: number;
  slots: { start: string; end: string }[];
}

/** The next free slots of a client (the calendar is read now; nothing is cached). */
export async function listSlots(
  ctx: MeetingContext,
  clientId: string,
  input: unknown,
): Promise<SlotList> {
  const query = parseInput(slotsQuerySchema, input, 'slot query');
  const client = await getClient(ctx.deps, clientId);
  const calendar = await getCalendar(ctx.deps, clientId);
  const rules = await getMeetingRules(ctx.deps, clientId);
  const lengthMinutes = query.lengthMinutes ?? rules.lengths[0]!;
  const now = ctx.deps.clock.now();
  const { earliest, latest } = bookingWindow(rules, now);
  const from = Math.max(earliest, query.from ? Date.parse(query.from) : earliest);
  const busy =
    from < latest
      ? await ctx
          .calendarFor(calendar.settings)
          .busy({ start: from - 86_400_000, end: latest + 86_400_000 }, client.timezone)
      : [];
  let ignoreUid: string | undefined;
  if (query.meetingId) {
    const own = await ctx.deps.db
      .selectFrom('meetings')
      .select('uid')
      .where('id', '=', query.meetingId)
      .executeTakeFirst();
    ignoreUid = own?.uid;
  }
  // Meetings booked here but not yet in the calendar (the outbox is behind) block too.
  const booked = await ctx.deps.db
    .selectFrom('meetings')
    .select(['starts_at', 'ends_at', 'uid'])
    .where('client_id', '=', clientId)
    .where('state', '=', 'booked')
    .where('ends_at', '>', from)
    .execute();
  const slots = findSlots({
    rules,
    zone: client.timezone,
    busy: [...busy, ...booked.map((b) => ({ start: b.starts_at, end: b.ends_at, uid: b.uid }))],
    now,
    lengthMinutes,
    limit: query.limit,
    from,
    ...(ignoreUid ? { ignoreUid } : {}),
  });
  return {
    clientId,
    timezone: client.timezone,
    lengthMinutes,
    slots: slots.map((s) => ({
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
    })),
  };
}

/** One meeting, or NotFoundError. */
export async function getMeeting(ctx: MeetingContext, id: string): Promise<Meeting> {
  const row = await ctx.deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No meeting with id ${id}.`);
  return meetingFromRow(row);
}

/** The meeting of a task, or undefined (NotFoundError for an unknown task). */
export async function meetingOfTask(
  ctx: MeetingContext,
  taskId: string,
): Promise<Meeting | undefined> {
  await getTask(ctx.deps, taskId);
  const row = await ctx.deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row ? meetingFromRow(row) : undefined;
}

/** Query of listMeetings. */
export const listMeetingsSchema = z.strictObject({
  clientId: z.string().min(1).max(100).optional(),
  /** A local day (YYYY-MM-DD) in each client's own zone; default: from now on. */
  day: z.iso.date().optional(),
  includeCancelled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Meetings, soonest first: of one client or all, of one local day or upcoming. */
export async function listMeetings(ctx: MeetingContext, input: unknown): Promise<Meeting[]> {
  const query = parseInput(listMeetingsSchema, input, 'meeting query');
  const now = ctx.deps.clock.now();
  let q = ctx.deps.db.selectFrom('meetings').selectAll();
  if (query.clientId) q = q.where('client_id', '=', query.clientId);
  if (query.includeCancelled !== 'true') q = q.where('state', '=', 'booked');
  if (query.day) {
    // A day is local to each client: take a wide UTC window, then keep each client's own day.
    const day = DateTime.fromISO(query.day, { zone: 'utc' });
    q = q
      .where('starts_at', '>=', day.minus({ days: 1 }).toMillis())
      .where('starts_at', '<', day.plus({ days: 2 }).toMillis());
  } else {
    q = q.where('ends_at', '>', now);
  }
  const rows = await q.orderBy('starts_at').limit(query.limit).execute();
  return rows
    .filter(
      (r) =>
        !query.day ||
        DateTime.fromMillis(r.starts_at, { zone: r.timezone }).toISODate() === query.day,
    )
    .map(meetingFromRow);
}
