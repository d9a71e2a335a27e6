/**
 * Booking, moving and cancelling a meeting. Each checks the slot again at that moment, in two
 * places: the client's calendar itself (someone may have added an event since the slots were
 * shown) and, inside one transaction, the meetings booked here (two secretaries or two tabs
 * booking the same time: the first commit wins, the other gets a ConflictError in words). The
 * calendar write and the invitation are left to the outbox (outbox.ts); the row is the job.
 */
import type { Transaction } from 'kysely';
import { DateTime } from 'luxon';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/history.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor } from '../context.js';
import { getTask } from '../task-list/queries.js';
import type { Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';
import { getCalendar, getMeetingRules } from './calendars.js';
import type { MeetingContext } from './context.js';
import { bookMeetingSchema, meetingFromRow, moveMeetingSchema, type Meeting } from './model.js';
import type { MeetingRules } from './rules.js';
import { bookingWindow, isBusy, withinHours } from './slots.js';
import type { Database, MeetingsTable } from '../../store/index.js';

const MINUTE = 60_000;

/** The event UID of the meeting of `taskId`: the same for every retry, click and move. */
export function meetingUid(calendarId: string, taskId: string): string {
  return `sitedesk-${calendarId}-${taskId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** Who the meeting is with and how to reach them, from a call or mail task. */
export function personFromTask(task: Task): { name: string; email?: string; contact?: string } {
  if (task.kind === 'call') return { name: task.details.caller, contact: task.details.number };
  if (task.kind === 'mail') {
    const from = task.details.from;
    const address = from.match(/<([^>]+)>/)?.[1] ?? (from.includes('@') ? from.trim() : undefined);
    const name =
      from
        .replace(/<[^>]*>/, '')
        .replace(/"/g, '')
        .trim() ||
      address ||
      from;
    return { name, ...(address ? { email: address } : {}) };
  }
  return { name: task.title };
}

/** Books a meeting for call or mail task `taskId`; a second identical booking answers the first. */
export async function bookMeeting(
  ctx: MeetingContext,
  taskId: string,
  input: unknown,
  who: Actor,
): Promise<{ meeting: Meeting; created: boolean }> {
  const data = parseInput(bookMeetingSchema, input, 'meeting');
  const { task } = await getTask(ctx.deps, taskId);
  if (task.kind !== 'call' && task.kind !== 'mail') {
    throw invalid('meeting', [
      { path: 'taskId', message: 'meetings are booked from call and mail tasks' },
    ]);
  }
  const client = await getClient(ctx.deps, task.clientId);
  const calendar = await getCalendar(ctx.deps, client.id);
  const rules = await getMeetingRules(ctx.deps, client.id);
  const start = Date.parse(data.start);
  const end = start + data.lengthMinutes * MINUTE;
  const place = checkRules(rules, client.timezone, ctx.deps.clock.now(), start, end, data);
  const uid = meetingUid(calendar.settings.id, task.id);
  const db = ctx.deps.db;
  const existing = await db
    .selectFrom('meetings')
    .selectAll()
    .where('task_id', '=', task.id)
    .executeTakeFirst();
  if (existing?.state === 'booked') {
    if (existing.starts_at === start && existing.ends_at === end) {
      return { meeting: meetingFromRow(existing), created: false };
    }
    throw new ConflictError(
      `This task already has a meeting on ${local(existing.starts_at, existing.timezone)}; move it instead of booking another.`,
      { code: 'meeting_exists' },
    );
  }
  await checkCalendarFree(ctx, calendar.settings, client.timezone, rules, start, end, uid);
  const fromTask = personFromTask(task);
  const person = data.person ?? {
    name: fromTask.name,
    ...(fromTask.email ? { email: fromTask.email } : {}),
  };
  const row = await inTransaction(ctx.deps, who, async (unit) => {
    const trx = unit.trx;
    await assertNoOverlap(trx, client.id, rules, start, end, task.id);
    const values = {
      client_id: client.id,
      calendar_id: calendar.settings.id,
      uid,
      title: data.title ?? task.title,
      person_name: person.name,
      person_email: person.email ?? null,
      person_timezone: person.timezone ?? null,
      contact: data.contact ?? fromTask.contact ?? null,
      place_id: place.id,
      location: [place.label, place.detail].filter(Boolean).join(', ') || null,
      note: data.note ?? null,
      starts_at: start,
      ends_at: end,
      timezone: client.timezone,
      state: 'booked',
      sync_state: 'pending',
      attempts: 0,
      next_attempt_at: ctx.deps.clock.now(),
      owner: null,
      lease_until: null,
      last_error: null,
      updated_at: unit.at,
    };
    try {
      if (existing) {
        await trx
          .updateTable('meetings')
          .set({ ...values, sequence: existing.sequence + 1 })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx
          .insertInto('meetings')
          .values({
            ...values,
            id: ctx.deps.newId(),
            task_id: task.id,
            sequence: 0,
            written_sequence: null,
            invited_sequence: null,
            event_url: null,
            created_at: unit.at,
          })
          .execute();
      }
    } catch (error) {
      if (/UNIQUE/i.test(String((error as Error).message))) throw slotTaken(start, client.timezone);
      throw error;
    }
    await appendHistory(unit.trx, ctx.deps.newId, {
      entity: 'task',
      entityId: task.id,
      taskId: task.id,
      action: 'meeting:booked',
      actor: unit.actor,
      at: unit.at,
      changes: {
        uid,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        place: place.id,
      },
    });
    return trx
      .selectFrom('meetings')
      .selectAll()
      .where('task_id', '=', task.id)
      .executeTakeFirstOrThrow();
  });
  ctx.wake();
  return { meeting: meetingFromRow(row), created: true };
}

/** Moves a meeting to a new start (and length): the same event, SEQUENCE raised, an update sent. */
export async function moveMeeting(
  ctx: MeetingContext,
  meetingId: string,
  input: unknown,
  who: Actor,
): Promise<Meeting> {
  const data = parseInput(moveMeetingSchema, input, 'meeting move');
  const row = await requireMeeting(ctx, meetingId);
  if (row.state !== 'booked') {
    throw new ConflictError('This meeting was cancelled; book a new one instead.', {
      code: 'meeting_cancelled',
    });
  }
  const client = await getClient(ctx.deps, row.client_id);
  const calendar = await getCalendar(ctx.deps, client.id);
  const rules = await getMeetingRules(ctx.deps, client.id);
  const start = Date.parse(data.start);
  const end = start + (data.lengthMinutes ?? (row.ends_at - row.starts_at) / MINUTE) * MINUTE;
  if (start === row.starts_at && end === row.ends_at) return meetingFromRow(row);
  checkRules(rules, client.timezone, ctx.deps.clock.now(), start, end, {
    lengthMinutes: (end - start) / MINUTE,
    placeId: row.place_id,
  });
  await checkCalendarFree(ctx, calendar.settings, client.timezone, rules, start, end, row.uid);
  const after = await inTransaction(ctx.deps, who, async (unit) => {
    const trx = unit.trx;
    await assertNoOverlap(trx, client.id, rules, start, end, row.task_id);
    try {
      await trx
        .updateTable('meetings')
        .set({
          starts_at: start,
          ends_at: end,
          sequence: row.sequence + 1,
          sync_state: 'pending',
          attempts: 0,
          next_attempt_at: ctx.deps.clock.now(),
          last_error: null,
          updated_at: unit.at,
        })
        .where('id', '=', row.id)
        .where('state', '=', 'booked')
        .execute();
    } catch (error) {
      if (/UNIQUE/i.test(String((error as Error).message))) throw slotTaken(start, client.timezone);
      throw error;
    }
    await appendHistory(unit.trx, ctx.deps.newId, {
      entity: 'task',
      entityId: row.task_id,
      taskId: row.task_id,
      action: 'meeting:moved',
      actor: unit.actor,
      at: unit.at,
      changes: {
        start: { from: new Date(row.starts_at).toISOString(), to: new Date(start).toISOString() },
      },
    });
    return trx
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
  });
  ctx.wake();
  return meetingFromRow(after);
}

/** Cancels a meeting: the event leaves the calendar and the person gets a cancellation. */
export async function cancelMeeting(
  ctx: MeetingContext,
  meetingId: string,
  who: Actor,
): Promise<Meeting> {
  const row = await requireMeeting(ctx, meetingId);
  if (row.state === 'cancelled') return meetingFromRow(row);
  const after = await inTransaction(ctx.deps, who, async (unit) => {
    const trx = unit.trx;
    await trx
      .updateTable('meetings')
      .set({
        state: 'cancelled',
        sequence: row.sequence + 1,
        sync_state: 'pending',
        attempts: 0,
        next_attempt_at: ctx.deps.clock.now(),
        last_error: null,
        updated_at: unit.at,
      })
      .where('id', '=', row.id)
      .execute();
    await appendHistory(unit.trx, ctx.deps.newId, {
      entity: 'task',
      entityId: row.task_id,
      taskId: row.task_id,
      action: 'meeting:cancelled',
      actor: unit.actor,
      at: unit.at,
      changes: { uid: row.uid },
    });
    return trx
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
  });
  ctx.wake();
  return meetingFromRow(after);
}

async function requireMeeting(ctx: MeetingContext, id: string): Promise<MeetingsTable> {
  const row = await ctx.deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No meeting with id ${id}.`);
  return row;
}

