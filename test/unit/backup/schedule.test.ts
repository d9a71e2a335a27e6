// Retention of scheduled backups and what doctor says about the last one, on real files.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBackups } from '../../../src/cli/commands/doctor-backup.js';
import { loadConfig } from '../../../src/shared/config.js';
import { backupFileName, pruneBackups, recordBackup } from '../../../src/tasks/backup/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sitedesk-backup-schedule-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scheduled backups', () => {
  it('keep the newest N backups and never touch other files', async () => {
    const folder = join(dir, 'backups');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    const names = [1, 2, 3, 4, 5].map((day) =>
      backupFileName(new Date(Date.UTC(2026, 11, day, 3))),
    );
    for (const name of [...names, 'notes.txt', 'sitedesk-backup-manual.tar.gz'])
      await writeFile(join(folder, name), 'x');
    expect(await pruneBackups(folder, 3)).toEqual(names.slice(0, 2));
    expect((await readdir(folder)).sort()).toEqual(
      [...names.slice(2), 'notes.txt', 'sitedesk-backup-manual.tar.gz'].sort(),
    );
  });

  it('doctor warns when no backup was made or the passphrase file is missing, and shows the last one', async () => {
    const dataDir = join(dir, 'data');
    const config = loadConfig({ SITEDESK_DATA_DIR: dataDir });
    expect(await checkBackups(config, {})).toMatchObject({
      status: 'warn',
      summary: 'no backup made yet',
    });
    const scheduled = loadConfig({ SITEDESK_DATA_DIR: dataDir, SITEDESK_BACKUP_EVERY_HOURS: '24' });
    expect(await checkBackups(scheduled, {})).toMatchObject({
      status: 'warn',
      summary: 'scheduled backups have no passphrase',
    });

    await mkdir(dataDir, { recursive: true });
    await recordBackup(dataDir, {
      at: '2026-12-05T03:00:00.000Z',
      ok: true,
      file: '/b/one.tar.gz',
      bytes: 2048,
      scheduled: true,
    });
    const ok = await checkBackups(config, {}, new Date('2026-12-05T06:00:00Z'));
    expect(ok).toMatchObject({
      status: 'ok',
      summary: 'last backup 2026-12-05T03:00:00.000Z (3 h ago, 2.0 KiB)',
    });
    await recordBackup(dataDir, {
      at: '2026-12-06T03:00:00.000Z',
      ok: false,
      error: 'disk full',
      scheduled: true,
    });
    const failed = await checkBackups(config, {}, new Date('2026-12-06T04:00:00Z'));
    expect(failed.status).toBe('warn');
    expect(failed.notes.join('\n')).toMatch(/failed: disk full/);
    expect(failed.summary).toMatch(/^last backup 2026-12-05T03:00/);
  });
});
