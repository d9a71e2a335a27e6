/**
 * The meeting outbox: each meeting row is a durable job that makes the client's calendar and
 * the person's invitation match the row (`sequence`). One worker at a time holds a row by
 * lease (renewed while it works); a row left `working` by a dead process or an expired lease
 * goes back to `pending`, like publications. Exactly one event after a crash: the event is
 * written under its stable UID (a PUT to the same resource replaces, never adds), and the
 * invitation's Message-ID is derived from UID and sequence, so a resend is the same message.
 */
import { createPassLoop } from '../../shared/pass-loop.js';
import { DateTime } from 'luxon';
import { CalendarError, meetingIcs, type MeetingEvent } from '../../connectors/calendar/index.js';
import { MailError } from '../../connectors/mail/index.js';
import { messageOf } from '../../shared/errors.js';
import { newOwnerId, ownerGone } from '../publishing/runner/leases.js';
import { getMailbox } from '../mail/mailboxes.js';
import { getCalendar } from './calendars.js';
import type { MeetingContext } from './context.js';
import { type MeetingsTable } from '../../store/tables/meetings.js';
import { askForRows, dueNow, ROWS_PER_PASS, type RowDelivery } from '../queue/row-delivery.js';

/** Timing of the worker. */
export interface MeetingOutboxOptions {
  /** First wait after a failed attempt, in ms; doubles up to retryMaxMs. Default 15 000. */
  retryInitialMs?: number;
  /** Longest wait between attempts, in ms. Default 600 000. */
  retryMaxMs?: number;
  /** How long a claimed row stays ours unless renewed, in ms. Default 60 000. */
  leaseMs?: number;
  /** How often the worker looks for due rows, in ms. Default 5 000. */
  intervalMs?: number;
  /**
   * The job queue (PostgreSQL): passes ask it for the waiting meetings instead of writing them,
   * and a worker writes each meeting it is handed (deliver). Absent (SQLite): passes write.
   */
  delivery?: RowDelivery;
}

