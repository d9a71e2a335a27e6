/**
 * Book → the process dies (kill -9) right after its PUT reached the calendar, before it could
 * record it → another process starts on the same database: it takes over the meeting (its
 * owner is gone), writes it again under the same UID, and the calendar holds exactly one event;
 * the invitation goes out once.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startCalDavServer, type CalDavServer } from '../../env/caldav/radicale.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { until } from '../tasks/until.js';
import { callTask, dataFolder, openSide, secretsFor, seedClient } from './setup.js';
import { nodeArgs } from '../../env/node-scripts.js';

let caldav: CalDavServer;
let imap: ImapServer;
let smtp: SmtpTestServer;

beforeAll(async () => {
  [caldav, imap, smtp] = await Promise.all([
    startCalDavServer(),
    startImapServer(),
    startSmtpServer(),
  ]);
  await caldav.makeCalendar('alice', 'Work');
});
afterAll(async () => {
  await Promise.all([caldav?.dispose(), imap?.dispose(), smtp?.stop()]);
});

it('kill -9 after the calendar write, restart: exactly one event, one invitation', async () => {
  const dir = dataFolder();
  const first = await openSide(dir, secretsFor(imap, caldav));
  const clientId = await seedClient(first, imap, smtp.port, caldav);
  const taskId = await callTask(first, clientId);
  await first.close();

  const start = DateTime.fromISO('2026-10-13T10:00', { zone: 'Europe/Prague' }).toUTC().toISO()!;
  const child = spawn(
    process.execPath,
    nodeArgs('test/integration/meetings/crash-child.ts', dir, taskId, start),
    {
      env: {
        ...process.env,
        TEST_MAILBOX_PASSWORD: imap.users[0]!.password,
        TEST_CALENDAR_PASSWORD: caldav.users[0]!.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_c, signal) => resolve(signal)),
  );
  await until(
    async () => out + err,
    (text) => text.includes('PUT-DONE') || child.exitCode !== null,
    60_000,
    'the child to write',
  );
  expect(out).toContain('PUT-DONE');
  // The whole group, as a crash takes the process; then wait until the OS says it is gone.
  process.kill(-child.pid!, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const pid = Number(/PID (\d+)/.exec(out)?.[1]);
  await until(
    async () => alive(pid),
    (yes) => !yes,
    10_000,
    `process ${pid} to end`,
  );
  expect(out).not.toContain('NOT-KILLED');

  const events = () => caldav.files('alice', 'Work');
  expect(events()).toHaveLength(1); // the write landed …
  expect(smtp.messages).toHaveLength(0); // … the invitation did not go out

  const second = await openSide(dir, secretsFor(imap, caldav));
  try {
    const before = (await second.desk.list({ clientId }))[0]!;
    expect(before.sync.state).toBe('working'); // left by the dead process
    await second.desk.runOutbox();
    const after = await second.desk.get(before.id);
    expect(after.sync).toMatchObject({ state: 'done', written: 0, invited: 0 });
    expect(events()).toHaveLength(1);
    await until(
      async () => smtp.messages.length,
      (n) => n === 1,
      10_000,
      'one invitation',
    );
    await second.desk.runOutbox();
    expect(smtp.messages).toHaveLength(1);
  } finally {
    await second.close();
  }
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
