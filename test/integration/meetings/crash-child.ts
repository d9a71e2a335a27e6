/**
 * One "sitedesk process" for crash.test.ts, run as its own process (tsx): books a meeting for
 * task `<taskId>` in the database in `<dir>` and runs the outbox; when its PUT to the calendar
 * has been answered it prints PUT-DONE and hangs, so the test can kill -9 it right after the
 * event was written and before that was recorded. Passwords come in the environment (test only).
 */
import { createCalendarConnector } from '../../../src/connectors/calendar/index.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { openSide } from './setup.js';

// The pid that owns the meeting (a launcher may sit between the test and this process).
process.stdout.write(`PID ${process.pid}\n`);
const [dir = '', taskId = '', start = ''] = process.argv.slice(2);
const secrets = createMemorySecretStore({
  'mailbox:shop': process.env.TEST_MAILBOX_PASSWORD ?? '',
  'calendar:plumber': process.env.TEST_CALENDAR_PASSWORD ?? '',
});
const stallAfterPut: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (init?.method === 'PUT') {
    process.stdout.write('PUT-DONE\n');
    await new Promise(() => {}); // the process is killed here
  }
  return response;
};
const side = await openSide(dir, secrets, {
  calendarFor: (settings) => createCalendarConnector(settings, { secrets, fetch: stallAfterPut }),
});
await side.desk.book(
  taskId,
  {
    start,
    lengthMinutes: 60,
    placeId: 'office',
    person: { name: 'Jan', email: 'bob@example.test' },
  },
  { actor: 'crash-child' },
);
process.stdout.write('BOOKED\n');
await side.desk.runOutbox();
process.stdout.write('NOT-KILLED\n');