/** The worker of one process. */
export interface MeetingOutbox {
  /** One pass: takes over rows of dead workers, works through what is due; answers how many finished. */
  runOnce(): Promise<number>;
  /**
   * Writes meeting `id` the job queue handed over, if it is still waiting and due and this
   * worker claims it; anything else (done, claimed by another, a later retry) makes it a no-op.
   */
  deliver(id: string): Promise<void>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/** Whether trying again cannot help (refused password, read-only calendar, refused recipient). */
function isFinal(error: unknown): boolean {
  if (error instanceof CalendarError) return !error.retryable;
  if (error instanceof MailError) return error.code === 'mail_send_failed' && !error.retryable;
  return false;
}

/** Creates the worker; nothing runs until start() or runOnce(). */
export function createMeetingOutbox(
  ctx: MeetingContext,
  options: MeetingOutboxOptions = {},
): MeetingOutbox {
  const self = newOwnerId();
  const leaseMs = options.leaseMs ?? 60_000;
  const initial = options.retryInitialMs ?? 15_000;
  const max = options.retryMaxMs ?? 600_000;
  const db = ctx.deps.db;
  const now = () => ctx.deps.clock.now();
  const stamp = () => new Date(now()).toISOString();

  const takeOver = async (): Promise<void> => {
    const rows = await db
      .selectFrom('meetings')
      .selectAll()
      .where('sync_state', '=', 'working')
      .execute();
    for (const row of rows) {
      const expired = row.lease_until === null || row.lease_until <= now();
      if (row.owner === self || !(expired || ownerGone(row.owner))) continue;
      let update = db
        .updateTable('meetings')
        .set({ sync_state: 'pending', owner: null, lease_until: null, updated_at: stamp() })
        .where('id', '=', row.id)
        .where('sync_state', '=', 'working');
      update =
        row.owner === null
          ? update.where('owner', 'is', null)
          : update.where('owner', '=', row.owner);
      await update.execute();
    }
  };

  const claim = async (row: MeetingsTable): Promise<boolean> => {
    const result = await db
      .updateTable('meetings')
      .set({ sync_state: 'working', owner: self, lease_until: now() + leaseMs })
      .where('id', '=', row.id)
      .where('sync_state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  };

  /** Brings the calendar and the invitation to the row's sequence, recording each step. */
  const work = async (row: MeetingsTable): Promise<void> => {
    const calendar = await getCalendar(ctx.deps, row.client_id);
    const connector = ctx.calendarFor(calendar.settings);
    const mailbox = calendar.mailboxId ? await getMailbox(ctx.deps, calendar.mailboxId) : undefined;
    const organizer = mailbox
      ? {
          name: mailbox.settings.displayName ?? mailbox.settings.address,
          email: mailbox.settings.address,
        }
      : {
          name: calendar.settings.username,
          email: calendar.settings.username.includes('@')
            ? calendar.settings.username
            : `${calendar.settings.username}@invalid`,
        };
    const event: MeetingEvent = {
      uid: row.uid,
      sequence: row.sequence,
      start: row.starts_at,
      end: row.ends_at,
      timezone: row.timezone,
      title: row.title,
      ...(row.location ? { location: row.location } : {}),
      description: [row.note, row.contact ? `Contact: ${row.contact}` : '']
        .filter(Boolean)
        .join('\n'),
      organizer,
      ...(row.person_email ? { attendee: { name: row.person_name, email: row.person_email } } : {}),
      ...(row.state === 'cancelled' ? { cancelled: true } : {}),
    };
    if (row.written_sequence !== row.sequence) {
      let url: string | null = row.event_url;
      if (row.state === 'cancelled') await connector.removeEvent(row.uid);
      else url = (await connector.writeEvent(event, now())).url;
      await db
        .updateTable('meetings')
        .set({ written_sequence: row.sequence, event_url: url, updated_at: stamp() })
        .where('id', '=', row.id)
        .where('owner', '=', self)
        .execute();
    }
    // Nobody to invite, no mailbox to send from, or a cancellation of an invitation never sent.
    const invite =
      row.person_email !== null &&
      mailbox !== undefined &&
      row.invited_sequence !== row.sequence &&
      !(row.state === 'cancelled' && row.invited_sequence === null);
    if (invite) {
      const method = row.state === 'cancelled' ? 'CANCEL' : 'REQUEST';
      const when = DateTime.fromMillis(row.starts_at, {
        zone: row.person_timezone ?? row.timezone,
      });
      const words =
        method === 'CANCEL'
          ? `The meeting "${row.title}" on ${when.toFormat('cccc d LLLL yyyy, HH:mm')} is cancelled.`
          : `${row.sequence > 0 ? 'The meeting has moved. ' : ''}"${row.title}" on ${when.toFormat('cccc d LLLL yyyy, HH:mm')} (${when.zoneName})` +
            (row.location ? `, ${row.location}` : '') +
            '.';
      await ctx.senderFor(mailbox.settings).send(
        {
          from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
          to: [{ address: row.person_email!, name: row.person_name }],
          subject: `${method === 'CANCEL' ? 'Cancelled' : row.sequence > 0 ? 'Moved' : 'Invitation'}: ${row.title}`,
          text: `${words}\n`,
          messageId: `${row.uid}-${row.sequence}@${mailbox.settings.address.split('@')[1] ?? 'sitedesk.invalid'}`,
          icalEvent: {
            method,
            content: meetingIcs(event, {
              method: method === 'CANCEL' ? 'cancel' : 'request',
              now: now(),
            }),
          },
        },
        { saveToSent: true },
      );
      await db
        .updateTable('meetings')
        .set({ invited_sequence: row.sequence, updated_at: stamp() })
        .where('id', '=', row.id)
        .where('owner', '=', self)
        .execute();
    }
  };

  const attempt = async (row: MeetingsTable): Promise<boolean> => {
    const renew = setInterval(
      () => {
        db.updateTable('meetings')
          .set({ lease_until: now() + leaseMs })
          .where('id', '=', row.id)
          .where('owner', '=', self)
          .execute()
          .catch((err: unknown) => ctx.logger.warn({ err }, 'renewing a meeting lease failed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    const attempts = row.attempts + 1;
    try {
      await work(row);
      clearInterval(renew);
      // Done only when nobody moved or cancelled it meanwhile; else it goes round again.
      const done = await db
        .updateTable('meetings')
        .set({
          sync_state: 'done',
          attempts,
          owner: null,
          lease_until: null,
          last_error: null,
          updated_at: stamp(),
        })
        .where('id', '=', row.id)
        .where('owner', '=', self)
        .where('sequence', '=', row.sequence)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) {
        await db
          .updateTable('meetings')
          .set({ sync_state: 'pending', owner: null, lease_until: null, next_attempt_at: now() })
          .where('id', '=', row.id)
          .where('owner', '=', self)
          .execute();
      }
      return true;
    } catch (error) {
      clearInterval(renew);
      const final = isFinal(error);
      const wait = Math.min(max, initial * 2 ** (attempts - 1));
      ctx.logger.warn({ meeting: row.id, attempts, final, err: error }, 'meeting not written');
      await db
        .updateTable('meetings')
        .set({
          sync_state: final ? 'failed' : 'pending',
          attempts,
          next_attempt_at: now() + (final ? 0 : wait),
          owner: null,
          lease_until: null,
          last_error: messageOf(error).slice(0, 2000),
          updated_at: stamp(),
        })
        .where('id', '=', row.id)
        .where('owner', '=', self)
        .execute();
      return false;
    }
  };

  /** Claims `row`, reads it again (a move may have landed meanwhile) and works it. */
  const claimAndAttempt = async (row: MeetingsTable): Promise<boolean> => {
    if (!(await claim(row))) return false;
    const fresh = await db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return attempt(fresh);
  };

  const runPass = async (): Promise<number> => {
    await takeOver();
    const delivery = options.delivery;
    if (delivery) {
      const waiting = await db
        .selectFrom('meetings')
        .select(['id', 'next_attempt_at'])
        .where('sync_state', '=', 'pending')
        .orderBy('next_attempt_at')
        .limit(ROWS_PER_PASS)
        .execute();
      await askForRows(
        delivery,
        waiting.map((row) => ({ id: row.id, at: row.next_attempt_at })),
        now(),
      );
      return 0;
    }
    const due = await db
      .selectFrom('meetings')
      .selectAll()
      .where('sync_state', '=', 'pending')
      .where('next_attempt_at', '<=', now())
      .orderBy('next_attempt_at')
      .limit(50)
      .execute();
    let finished = 0;
    for (const row of due) if (await claimAndAttempt(row)) finished++;
    return finished;
  };

  const outbox: MeetingOutbox = {
    async deliver(id) {
      const row = await db
        .selectFrom('meetings')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || row.sync_state !== 'pending' || !dueNow(row.next_attempt_at, now())) return;
      await claimAndAttempt(row);
    },
    ...createPassLoop(runPass, {
      intervalMs: options.intervalMs ?? 5_000,
      onError: (err: unknown) => ctx.logger.error({ err }, 'meeting outbox pass failed'),
    }),
  };
  return outbox;
}
