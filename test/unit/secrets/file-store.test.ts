import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileSecretStore } from '../../../src/secrets/file-store.js';
import { SecretStoreError } from '../../../src/shared/errors.js';
import { SecretRegistry } from '../../../src/shared/redact.js';

// The encrypted file store on the real file system, in a fresh temporary dataDir per test.
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-file-store-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const dataFile = (): string => join(dataDir, 'secrets.enc');
const keyFile = (): string => join(dataDir, 'secrets.key');

/** Expects `work` to reject with a SecretStoreError of `code`, and returns it. */
async function storeError(work: Promise<unknown>, code: string): Promise<SecretStoreError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretStoreError);
  expect((error as SecretStoreError).code).toBe(code);
  return error as SecretStoreError;
}

async function filledStore(): Promise<Buffer> {
  const store = await openFileSecretStore({ dataDir });
  await store.set('site:a', 'first-secret');
  await store.set('mailbox:b', 'second-secret');
  return readFile(dataFile());
}

describe('file store: operations', () => {
  it('round-trips, overwrites, deletes and lists (sorted), and persists across opens', async () => {
    const store = await openFileSecretStore({ dataDir });
    expect(store.kind).toBe('file');
    expect(await store.get('site:a')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    await store.set('site:b', 'bee-secret');
    await store.set('site:a', 'aye-secret');
    await store.set('site:a', 'aye-secret-2');
    expect(await store.get('site:a')).toBe('aye-secret-2');
    expect(await store.list()).toEqual(['site:a', 'site:b']);

    const again = await openFileSecretStore({ dataDir });
    expect(await again.get('site:b')).toBe('bee-secret');
    expect(await again.delete('site:b')).toBe(true);
    expect(await again.delete('site:b')).toBe(false);
    expect(await store.list()).toEqual(['site:a']);
  });

  it('keeps unicode and 4 KB values exactly, and never writes them in plain text', async () => {
    const store = await openFileSecretStore({ dataDir });
    const unicode = 'pässwörd – 密码 – 🔑 – \u00a0tab\tend';
    const big = randomBytes(3072).toString('base64'); // 4096 characters
    await store.set('site:unicode', unicode);
    await store.set('site:big', big);
    expect(await store.get('site:unicode')).toBe(unicode);
    expect(await store.get('site:big')).toBe(big);
    const raw = await readFile(dataFile(), 'utf8');
    expect(raw).not.toContain('pässwörd');
    expect(raw).not.toContain(big.slice(0, 40));
    expect(JSON.parse(raw)).toMatchObject({ version: 1, alg: 'aes-256-gcm', kdf: 'none' });
  });

  it('serializes concurrent writes: 40 parallel sets all survive', async () => {
    const store = await openFileSecretStore({ dataDir });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.set(`site:${String(i).padStart(2, '0')}`, `secret-${i}`),
      ),
    );
    const fresh = await openFileSecretStore({ dataDir });
    expect(await fresh.list()).toHaveLength(40);
    expect(await fresh.get('site:17')).toBe('secret-17');
    // No temporary files are left next to the data.
    expect((await readdir(dataDir)).sort()).toEqual(['secrets.enc', 'secrets.key']);
  });

  it('registers every value read or written with the redaction registry', async () => {
    const registry = new SecretRegistry();
    const store = await openFileSecretStore({ dataDir }, { secrets: registry });
    await store.set('site:a', 'written-value-1');
    expect(registry.scrub('x written-value-1 x')).toBe('x [redacted] x');
    const other = new SecretRegistry();
    const reader = await openFileSecretStore({ dataDir }, { secrets: other });
    expect(await reader.get('site:a')).toBe('written-value-1');
    expect(other.scrub('written-value-1')).toBe('[redacted]');
  });

  it('refuses bad account names and empty secrets with a validation error', async () => {
    const store = await openFileSecretStore({ dataDir });
    await expect(store.set('', 'x-secret')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(store.set('site:\n1', 'x-secret')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(store.set('__proto__', 'x-secret')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(store.set('site:a', '')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('file store: key', () => {
  it('creates the key file with mode 0600 and the data file with mode 0600', async () => {
    const store = await openFileSecretStore({ dataDir });
    expect(store.keySource).toEqual({ kind: 'key-file', path: keyFile(), created: true });
    await store.set('site:a', 'some-secret');
    expect((await stat(keyFile())).mode & 0o777).toBe(0o600);
    expect((await stat(dataFile())).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile(), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = await openFileSecretStore({ dataDir });
    expect(again.keySource).toMatchObject({ created: false });
  });

  it('refuses a key file that others may read, and says how to fix it', async () => {
    await filledStore();
    await chmod(keyFile(), 0o644);
    const error = await storeError(openFileSecretStore({ dataDir }), 'secret_store_unavailable');
    expect(error.message).toContain('mode 644');
    expect(error.message).toContain(`chmod 600 ${keyFile()}`);
  });

  it('does not make a new key when the data file exists but its key file is gone', async () => {
    const before = await filledStore();
    await rm(keyFile());
    const error = await storeError(openFileSecretStore({ dataDir }), 'secret_store_wrong_key');
    expect(error.message).toContain('key file');
    expect(await readdir(dataDir)).toEqual(['secrets.enc']);
    expect(await readFile(dataFile())).toEqual(before);
  });

  it('uses SITEDESK_MASTER_KEY (hex or base64) instead of a key file', async () => {
    const key = randomBytes(32);
    const hexStore = await openFileSecretStore({ dataDir, masterKey: key.toString('hex') });
    expect(hexStore.keySource).toEqual({ kind: 'master-key' });
    await hexStore.set('site:a', 'master-secret');
    const b64Store = await openFileSecretStore({ dataDir, masterKey: key.toString('base64') });
    expect(await b64Store.get('site:a')).toBe('master-secret');
    expect(await readdir(dataDir)).toEqual(['secrets.enc']);
  });
});

describe('file store: damage and wrong keys never destroy data', () => {
  const masterKey = randomBytes(32).toString('hex');

  async function expectUntouchedAfterAllOps(
    before: Buffer,
    code: string,
    key?: string,
  ): Promise<void> {
    await storeError(openFileSecretStore({ dataDir, masterKey: key }), code);
    expect(await readFile(dataFile())).toEqual(before);
  }

  it('a wrong master key is secret_store_wrong_key, and the file stays byte for byte', async () => {
    const store = await openFileSecretStore({ dataDir, masterKey });
    await store.set('site:a', 'kept-secret');
    const before = await readFile(dataFile());
    const wrong = randomBytes(32).toString('hex');
    const error = await storeError(
      openFileSecretStore({ dataDir, masterKey: wrong }),
      'secret_store_wrong_key',
    );
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(masterKey);
    expect(await readFile(dataFile())).toEqual(before);
    // The right key still reads it.
    expect(await (await openFileSecretStore({ dataDir, masterKey })).get('site:a')).toBe(
      'kept-secret',
    );
  });

  it('a flipped byte in the ciphertext, the tag or the header is secret_store_corrupt', async () => {
    const store = await openFileSecretStore({ dataDir, masterKey });
    await store.set('site:a', 'kept-secret');
    const original = await readFile(dataFile(), 'utf8');
    const envelope = JSON.parse(original) as Record<string, string>;
    for (const field of ['ciphertext', 'tag', 'iv'] as const) {
      const bytes = Buffer.from(envelope[field] ?? '', 'base64');
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
      const damaged = JSON.stringify({ ...envelope, [field]: bytes.toString('base64') });
      await writeFile(dataFile(), damaged);
      await expectUntouchedAfterAllOps(Buffer.from(damaged), 'secret_store_corrupt', masterKey);
    }
  });

  it('a flipped byte in the raw file is reported, and set/delete on an open store do not overwrite it', async () => {
    const store = await openFileSecretStore({ dataDir });
    await store.set('site:a', 'kept-secret');
    const raw = await readFile(dataFile());
    for (const at of [5, raw.length >> 1, raw.length - 5]) {
      const damaged = Buffer.from(raw);
      damaged[at] = (damaged[at] ?? 0) ^ 0x04;
      await writeFile(dataFile(), damaged);
      await expectUntouchedAfterAllOps(damaged, 'secret_store_corrupt');
      // The store opened before the damage refuses to write over it.
      await storeError(store.set('site:b', 'new-secret'), 'secret_store_corrupt');
      await storeError(store.delete('site:a'), 'secret_store_corrupt');
      expect(await readFile(dataFile())).toEqual(damaged);
    }
  });

  it('a truncated file is secret_store_corrupt and stays as it was', async () => {
    const raw = await filledStore();
    for (const length of [0, 10, raw.length >> 1, raw.length - 2]) {
      const cut = raw.subarray(0, length);
      await writeFile(dataFile(), cut);
      const error = await storeError(openFileSecretStore({ dataDir }), 'secret_store_corrupt');
      expect(error.message).toContain(dataFile());
      expect(await readFile(dataFile())).toEqual(cut);
    }
  });
});

describe('file store: writers in other processes', () => {
  it('two store objects on one folder (as two processes would be) lose no write', async () => {
    const masterKey = randomBytes(32).toString('hex');
    const one = await openFileSecretStore({ dataDir, masterKey });
    const two = await openFileSecretStore({ dataDir, masterKey });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        one.set(`site:one-${i}`, `one-secret-${i}`),
        two.set(`site:two-${i}`, `two-secret-${i}`),
      ]).flat(),
    );
    expect(await one.list()).toHaveLength(40);
    expect((await readdir(dataDir)).sort()).toEqual(['secrets.enc']);
  });

  it('takes over a lock left by a process that died, and waits for a live one', async () => {
    const store = await openFileSecretStore({ dataDir, lock: { timeoutMs: 200 } });
    // A pid far above any real one: the holder is gone.
    await writeFile(`${dataFile()}.lock`, '2147483646\n');
    await store.set('site:a', 'after-stale-lock');
    expect(await store.get('site:a')).toBe('after-stale-lock');

    // This very process holds it: alive, so the writer waits and then gives up, changing nothing.
    await writeFile(`${dataFile()}.lock`, `${process.pid}\n`);
    const before = await readFile(dataFile());
    const error = await storeError(store.set('site:b', 'blocked'), 'secret_store_failed');
    expect(error.message).toContain('locked by another sitedesk process');
    expect(await readFile(dataFile())).toEqual(before);
    await rm(`${dataFile()}.lock`);
    await store.set('site:b', 'unblocked');
    expect(await store.list()).toEqual(['site:a', 'site:b']);
  });
});
