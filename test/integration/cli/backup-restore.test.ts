// Issue 21, end to end against real servers: a backup taken by `sitedesk backup` (its own
// process) while `sitedesk serve` takes mail from a real dovecot and posts go out to a real
// WordPress; restored into a new folder, the rows of every table match the backup, the
// service starts on it, its scheduled backup fires once, the restored site secret publishes
// to WordPress and the restored mailbox secret logs in to IMAP and SMTP.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withWorkspace } from '../../../src/cli/workspace.js';
import { countRows } from '../../../src/tasks/backup/snapshot.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { sitedesk } from '../crash/fleet.js';
import { rawMessage } from '../mail/helpers.js';
import { mailboxSettings } from '../tasks/mail-setup.js';
import { startServe, waitForLog, type ServeProcess } from './serve-process.js';
import { sitedeskArgs } from '../../env/node-scripts.js';

const PASSPHRASE = 'a long backup passphrase 42';
let wp: RunningWordPress;
let imap: ImapServer;
let smtp: SmtpTestServer;
let root: string;
const running: ServeProcess[] = [];

beforeAll(async () => {
  [wp, imap, smtp] = await Promise.all([startWordPress(), startImapServer(), startSmtpServer()]);
  root = await mkdtemp(join(tmpdir(), 'sitedesk-backup-it-'));
});
afterAll(async () => {
  for (const serve of running) await serve.stop();
  await Promise.all([wp?.stop(), smtp?.stop(), imap?.dispose()]);
  if (root) await rm(root, { recursive: true, force: true });
});

const envOf = (dataDir: string): NodeJS.ProcessEnv => ({
  SITEDESK_DATA_DIR: dataDir,
  SITEDESK_SECRET_STORE: 'file',
  SITEDESK_LOG_FORMAT: 'json',
  USER: 'anna',
});

function mailTaskCount(dataDir: string): number {
  const db = new SqliteDatabase(join(dataDir, 'sitedesk.db'), { readonly: true });
  try {
    return (
      db.prepare("SELECT count(*) AS n FROM tasks WHERE kind = 'mail'").get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `sitedesk backup` in its own process, the passphrase on stdin. */
function backupProcess(
  env: NodeJS.ProcessEnv,
  to: string,
): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, sitedeskArgs('backup', '--to', to), {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin.end(`${PASSPHRASE}\n`);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, err })));
}

async function publish(env: NodeJS.ProcessEnv, slug: string) {
  const file = join(root, `${slug}.md`);
  await writeFile(file, `---\ntitle: Backup test ${slug}\n---\nFresh bread at ${slug}.\n`);
  return sitedesk(env, ['publish', file, '--site', 'Blog', '--wait', '60']);
}

async function postOnWordPress(slug: string): Promise<boolean> {
  const res = await fetch(`${wp.url}/wp-json/wp/v2/posts?slug=${slug}&status=publish`);
  return ((await res.json()) as unknown[]).length === 1;
}

