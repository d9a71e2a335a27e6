/**
 * Mailbox health is the running intake's, never a "healthy" from before a crash (issue 24):
 * a real `sitedesk serve`-like child process reads a mailbox on a real dovecot; this process
 * (like doctor, or Today served by another process) reads the health from the database.
 * Killed with SIGKILL → "not running" at once (its process is gone); frozen with SIGSTOP →
 * "not running" once its heartbeat is about two intervals old; thawed → healthy again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk, mailboxFindings } from '../../../src/tasks/mail/index.js';
import { addMailbox, listMailboxes } from '../../../src/tasks/mail/mailboxes.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { dataFolder, mailboxSettings, openSide, type Side } from './mail-setup.js';
import { until } from './until.js';
import { nodeArgs } from '../../env/node-scripts.js';

const EVERY_MS = 1_000;
let imap: ImapServer;
let smtp: SmtpTestServer;
const children: ChildProcess[] = [];
beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer(), startSmtpServer()]);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await smtp?.stop();
  await imap?.dispose();
});

/** Starts the child intake; resolves once it says it runs. */
async function startIntake(dir: string, account: string, password: string) {
  const child = spawn(
    process.execPath,
    nodeArgs(join(import.meta.dirname, 'intake-child.ts'), dir, String(EVERY_MS), account),
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SITEDESK_TEST_MAILBOX_PASSWORD: password },
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('running') && resolve());
    child.once('exit', (code) => reject(new Error(`intake child exited ${code}: ${stderr}`)));
  });
  return child;
}

describe('mailbox health from the running intake only', () => {
  it('reads "not running" after kill -9 at once, after a freeze within two intervals', async () => {
    const user = imap.users[0]!;
    const { dir, secrets } = dataFolder();
    const settings = mailboxSettings(imap, smtp.port, user, 'heartbeat-box');
    const side: Side = await openSide(dir, secrets);
    const client = await side.tasks.createClient(
      { name: 'Bakery', timezone: 'Europe/Prague' },
      { actor: 'test' },
    );
    await addMailbox(side.tasks.deps, { clientId: client.id, settings });
    const health = async () => (await listMailboxes(side.tasks.deps))[0]!.health;
    // As `sitedesk doctor` reads it: its own desk, never started.
    const doctorDesk = createMailDesk(
      { dataDir: dir },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    expect(await health()).toMatchObject({
      state: 'not running',
      reason: 'no running sitedesk has read it yet',
    });

    const first = await startIntake(dir, `mailbox:${settings.id}`, user.password);
    await until(health, (h) => h.state === 'healthy', 30_000, 'healthy from the child');
    expect((await doctorDesk.health())[0]).toMatchObject({ state: 'healthy' });

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    // Its last word was "healthy", a moment ago: the process is gone, so it is not believed.
    const dead = await health();
    expect(dead.state).toBe('not running');
    expect(dead.reason).toMatch(/^no running sitedesk has read it since /);
    expect((await doctorDesk.health())[0]?.state).toBe('not running');
    const [finding] = await mailboxFindings(doctorDesk, 5_000);
    expect(finding?.detail).toMatch(/^intake: not running \(no running sitedesk has read it/);
    expect(finding?.detail).not.toMatch(/intake: healthy/);

    const second = await startIntake(dir, `mailbox:${settings.id}`, user.password);
    await until(health, (h) => h.state === 'healthy', 30_000, 'healthy again');
    second.kill('SIGSTOP'); // alive but frozen: its heartbeat gets old
    const frozenAt = Date.now();
    await until(health, (h) => h.state === 'not running', 15_000, 'not running when frozen');
    const took = Date.now() - frozenAt;
    expect(took).toBeGreaterThanOrEqual(EVERY_MS); // not at once: the process still exists
    expect(took).toBeLessThan(10_000);
    second.kill('SIGCONT');
    await until(health, (h) => h.state === 'healthy', 15_000, 'healthy after the thaw');
    second.kill('SIGKILL');
    await side.close();
  }, 120_000);
});
