// Issue 22: mail with two `sitedesk serve` instances on one real PostgreSQL, a real dovecot and a
// real SMTP server (test/env/mail). Only one instance reads the mailbox at a time (it holds the
// mailbox's advisory lock, seen in pg_locks under the instance's name); every mail becomes one
// task; when the holder is killed with SIGKILL the other takes the mailbox over and goes on from
// the checkpoint, still one task per mail; an urgent mail's forward goes out once, delivered to a
// worker by the job queue (a completed job of the mail queue for its outbox row).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { startPostgres, type PostgresServer } from '../../env/postgres/start.js';
import { startServe, type ServeProcess } from '../cli/serve-process.js';
import { sitedesk } from '../crash/fleet.js';
import { rawMessage } from '../mail/helpers.js';
import { apiAt, firstAdminToken, type ApiCall } from './instance-api.js';

let postgres: PostgresServer | undefined;
let imap: ImapServer | undefined;
let smtp: SmtpTestServer | undefined;
let db: pg.Client | undefined;
let dataDir = '';
const instances: ServeProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-mail-instances-'));
  [postgres, imap, smtp] = await Promise.all([
    startPostgres(),
    startImapServer(),
    startSmtpServer(),
  ]);
}, 180_000);

afterAll(async () => {
  for (const serve of instances)
    if (serve.child.exitCode === null && serve.child.signalCode === null)
      serve.child.kill('SIGKILL');
  await db?.end();
  await smtp?.stop();
  await imap?.dispose();
  await postgres?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** Who holds the mailbox's intake now: the PIDs named by the holding connections. */
async function holders(): Promise<number[]> {
  const { rows } = await db!.query<{ application_name: string }>(
    `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and a.application_name like 'sitedesk-intake:%'`,
  );
  return rows.map((r) => Number(r.application_name.split(':')[2]));
}

async function mailTasks(): Promise<{ title: string; messages: number }[]> {
  const { rows } = await db!.query<{ title: string; messages: string }>(
    `select t.title, (select count(*) from mail_messages m where m.task_id = t.id) as messages
       from tasks t where t.kind = 'mail' order by t.title`,
  );
  return rows.map((r) => ({ title: r.title, messages: Number(r.messages) }));
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('two instances: one reads the mailbox, the other takes over when it dies; one task per mail; the forward goes through the queue once', async () => {
  const env: NodeJS.ProcessEnv = {
    // One data folder for both: the secret file and the taken mails' files are shared.
    SITEDESK_DATA_DIR: dataDir,
    SITEDESK_SECRET_STORE: 'file',
    SITEDESK_DATABASE_URL: await postgres!.createDatabase('mail'),
    SITEDESK_LOG_LEVEL: 'info',
    USER: 'mail-instances',
  };
  const added = await sitedesk(env, ['client', 'add', '--name', 'Bakery', '--timezone', 'UTC']);
  expect(added.code, added.err).toBe(0);
  db = new pg.Client({ connectionString: env.SITEDESK_DATABASE_URL });
  await db.connect();
  const clientId = (await db.query<{ id: string }>('select id from clients')).rows[0]!.id;

  const first = await startServe(env, [], { startTimeoutMs: 240_000 });
  instances.push(first);
  const api: ApiCall = apiAt(first.url, await firstAdminToken(first));
  const user = imap!.users[0]!;
  await api('PUT', `/api/v1/clients/${clientId}/mail-rules`, {
    urgent: [{ name: 'Burst pipe', words: ['havarie'] }],
    forwardUrgentTo: 'owner@bakery.example',
  });
  await api('POST', '/api/v1/mailboxes', {
    clientId,
    settings: {
      id: 'shop',
      address: `${user.user}@example.test`,
      // The test servers speak no TLS; a real mailbox keeps the default `required`.
      imap: {
        host: imap!.host,
        port: imap!.port,
        secure: false,
        starttls: 'never',
        user: user.user,
      },
      smtp: {
        host: '127.0.0.1',
        port: smtp!.port,
        secure: false,
        starttls: 'never',
        user: user.user,
      },
    },
    password: user.password,
  });
  const second = await startServe(env, [], { startTimeoutMs: 240_000 });
  instances.push(second);
  const pids = [first.child.pid!, second.child.pid!];

  for (let n = 1; n <= 4; n++)
    await imap!.deliver(user.user, rawMessage({ id: `m${n}@example.org`, subject: `Mail ${n}` }));
  await until('four mail tasks', 90_000, async () =>
    (await mailTasks()).length >= 4 ? true : undefined,
  );
  // Both instances run the intakes and look every 5 s: one holds the mailbox, the other waits.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const holder = await holders();
  expect(holder).toHaveLength(1);
  expect(pids).toContain(holder[0]);

  // The holder dies; the other takes the mailbox over and goes on where it stopped.
  const victim = instances.find((s) => s.child.pid === holder[0])!;
  const survivor = instances.find((s) => s !== victim)!;
  const exited = new Promise((resolve) => victim.child.once('exit', resolve));
  victim.child.kill('SIGKILL');
  await exited;
  for (let n = 5; n <= 6; n++)
    await imap!.deliver(user.user, rawMessage({ id: `m${n}@example.org`, subject: `Mail ${n}` }));
  await imap!.deliver(
    user.user,
    rawMessage({ id: 'urgent@example.org', subject: 'Havarie in the shop', body: 'Water!' }),
  );
  await until('seven mail tasks', 90_000, async () =>
    (await mailTasks()).length >= 7 ? true : undefined,
  );
  expect(await holders()).toEqual([survivor.child.pid]);
  expect(await mailTasks()).toEqual(
    [1, 2, 3, 4, 5, 6]
      .map((n) => ({ title: `Mail ${n}`, messages: 1 }))
      .concat({ title: 'Havarie in the shop', messages: 1 })
      .sort((a, b) => a.title.localeCompare(b.title)),
  );

  // The urgent forward: one outbox row, handed to a worker by the queue, one mail at the server.
  const forwards = () =>
    smtp!.messages.filter(
      (m) => m.to.includes('owner@bakery.example') && m.raw.includes('Havarie in the shop'),
    );
  await until('the urgent forward', 60_000, async () => (forwards().length ? true : undefined));
  const outbox = await db.query<{ id: string; state: string }>(
    `select id, state from mail_outbox where kind = 'urgent-forward'`,
  );
  expect(outbox.rows).toEqual([{ id: expect.any(String), state: 'sent' }]);
  // The job completes once the worker has recorded the forward on its task, after the send.
  const jobStates = async () =>
    (
      await db!.query<{ state: string }>(
        `select state from pgboss.job where name = 'sitedesk.mail' and data->>'outboxId' = $1`,
        [outbox.rows[0]!.id],
      )
    ).rows.map((j) => j.state);
  await until('the mail job completed', 30_000, async () =>
    (await jobStates()).includes('completed') ? true : undefined,
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(forwards()).toHaveLength(1);

  // Nothing taken twice on the way: still seven tasks after both had every chance.
  expect(await mailTasks()).toHaveLength(7);
  expect(await survivor.stop()).toBe(0);
}, 420_000);