/** The rules a booking must keep; a 400 naming the field otherwise. Answers the place. */
function checkRules(
  rules: MeetingRules,
  zone: string,
  now: number,
  start: number,
  end: number,
  data: { lengthMinutes: number; placeId: string },
) {
  if (!rules.lengths.includes(data.lengthMinutes)) {
    throw invalid('meeting', [
      {
        path: 'lengthMinutes',
        message: `must be one of the client's lengths: ${rules.lengths.join(', ')} minutes`,
      },
    ]);
  }
  const place = rules.places.find((p) => p.id === data.placeId);
  if (!place) {
    throw invalid('meeting', [
      {
        path: 'placeId',
        message: `must be one of the client's places: ${rules.places.map((p) => p.id).join(', ')}`,
      },
    ]);
  }
  const { earliest, latest } = bookingWindow(rules, now);
  if (start < earliest || end > latest) {
    throw invalid('meeting', [
      {
        path: 'start',
        message: `must be between ${local(earliest, zone)} and ${local(latest, zone)} (the client's rules)`,
      },
    ]);
  }
  if (!withinHours(rules, zone, start, end)) {
    throw invalid('meeting', [
      { path: 'start', message: `${local(start, zone)} is outside the client's working hours` },
    ]);
  }
  return place;
}

/** Reads the client's calendar around [start, end): a 409 when an event is there now. */
async function checkCalendarFree(
  ctx: MeetingContext,
  settings: Parameters<MeetingContext['calendarFor']>[0],
  zone: string,
  rules: MeetingRules,
  start: number,
  end: number,
  ownUid: string,
): Promise<void> {
  const margin = rules.bufferMinutes * MINUTE;
  const busy = await ctx
    .calendarFor(settings)
    .busy({ start: start - margin, end: end + margin }, zone);
  if (isBusy(busy, rules.bufferMinutes, start, end, ownUid)) {
    throw new ConflictError(
      `${local(start, zone)} is no longer free in the client's calendar; pick another time.`,
      { code: 'meeting_slot_taken' },
    );
  }
}

/** Inside the booking transaction: no other meeting of the client within the buffer. */
async function assertNoOverlap(
  trx: Transaction<Database>,
  clientId: string,
  rules: MeetingRules,
  start: number,
  end: number,
  taskId: string,
): Promise<void> {
  const margin = rules.bufferMinutes * MINUTE;
  const other = await trx
    .selectFrom('meetings')
    .select(['starts_at', 'title', 'timezone'])
    .where('client_id', '=', clientId)
    .where('state', '=', 'booked')
    .where('task_id', '!=', taskId)
    .where('starts_at', '<', end + margin)
    .where('ends_at', '>', start - margin)
    .executeTakeFirst();
  if (other) {
    throw new ConflictError(
      `${local(start, other.timezone)} was just booked for "${other.title}"; pick another time.`,
      { code: 'meeting_slot_taken' },
    );
  }
}

function slotTaken(start: number, zone: string): ConflictError {
  return new ConflictError(
    `${local(start, zone)} was just booked by someone else; pick another time.`,
    {
      code: 'meeting_slot_taken',
    },
  );
}

/** A time as the client reads it, e.g. "Thu 15 Oct 2026 10:00 (Europe/Prague)". */
function local(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL yyyy HH:mm')} (${zone})`;
}
