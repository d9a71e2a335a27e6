/**
 * Shared set-up of the meeting tests: a file database with a client in Europe/Prague, its
 * mailbox on the test dovecot/SMTP pair, its calendar on the test Radicale, and the meeting
 * desk. A fixed clock (Monday 12 October 2026, 06:00 UTC) keeps the slots the same every run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import ICAL from 'ical.js';
import type {
  CalendarSettings,
  CalendarConnector,
} from '../../../src/connectors/calendar/index.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import type { Clock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService, type TaskService } from '../../../src/tasks/index.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { createMeetingDesk, type MeetingDesk } from '../../../src/tasks/meetings/index.js';
import type { RowDelivery } from '../../../src/tasks/queue/row-delivery.js';
import type { CalDavServer } from '../../env/caldav/radicale.js';
import type { ImapServer } from '../../env/mail/dovecot.js';

/** Monday 12 October 2026, 06:00 UTC (08:00 in Prague). */
export const NOW = Date.parse('2026-10-12T06:00:00Z');
export const fixedClock: Clock = {
  now: () => NOW,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One open sitedesk side; close and open again to "restart". */
export interface Side {
  store: Store;
  tasks: TaskService;
  desk: MeetingDesk;
  close(): Promise<void>;
}

export function dataFolder(): string {
  return mkdtempSync(join(tmpdir(), 'sitedesk-meetings-'));
}

/** The secrets of the client's mailbox (alice on dovecot) and calendar (alice on Radicale). */
export function secretsFor(imap: ImapServer, caldav: CalDavServer): SecretStore {
  return createMemorySecretStore({
    'mailbox:shop': imap.users[0]!.password,
    'calendar:plumber': caldav.users[0]!.password,
  });
}

export async function openSide(
  dir: string,
  secrets: SecretStore,
  options: {
    calendarFor?: (s: CalendarSettings) => CalendarConnector;
    leaseMs?: number;
    /** A job queue's side (PostgreSQL): passes ask it for meetings instead of writing them. */
    delivery?: RowDelivery;
  } = {},
): Promise<Side> {
  const store = await openStore({ dataDir: dir });
  const tasks = createTaskService({ store, clock: fixedClock });
  const desk = createMeetingDesk(
    {
      tasks,
      secrets,
      logger: createSilentLogger(),
      ...(options.calendarFor ? { calendarFor: options.calendarFor } : {}),
    },
    {
      retryInitialMs: 10,
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      ...(options.delivery ? { delivery: options.delivery } : {}),
    },
  );
  return {
    store,
    tasks,
    desk,
    close: async () => {
      await desk.stop();
      await store.close();
    },
  };
}

/** Client "plumber" with its mailbox, calendar and rules (weekdays 9–17, 60 min, 15 min buffer). */
export async function seedClient(
  side: Side,
  imap: ImapServer,
  smtpPort: number,
  caldav: CalDavServer,
): Promise<string> {
  const client = await side.tasks.createClient(
    { name: 'Plumber Dvořák', timezone: 'Europe/Prague' },
    { actor: 'test' },
  );
  const user = imap.users[0]!;
  await addMailbox(side.tasks.deps, {
    clientId: client.id,
    settings: {
      id: 'shop',
      address: `${user.user}@example.test`,
      displayName: 'Plumber Dvořák',
      imap: { host: imap.host, port: imap.port, secure: false, starttls: 'never', user: user.user },
      smtp: {
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        starttls: 'never',
        user: user.user,
      },
    },
  });
  await side.desk.setCalendar(client.id, {
    id: 'plumber',
    url: caldav.url,
    username: caldav.users[0]!.user,
    calendar: 'Work',
    mailboxId: 'shop',
  });
  await side.desk.setRules(client.id, {
    lengths: [60, 30],
    bufferMinutes: 15,
    noticeMinutes: 60,
    aheadDays: 30,
    stepMinutes: 30,
    places: [
      { id: 'office', kind: 'office', label: 'Office', detail: 'Dlouhá 5, Praha' },
      { id: 'phone', kind: 'phone', label: 'Phone call' },
    ],
  });
  return client.id;
}

/** A call task of the client from a caller. */
export async function callTask(
  side: Side,
  clientId: string,
  caller = 'Jan Novák',
): Promise<string> {
  const task = await side.tasks.createTask(
    {
      kind: 'call',
      clientId,
      details: {
        caller,
        number: '+420 601 234 567',
        at: new Date(NOW).toISOString(),
        message: 'Leaking tap',
      },
    },
    { actor: 'test' },
  );
  return task.id;
}

/** The calendar part of a mail delivered to `user`'s INBOX, parsed with ical.js. */
export async function invitationsIn(
  imap: ImapServer,
  user: string,
): Promise<{ subject: string; method: string; vevent: ICAL.Component }[]> {
  const account = imap.users.find((u) => u.user === user)!;
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user, pass: account.password },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  const found: { subject: string; method: string; vevent: ICAL.Component }[] = [];
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      for await (const message of client.fetch('1:*', { source: true })) {
        const parsed = await simpleParser(message.source!);
        const calendarText =
          parsed.attachments
            .find((a) => a.contentType === 'text/calendar')
            ?.content.toString('utf8') ?? (parsed as unknown as { textAsHtml?: string }).textAsHtml;
        const raw = message.source!.toString('utf8');
        const ics = calendarText?.includes('BEGIN:VCALENDAR') ? calendarText : extractCalendar(raw);
        const calendar = new ICAL.Component(ICAL.parse(ics));
        found.push({
          subject: parsed.subject ?? '',
          method: String(calendar.getFirstPropertyValue('method')),
          vevent: calendar.getFirstSubcomponent('vevent')!,
        });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return found;
}

/** The text/calendar part of a raw message (quoted-printable or base64 decoded by mailparser's rules). */
function extractCalendar(raw: string): string {
  const start = raw.indexOf('BEGIN:VCALENDAR');
  if (start < 0) throw new Error('no calendar part in the message');
  return raw.slice(start, raw.indexOf('END:VCALENDAR', start) + 'END:VCALENDAR'.length);
}
