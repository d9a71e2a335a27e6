/**
 * Booking from a call task against real servers: Radicale holds the client's calendar, the
 * invitation goes out over SMTP from the client's mailbox and is read back from dovecot and
 * parsed with ical.js (same UID, right local time). Moving and cancelling change the same
 * event; two bookings of one slot: one wins, the other is told in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { startCalDavServer, type CalDavServer } from '../../env/caldav/radicale.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { until } from '../tasks/until.js';
import {
  callTask,
  dataFolder,
  invitationsIn,
  openSide,
  secretsFor,
  seedClient,
  type Side,
} from './setup.js';

let caldav: CalDavServer;
let imap: ImapServer;
let smtp: SmtpTestServer;
let side: Side;
let clientId: string;
let calendarUrl: string;

/** A Prague wall-clock time on the test week, as the API takes it. */
const prague = (iso: string): string =>
  DateTime.fromISO(iso, { zone: 'Europe/Prague' }).toUTC().toISO()!;

beforeAll(async () => {
  [caldav, imap, smtp] = await Promise.all([
    startCalDavServer(),
    startImapServer(),
    startSmtpServer(),
  ]);
  calendarUrl = await caldav.makeCalendar('alice', 'Work');
  side = await openSide(dataFolder(), secretsFor(imap, caldav));
  clientId = await seedClient(side, imap, smtp.port, caldav);
});
afterAll(async () => {
  await side?.close();
  await Promise.all([caldav?.dispose(), imap?.dispose(), smtp?.stop()]);
});

/** Hands every message the SMTP server took to bob's INBOX on dovecot, as a mail server would. */
async function deliverToBob(): Promise<void> {
  while (smtp.messages.length > 0) await imap.deliver('bob', smtp.messages.shift()!.raw);
}

