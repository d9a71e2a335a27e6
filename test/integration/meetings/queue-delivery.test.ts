/**
 * Meeting writes through a job queue (issue 22, PostgreSQL's way; the outbox code is the same on
 * both stores): a pass of the outbox only asks the queue for the waiting meeting, at its time,
 * and writes nothing; the worker the queue hands it to writes the event to the real Radicale and
 * sends the invitation over real SMTP. The queue delivers at least once: two deliveries at the
 * same moment still make one event and one invitation (the row's claim lets one through).
 * The queue itself is pg-boss on PostgreSQL (test/integration/postgres/mail-instances.test.ts
 * runs the same delivery path for outbox mail end to end); here its side is a list of asks.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startCalDavServer, type CalDavServer } from '../../env/caldav/radicale.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { callTask, dataFolder, NOW, openSide, secretsFor, seedClient, type Side } from './setup.js';

let caldav: CalDavServer;
let imap: ImapServer;
let smtp: SmtpTestServer;
let side: Side;
let clientId: string;
const asked: { id: string; at: number }[] = [];

beforeAll(async () => {
  [caldav, imap, smtp] = await Promise.all([
    startCalDavServer(),
    startImapServer(),
    startSmtpServer(),
  ]);
  await caldav.makeCalendar('alice', 'Work');
  side = await openSide(dataFolder(), secretsFor(imap, caldav), {
    delivery: { enqueue: async (id, at) => void asked.push({ id, at }) },
  });
  clientId = await seedClient(side, imap, smtp.port, caldav);
});
afterAll(async () => {
  await side?.close();
  await Promise.all([caldav?.dispose(), imap?.dispose(), smtp?.stop()]);
});

it('a pass asks the queue; two deliveries write one event and send one invitation', async () => {
  const taskId = await callTask(side, clientId);
  const { meeting } = await side.desk.book(
    taskId,
    {
      start: DateTime.fromISO('2026-10-13T14:00', { zone: 'Europe/Prague' }).toUTC().toISO()!,
      lengthMinutes: 60,
      placeId: 'office',
      person: { name: 'Jan Novák', email: 'bob@example.test' },
    },
    { actor: 'secretary' },
  );
  expect(await side.desk.runOutbox()).toBe(0);
  expect(asked).toEqual([{ id: meeting.id, at: NOW }]);
  expect(caldav.files('alice', 'Work')).toHaveLength(0);
  expect((await side.desk.get(meeting.id)).sync).toMatchObject({ state: 'pending' });

  await Promise.all([side.desk.deliver(meeting.id), side.desk.deliver(meeting.id)]);
  expect((await side.desk.get(meeting.id)).sync).toMatchObject({
    state: 'done',
    written: 0,
    invited: 0,
  });
  expect(caldav.files('alice', 'Work')).toHaveLength(1);
  expect(smtp.messages.filter((m) => m.to.includes('bob@example.test'))).toHaveLength(1);

  // Delivered again later (the queue's retry after a lost acknowledgement): nothing more.
  await side.desk.deliver(meeting.id);
  expect(caldav.files('alice', 'Work')).toHaveLength(1);
  expect(smtp.messages.filter((m) => m.to.includes('bob@example.test'))).toHaveLength(1);
  // Done rows are not asked for again.
  asked.length = 0;
  await side.desk.runOutbox();
  expect(asked).toEqual([]);
});
