// The database files are private whatever the umask; a data folder others can read is said.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('private data files', () => {
  it('makes the database, WAL and SHM files 0600 under umask 000, and a new folder 0700', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'sitedesk-modes-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const before = process.umask(0);
    try {
      const { lines, logger } = recordingLogger();
      const store = await openStore({ dataDir }, { logger });
      await store.db.selectFrom('tasks').select('id').execute();
      for (const file of [store.filename, `${store.filename}-wal`, `${store.filename}-shm`])
        expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
      expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      expect(lines.join('')).not.toContain('can be read by other users');
      await store.close();
    } finally {
      process.umask(before);
    }
  });

  it('says when the data folder can be read by others, and how to fix it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-modes-'));
    dirs.push(dataDir);
    chmodSync(dataDir, 0o755);
    const { lines, logger } = recordingLogger();
    const store = await openStore({ dataDir }, { logger });
    await store.close();
    const warning = lines.find((l) => l.includes('can be read by other users'));
    expect(warning).toContain(`chmod 700 ${dataDir}`);
    expect(JSON.parse(warning ?? '{}').level).toBe(40);
  });
});
