/**
 * Issue 17: the background work other than publishing, done by two sitedesk processes on one
 * SQLite file at the same moment (each a child process, two-process-child.ts):
 * - schedules: each occurrence becomes exactly one task (schedule_runs' key and the
 *   compare-and-set of `next_run_at` already make this safe: proved here, no code added);
 * - mail intake: each message becomes exactly one task (the mail_messages key; the process
 *   that loses the race now answers "duplicate" instead of failing);
 * - mailings: a mailing another live process sends is refused; once that process stalls past
 *   its lease, another takes over; the stalled one, woken up, sends nothing more. Each address
 *   gets the mail once (real SMTP server).
 */
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { createMailing } from '../../../src/tasks/mail/mailings.js';
import { openStore } from '../../../src/store/index.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { waitFor } from '../mail/helpers.js';
import { dataFolder, openSide, type Side } from './mail-setup.js';
import { nodeArgs } from '../../env/node-scripts.js';

const who = { actor: 'test' };
const CHILD = join(import.meta.dirname, 'two-process-child.ts');

interface Child {
  pid: number;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

function child(...args: string[]): Child {
  const proc = spawn(process.execPath, nodeArgs(CHILD, ...args), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    pid: proc.pid ?? 0,
    out: () => out,
    err: () => err,
    exited: new Promise((resolve) => proc.once('exit', resolve)),
    kill: (signal) => proc.kill(signal),
  };
}

/** SIGSTOPs `proc` at a moment when it holds no write lock on the database in `dir`. */
async function freezeOutsideWrite(proc: Child, dir: string): Promise<void> {
  const store = await openStore({ dataDir: dir, busyTimeoutMs: 0 });
  try {
    for (let tries = 0; tries < 200; tries++) {
      proc.kill('SIGSTOP');
      const free = await sql`BEGIN IMMEDIATE`.execute(store.db).then(
        async () => {
          await sql`COMMIT`.execute(store.db);
          return true;
        },
        () => false,
      );
      if (free) return;
      proc.kill('SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('could not freeze the process outside a write');
  } finally {
    await store.close();
  }
}

/** A start instant a few seconds ahead: both children are loaded and waiting by then. */
const soon = () => String(Date.now() + 6_000);

async function seeded(): Promise<{ dir: string; side: Side; clientId: string; siteId: string }> {
  const { dir } = dataFolder();
  const side = await openSide(dir, createMemorySecretStore());
  const client = await side.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who);
  const site = await side.tasks.createSite(
    {
      clientId: client.id,
      name: 'Bakery site',
      kind: 'wordpress',
      url: 'https://bakery.example',
      settings: { username: 'anna' },
    },
    who,
  );
  return { dir, side, clientId: client.id, siteId: site.id };
}

let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => smtp?.stop());

describe('two processes on one database', () => {
  it('dispatch each schedule occurrence once', async () => {
    const { dir, side, clientId, siteId } = await seeded();
    for (let i = 0; i < 40; i++)
      await side.tasks.createSchedule(
        {
          clientId,
          name: `Daily ${i}`,
          rule: { kind: 'cron', expression: `${i} 6 * * *` },
          siteIds: [siteId],
          template: { title: 'Daily {{date}}', slug: `daily-${i}-{{date}}`, markdown: 'Bread' },
        },
        who,
      );
    await side.close();
    // Both processes see a clock a day later: every schedule has one occurrence due.
    const later = String(Date.now() + 24 * 3_600_000);
    const start = soon();
    const [a, b] = [child('schedules', dir, start, later), child('schedules', dir, start, later)];
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const counts = [a, b].map((c) => (JSON.parse(c.out()) as { dispatched: number }).dispatched);
    expect(counts[0]! + counts[1]!).toBe(40);
    const check = await openSide(dir, createMemorySecretStore());
    const runs = await check.store.db.selectFrom('schedule_runs').select('task_id').execute();
    const tasks = await check.tasks.listTasks({ limit: 200 });
    await check.close();
    expect(runs).toHaveLength(40);
    expect(tasks.items).toHaveLength(40);
  }, 120_000);

  it('take each incoming message once', async () => {
    const { dir, side, clientId } = await seeded();
    await addMailbox(side.tasks.deps, {
      clientId,
      settings: {
        id: 'shop',
        address: 'shop@example.test',
        imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
        smtp: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
      },
    });
    await side.close();
    const start = soon();
    const [a, b] = [
      child('intake', dir, start, 'shop', '60'),
      child('intake', dir, start, 'shop', '60'),
    ];
    expect([await a.exited, await b.exited]).toEqual([0, 0]);
    const outcomes = [a, b].map((c) => JSON.parse(c.out()) as Record<string, number>);
    expect((outcomes[0]!.created ?? 0) + (outcomes[1]!.created ?? 0)).toBe(60);
    expect((outcomes[0]!.duplicate ?? 0) + (outcomes[1]!.duplicate ?? 0)).toBe(60);
    const check = await openSide(dir, createMemorySecretStore());
    const tasks = await check.tasks.listTasks({ limit: 200 });
    await check.close();
    expect(tasks.items).toHaveLength(60);
  }, 120_000);

  it('send a mailing from one process at a time, and never one address twice', async () => {
    const { dir, side, clientId } = await seeded();
    await addMailbox(side.tasks.deps, {
      clientId,
      settings: {
        id: 'promo',
        address: 'shop@bakery.example',
        imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
      },
    });
    const item = await side.tasks.createContentItem(
      { clientId, kind: 'promotion', title: 'Sale', slug: 'sale', markdown: 'Half price.' },
      who,
    );
    const created = await createMailing(side.ctx, clientId, {
      contentItemId: item.id,
      mailboxId: 'promo',
      csv: ['email', ...Array.from({ length: 300 }, (_, i) => `p${i + 1}@shop.example`)].join('\n'),
      pageUrl: 'https://bakery.example/sale',
      unsubscribeUrl: 'https://bakery.example/unsubscribe?e={email}',
      intervalMs: 100,
    });
    await side.close();
    const id = created.mailing.id;
    const before = smtp.messages.length;
    const sent = () => smtp.messages.length - before;
    const LEASE = '1500';

    const first = child('mailing', dir, '0', id, LEASE);
    await waitFor(() => sent() >= 30, 60_000, 'the first process sending');
    // A second process while the first is alive and renewing: refused, sends nothing.
    const second = child('mailing', dir, '0', id, LEASE);
    expect(await second.exited).not.toBe(0);
    expect(second.err()).toMatch(/already being sent by another sitedesk process/);

    // The first stalls (as a process paused or starved would) past its lease: a third takes over.
    // It is frozen between two database writes (frozen inside one it would hold SQLite's lock).
    await freezeOutsideWrite(first, dir);
    const stalledAt = sent();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const third = child('mailing', dir, '0', id, LEASE);
    await waitFor(
      () => sent() >= stalledAt + 30 || third.err() !== '',
      60_000,
      'the third process sending',
    );
    expect(third.err()).toBe('');
    // Woken up, the first finds its lease gone and stops before its next address.
    first.kill('SIGCONT');
    expect(await first.exited).not.toBe(0);
    expect(first.err()).toMatch(/taken over by another sitedesk process/);
    expect(await third.exited).toBe(0);

    const received = smtp.messages.slice(before).flatMap((m) => m.to);
    expect(new Set(received).size).toBe(received.length); // nobody twice
    // At most the one address the first had in hand when it stalled is left unknown.
    expect(received.length).toBeGreaterThanOrEqual(299);
    expect(JSON.parse(third.out())).toMatchObject({ state: 'done' });
  }, 180_000);
});
