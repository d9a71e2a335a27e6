// Backup and restore on real files and a real SQLite database (no remote server): a round
// trip keeps every row, file and secret; a cut-short file, a changed one and a wrong
// passphrase are refused with nothing written into the target folder or the secret store.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { readTarGz } from '../../../src/shared/archive/tar-read.js';
import { createTarGzWriter } from '../../../src/shared/archive/tar-write.js';
import { systemClock } from '../../../src/shared/clock.js';
import { openStore } from '../../../src/store/index.js';
import { createBackup, restoreBackup, type BackupResult } from '../../../src/tasks/backup/index.js';
import { countRows } from '../../../src/tasks/backup/snapshot.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { recordUploads } from '../../../src/tasks/content-items/uploads.js';

const PASSPHRASE = 'correct horse battery staple';
let root: string;
let dataDir: string;
let backup: BackupResult;
const secrets = createMemorySecretStore();
const longName = `mail/box-1/1-2/${'a-very-long-attachment-name-'.repeat(5)}příloha.pdf`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sitedesk-backup-unit-'));
  dataDir = join(root, 'data');
  const store = await openStore({ dataDir });
  const tasks = createTaskService({ store, clock: systemClock });
  const client = await tasks.createClient(
    { name: 'Bakery', timezone: 'Europe/Prague' },
    { actor: 'anna' },
  );
  await tasks.createSite(
    {
      clientId: client.id,
      name: 'Blog',
      kind: 'wordpress',
      url: 'https://blog.example',
      settings: { username: 'anna' },
    },
    { actor: 'anna' },
  );
  await mkdir(join(dataDir, 'uploads'), { recursive: true });
  const image = join(dataDir, 'uploads', 'abc123');
  await writeFile(image, Buffer.from('GIF89a-not-really'));
  await recordUploads(
    tasks.deps,
    [{ filename: 'shop.gif', contentType: 'image/gif', path: image, bytes: 17 }],
    { actor: 'anna' },
  );
  await mkdir(join(dataDir, 'mail', 'box-1', '1-2'), { recursive: true });
  await writeFile(join(dataDir, longName), 'PDF');
  await mkdir(join(dataDir, 'git', 'site-1'), { recursive: true });
  await writeFile(join(dataDir, 'git', 'site-1', 'clone-only'), 'x');
  await store.close();
  await secrets.set('site:blog', 'wp app password 1234');
  await secrets.set('mailbox:box-1', 'imap password');
  backup = await createBackup(
    {
      dataDir,
      to: join(root, 'backup.tar.gz'),
      passphrase: PASSPHRASE,
      sitedeskVersion: '0.1.0',
      settings: { port: 8080 },
      now: new Date(),
    },
    { secrets },
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function restoreInto(name: string, file = backup.file, passphrase = PASSPHRASE) {
  const target = join(root, name);
  const into = createMemorySecretStore();
  const run = restoreBackup(
    { file, dataDir: target, passphrase, force: false },
    { openSecrets: async () => into },
  );
  return { target, into, run };
}

async function nothingWritten(target: string, into: ReturnType<typeof createMemorySecretStore>) {
  await expect(stat(target)).rejects.toThrow(/ENOENT/);
  expect(await into.list()).toEqual([]);
  // No staging folder is left beside it either.
  expect((await readdir(root)).filter((n) => n.includes('.restore-'))).toEqual([]);
}

describe('backup and restore', () => {
  it('is a tar.gz any tar lists, without the git clones or the secrets in the clear', async () => {
    const listing = execFileSync('tar', ['-tzf', backup.file], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('database/sitedesk.db');
    expect(listing).toContain('files/uploads/abc123');
    expect(listing).toContain(`files/${longName}`);
    expect(listing.some((n) => n.includes('git/'))).toBe(false);
    expect(listing[0]).toBe('key.json');
    const text = execFileSync('sh', ['-c', `gzip -dc ${backup.file}`]).toString('latin1');
    expect(text).not.toContain('wp app password');
    expect(backup.secrets).toBe(2);
    expect(backup.tables.clients).toBe(1);
  });

  it('restores every row, file and secret into a new folder, with the uploads moved there', async () => {
    const { target, into, run } = await restoreInto('restored');
    const result = await run;
    expect(countRows(join(target, 'sitedesk.db'))).toEqual(backup.tables);
    expect(result.manifest.tables).toEqual(backup.tables);
    expect(await readFile(join(target, longName), 'utf8')).toBe('PDF');
    expect(await into.get('site:blog')).toBe('wp app password 1234');
    expect(await into.get('mailbox:box-1')).toBe('imap password');
    const store = await openStore({ dataDir: target });
    const row = await store.db
      .selectFrom('uploads' as never)
      .select('path' as never)
      .executeTakeFirstOrThrow();
    await store.close();
    expect((row as { path: string }).path).toBe(join(target, 'uploads', 'abc123'));
  });

  it('refuses a folder that holds data unless forced', async () => {
    const target = join(root, 'busy');
    await mkdir(target);
    await writeFile(join(target, 'sitedesk.db'), 'old');
    const into = createMemorySecretStore();
    await expect(
      restoreBackup(
        { file: backup.file, dataDir: target, passphrase: PASSPHRASE, force: false },
        { openSecrets: async () => into },
      ),
    ).rejects.toMatchObject({ code: 'restore_target_not_empty' });
    expect(await readFile(join(target, 'sitedesk.db'), 'utf8')).toBe('old');
    await restoreBackup(
      { file: backup.file, dataDir: target, passphrase: PASSPHRASE, force: true },
      { openSecrets: async () => into },
    );
    expect(countRows(join(target, 'sitedesk.db'))).toEqual(backup.tables);
  });

  it('says a wrong passphrase is wrong, and writes nothing', async () => {
    const { target, into, run } = await restoreInto('wrong', backup.file, 'not the passphrase');
    await expect(run).rejects.toMatchObject({
      code: 'backup_wrong_passphrase',
      message: expect.stringMatching(/passphrase does not open/),
    });
    await nothingWritten(target, into);
  });

  it('says a file cut short is incomplete, wherever it was cut, and writes nothing', async () => {
    const size = (await stat(backup.file)).size;
    for (const keep of [Math.floor(size / 2), size - 40]) {
      const cut = join(root, `cut-${keep}.tar.gz`);
      await writeFile(cut, await readFile(backup.file));
      await truncate(cut, keep);
      const { target, into, run } = await restoreInto(`cut-${keep}`, cut);
      await expect(run).rejects.toMatchObject({
        code: 'backup_incomplete',
        message: expect.stringMatching(/cut short/),
      });
      await nothingWritten(target, into);
    }
  });

  it('finds a changed byte in the compressed file, and a database changed and packed again', async () => {
    const bytes = await readFile(backup.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const flipped = join(root, 'flipped.tar.gz');
    await writeFile(flipped, bytes);
    const a = await restoreInto('flipped', flipped);
    await expect(a.run).rejects.toMatchObject({
      code: expect.stringMatching(/backup_tampered|backup_incomplete/),
    });
    await nothingWritten(a.target, a.into);

    // Someone unpacks the backup, changes a row in the database and packs it again: the gzip
    // and tar checks pass, the sealed manifest does not.
    const members: { name: string; data: Buffer }[] = [];
    await readTarGz(backup.file, async (member) => {
      const parts: Buffer[] = [];
      return {
        write: (c) => void parts.push(Buffer.from(c)),
        end: () => void members.push({ name: member.name, data: Buffer.concat(parts) }),
      };
    });
    const db = members.find((m) => m.name === 'database/sitedesk.db')!;
    const at = db.data.indexOf(Buffer.from('Bakery'));
    expect(at).toBeGreaterThan(0);
    db.data.write('Fakery', at);
    const repacked = join(root, 'repacked.tar.gz');
    const writer = createTarGzWriter(repacked);
    for (const m of members) await writer.addBuffer({ name: m.name }, m.data);
    await writer.finish();
    const b = await restoreInto('repacked', repacked);
    await expect(b.run).rejects.toMatchObject({
      code: 'backup_tampered',
      message: expect.stringMatching(/database\/sitedesk\.db was changed/),
    });
    await nothingWritten(b.target, b.into);
  });
});
