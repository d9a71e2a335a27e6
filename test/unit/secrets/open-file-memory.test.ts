import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../../src/secrets/open.js';
import { createLogger } from '../../../src/shared/logger.js';
import { SecretRegistry } from '../../../src/shared/redact.js';

// openSecretStore with the stores that need no keychain. `auto` and `keychain` touch the OS
// keychain and run in test/integration/secrets against a private Secret Service.
let dataDir: string;
let lines: Record<string, unknown>[];
const logger = () =>
  createLogger({
    destination: {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-open-'));
  lines = [];
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('openSecretStore', () => {
  it('file: says why, warns once that a key file was created, and works', async () => {
    const opened = await openSecretStore(
      { secretStore: 'file', dataDir, keychainTimeoutMs: 1000, masterKey: undefined },
      { logger: logger(), secrets: new SecretRegistry() },
    );
    expect(opened.store.kind).toBe('file');
    expect(opened.reason).toContain('SITEDESK_SECRET_STORE=file');
    expect(opened.reason).toContain(join(dataDir, 'secrets.enc'));
    expect(opened.warning).toBeUndefined();
    expect(
      lines.some((l) => l.level === 40 && String(l.msg).includes('Created a new key file')),
    ).toBe(true);
    await opened.store.set('site:a', 'file-secret');
    expect(await opened.store.get('site:a')).toBe('file-secret');
  });

  it('file: a malformed master key is a config error', async () => {
    await expect(
      openSecretStore(
        { secretStore: 'file', dataDir, keychainTimeoutMs: 1000, masterKey: 'short' },
        { logger: logger() },
      ),
    ).rejects.toMatchObject({ code: 'config_invalid' });
  });

  it('auto: stays with an existing encrypted file (and says so) instead of hiding its secrets', async () => {
    const first = await openSecretStore(
      { secretStore: 'file', dataDir, keychainTimeoutMs: 1000 },
      { logger: logger(), secrets: new SecretRegistry() },
    );
    await first.store.set('site:a', 'kept-in-file');
    lines = [];
    const opened = await openSecretStore(
      { secretStore: 'auto', dataDir, keychainTimeoutMs: 1000 },
      { logger: logger(), secrets: new SecretRegistry() },
    );
    expect(opened.store.kind).toBe('file');
    expect(opened.reason).toBe(
      `SITEDESK_SECRET_STORE=auto: the encrypted file ${join(dataDir, 'secrets.enc')} already holds 1 secret(s), so it stays in use (the keychain was not tried)`,
    );
    expect(opened.warning).toContain('whoever has that key file can read them');
    expect(opened.warning).toContain(
      'SITEDESK_SECRET_STORE=keychain or SITEDESK_SECRET_STORE=file',
    );
    expect(lines.some((l) => l.level === 40 && l.msg === opened.warning)).toBe(true);
    expect(await opened.store.get('site:a')).toBe('kept-in-file');
  });

  it('memory: works and warns that nothing is kept', async () => {
    const opened = await openSecretStore(
      { secretStore: 'memory', dataDir, keychainTimeoutMs: 1000 },
      { logger: logger() },
    );
    expect(opened.store.kind).toBe('memory');
    expect(opened.warning).toContain('lost when sitedesk stops');
    expect(lines.some((l) => l.level === 40)).toBe(true);
  });
});