describe('meetings in the client calendar', () => {
  it('offers slots around what is already in the calendar', async () => {
    await caldav.put(
      'alice',
      calendarUrl,
      'dentist.ics',
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//other//EN',
        'BEGIN:VEVENT',
        'UID:dentist',
        'DTSTAMP:20260101T000000Z',
        'DTSTART:20261012T080000Z', // 10:00–11:00 Prague
        'DTEND:20261012T090000Z',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const list = await side.desk.slots(clientId, { limit: 4 });
    const local = list.slots.map((s) =>
      DateTime.fromISO(s.start, { zone: 'Europe/Prague' }).toFormat('HH:mm'),
    );
    // Notice 60 min from 08:00; 9:00–10:00 would touch the dentist's buffer; 11:00 too.
    expect(local).toEqual(['11:30', '12:00', '12:30', '13:00']);
    expect(list.timezone).toBe('Europe/Prague');
  });

  it('books from a call task: one event with a stable UID, one invitation', async () => {
    const taskId = await callTask(side, clientId);
    const input = {
      start: prague('2026-10-13T14:00'),
      lengthMinutes: 60,
      placeId: 'office',
      person: { name: 'Jan Novák', email: 'bob@example.test' },
      note: 'Leaking tap in the kitchen',
    };
    const first = await side.desk.book(taskId, input, { actor: 'secretary' });
    const again = await side.desk.book(taskId, input, { actor: 'secretary' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.meeting.id).toBe(first.meeting.id);
    await side.desk.runOutbox();
    const meeting = await side.desk.get(first.meeting.id);
    expect(meeting.sync).toMatchObject({ state: 'done', written: 0, invited: 0 });
    expect(caldav.files('alice', 'Work').filter((f) => f !== 'dentist.ics')).toHaveLength(1);

    await until(
      async () => smtp.messages.length,
      (n) => n === 1,
      10_000,
      'the invitation',
    );
    expect(smtp.messages[0]!.to).toEqual(['bob@example.test']);
    await deliverToBob();
    const [invitation] = await until(
      () => invitationsIn(imap, 'bob'),
      (l) => l.length === 1,
      10_000,
    );
    expect(invitation!.method).toBe('REQUEST');
    const event = new ICAL.Event(invitation!.vevent);
    expect(event.uid).toBe(meeting.uid);
    expect(invitation!.vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(
      'Europe/Prague',
    );
    expect(event.startDate.toString()).toBe('2026-10-13T14:00:00');
    const attendee = invitation!.vevent.getFirstProperty('attendee')!;
    expect(attendee.getParameter('schedule-agent')).toBe('CLIENT');
    expect(String(attendee.getFirstValue())).toMatch(/bob@example.test/i);

    // The task's history says a meeting was booked.
    const { history } = await side.tasks.getTask(taskId);
    expect(history.map((h) => h.action)).toContain('meeting:booked');
  });

  it('two bookings of one slot: one wins, the other is told', async () => {
    const [a, b] = [await callTask(side, clientId, 'Eva'), await callTask(side, clientId, 'Petr')];
    const input = { start: prague('2026-10-14T09:00'), lengthMinutes: 60, placeId: 'phone' };
    const results = await Promise.allSettled([
      side.desk.book(a, input, { actor: 'tab-1' }),
      side.desk.book(b, input, { actor: 'tab-2' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'meeting_slot_taken' });
    expect(String(lost[0]!.reason.message)).toMatch(/Wed 14 Oct 2026 09:00.*pick another time/);
  });

  it('moves and cancels the same event, sending the update', async () => {
    const taskId = await callTask(side, clientId, 'Marie');
    const { meeting } = await side.desk.book(
      taskId,
      {
        start: prague('2026-10-15T10:00'),
        lengthMinutes: 30,
        placeId: 'office',
        person: { name: 'Marie', email: 'bob@example.test' },
      },
      { actor: 'secretary' },
    );
    await side.desk.runOutbox();
    const before = caldav.files('alice', 'Work').length;
    const moved = await side.desk.move(
      meeting.id,
      { start: prague('2026-10-16T15:00') },
      { actor: 'secretary' },
    );
    expect(moved.sequence).toBe(1);
    await side.desk.runOutbox();
    expect(caldav.files('alice', 'Work')).toHaveLength(before);
    const calendar = await import('../../../src/connectors/calendar/index.js');
    const connector = calendar.createCalendarConnector(
      (await side.desk.getCalendar(clientId)).settings,
      { secrets: secretsFor(imap, caldav) },
    );
    const stored = new ICAL.Component(ICAL.parse((await connector.readEvent(meeting.uid))!));
    const vevent = stored.getFirstSubcomponent('vevent')!;
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2026-10-16T15:00:00');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);

    await side.desk.cancel(meeting.id, { actor: 'secretary' });
    await side.desk.runOutbox();
    expect(await connector.readEvent(meeting.uid)).toBeUndefined();
    await until(
      async () => smtp.messages.length,
      (n) => n >= 3,
      10_000,
      'invitation, move and cancel',
    );
    await deliverToBob();
    const mails = (await invitationsIn(imap, 'bob')).filter(
      (m) => new ICAL.Event(m.vevent).uid === meeting.uid,
    );
    expect(mails.map((m) => m.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(mails.map((m) => m.vevent.getFirstPropertyValue('sequence'))).toEqual([0, 1, 2]);
  });

  it('refuses a slot an event took in the meantime, and bad input by field', async () => {
    const taskId = await callTask(side, clientId, 'Late');
    await caldav.put(
      'alice',
      calendarUrl,
      'just-added.ics',
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//other//EN',
        'BEGIN:VEVENT',
        'UID:just-added',
        'DTSTAMP:20260101T000000Z',
        'DTSTART;TZID=Europe/Prague:20261019T090000',
        'DTEND;TZID=Europe/Prague:20261019T100000',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    await expect(
      side.desk.book(
        taskId,
        { start: prague('2026-10-19T09:00'), lengthMinutes: 60, placeId: 'office' },
        { actor: 's' },
      ),
    ).rejects.toMatchObject({ code: 'meeting_slot_taken' });
    await expect(
      side.desk.book(
        taskId,
        { start: prague('2026-10-19T13:00'), lengthMinutes: 45, placeId: 'office' },
        { actor: 's' },
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', details: [{ path: 'lengthMinutes' }] });
    await expect(
      side.desk.book(
        taskId,
        { start: prague('2026-10-18T13:00'), lengthMinutes: 60, placeId: 'office' },
        { actor: 's' },
      ),
    ).rejects.toMatchObject({
      details: [{ path: 'start', message: expect.stringMatching(/working hours/) }],
    });
  });
});