it('backs up a running service, restores it elsewhere, and the copy publishes, reads mail and backs itself up once', async () => {
  const source = join(root, 'source');
  const env = envOf(source);
  const user = imap.users[0]!;
  expect(
    (await sitedesk(env, ['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']))
      .code,
  ).toBe(0);
  const site = await sitedesk(
    env,
    [
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      'Blog',
      '--kind',
      'wordpress',
      '--url',
      wp.url,
      '--setting',
      `username=${wp.username}`,
    ],
    `${wp.appPassword}\n`,
  );
  expect(site.code, site.err).toBe(0);
  const settings = mailboxSettings(imap, smtp.port, user);
  await withWorkspace(env, async (ws) => {
    const [client] = await ws.tasks.listClients();
    await ws.secrets.store.set(`mailbox:${settings.id}`, user.password);
    const desk = createMailDesk(
      { dataDir: ws.config.dataDir },
      { tasks: ws.tasks, secrets: ws.secrets.store, logger: ws.logger },
    );
    await desk.addMailbox({ clientId: client!.id, settings });
  });
  for (let i = 1; i <= 3; i++)
    await imap.deliver(
      user.user,
      rawMessage({ id: `before-${i}@example.org`, subject: `Order ${i}` }),
    );

  const serveA = await startServe(env);
  running.push(serveA);
  await until('the first three mails', () => mailTaskCount(source) >= 3);

  // The backup runs while posts go out to WordPress and mail keeps arriving.
  const deliveries = (async () => {
    for (let i = 1; i <= 3; i++) {
      await imap.deliver(
        user.user,
        rawMessage({ id: `during-${i}@example.org`, subject: `Question ${i}` }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  const publishing = (async () => {
    const codes: number[] = [];
    for (const slug of ['backup-during-1', 'backup-during-2'])
      codes.push((await publish(env, slug)).code);
    return codes;
  })();
  const file = join(root, 'sitedesk-backup.tar.gz');
  const [backup, codes] = await Promise.all([backupProcess(env, file), publishing, deliveries]);
  expect(backup.code, backup.err).toBe(0);
  expect(backup.err).toMatch(/Wrote .*sitedesk-backup\.tar\.gz .* secrets \(encrypted\)/);
  expect(backup.err).not.toContain(wp.appPassword);
  expect(codes).toEqual([0, 0]);
  await until('all six mails in the source', () => mailTaskCount(source) >= 6);
  expect(await serveA.stop()).toBe(0);

  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', file, 'manifest.json'], { encoding: 'utf8' }),
  ) as {
    tables: Record<string, number>;
    secrets: number;
  };
  expect(manifest.tables.clients).toBe(1);
  expect(manifest.tables.sites).toBe(1);
  expect(manifest.tables.tasks).toBeGreaterThanOrEqual(3);
  expect(manifest.secrets).toBe(2);
  expect(execFileSync('sh', ['-c', `gzip -dc ${file}`]).toString('latin1')).not.toContain(
    wp.appPassword,
  );

  // Restore into a folder that does not exist yet.
  const copy = join(root, 'copy');
  const copyEnv = envOf(copy);
  const restored = await sitedesk(copyEnv, ['restore', file], `${PASSPHRASE}\n`);
  expect(restored.code, restored.err).toBe(0);
  expect(restored.err).toMatch(/Restored the backup of .* 2 secrets/);
  expect(countRows(join(copy, 'sitedesk.db'))).toEqual(manifest.tables);

  // The copy starts with a daily backup schedule: the first one is made at start, once.
  const passphraseFile = join(root, 'passphrase');
  await writeFile(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const serveB = await startServe({
    ...copyEnv,
    SITEDESK_BACKUP_EVERY_HOURS: '24',
    SITEDESK_BACKUP_KEEP: '3',
    SITEDESK_BACKUP_PASSPHRASE_FILE: passphraseFile,
  });
  running.push(serveB);
  expect((await fetch(`${serveB.url}/health`)).status).toBe(200);
  await waitForLog(serveB, 'scheduled backup written');
  // Mail taken after the backup is taken again by the copy — each message exactly once.
  await until('the copy to hold all six mails', () => mailTaskCount(copy) >= 6);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(mailTaskCount(copy)).toBe(6);
  expect((await readdir(join(copy, 'backups'))).filter((n) => n.endsWith('.tar.gz'))).toHaveLength(
    1,
  );
  expect(serveB.logs.filter((l) => l.includes('scheduled backup written'))).toHaveLength(1);

  // The restored site secret publishes to the real WordPress.
  const after = await publish(copyEnv, 'backup-restored');
  expect(after.code, after.err + after.out).toBe(0);
  expect(await postOnWordPress('backup-restored')).toBe(true);

  // The restored mailbox secret logs in; doctor shows the scheduled backup.
  const doctor = await sitedesk(
    {
      ...copyEnv,
      SITEDESK_BACKUP_EVERY_HOURS: '24',
      SITEDESK_BACKUP_PASSPHRASE_FILE: passphraseFile,
    },
    ['doctor', '--json'],
  );
  const report = JSON.parse(doctor.out) as {
    findings: { check: string; status: string; summary: string }[];
  };
  expect(report.findings.find((f) => f.check === 'mailboxes')?.status).toBe('ok');
  expect(report.findings.find((f) => f.check === 'backups')).toMatchObject({
    status: 'ok',
    summary: expect.stringMatching(/^last backup /),
  });
  expect(await serveB.stop()).toBe(0);
  // Two services, two tsx starts, a backup process and three publishes on a busy 2-core machine.
}, 400_000);
