import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSecretStore } from '../../../src/secrets/file-store.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { PROBE_ACCOUNT_PREFIX, probeSecretStore } from '../../../src/secrets/probe.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import { SecretRegistry } from '../../../src/shared/redact.js';

describe('memory store', () => {
  it('round-trips, overwrites, deletes, lists sorted and registers values for redaction', async () => {
    const registry = new SecretRegistry();
    const store = createMemorySecretStore({}, { secrets: registry });
    await store.set('site:b', 'bee-secret');
    await store.set('site:a', 'aye-secret');
    await store.set('site:a', 'aye-other-secret');
    expect(await store.get('site:a')).toBe('aye-other-secret');
    expect(await store.list()).toEqual(['site:a', 'site:b']);
    expect(await store.delete('site:b')).toBe(true);
    expect(await store.delete('site:b')).toBe(false);
    expect(await store.get('site:b')).toBeUndefined();
    expect(registry.scrub('aye-other-secret and bee-secret')).toBe('[redacted] and [redacted]');
  });
});

describe('memory store with initial secrets', () => {
  it('starts with them, sorted in list, and registers them for redaction at once', async () => {
    const registry = new SecretRegistry();
    const store = createMemorySecretStore(
      { 'site:z': 'zed-initial', 'site:a': 'aye-initial' },
      { secrets: registry },
    );
    expect(await store.list()).toEqual(['site:a', 'site:z']);
    expect(registry.scrub('zed-initial')).toBe('[redacted]');
  });
});

describe('probeSecretStore', () => {
  it('reports ok with a duration and leaves nothing behind', async () => {
    const store = createMemorySecretStore({}, { secrets: new SecretRegistry() });
    const result = await probeSecretStore(store);
    expect(result.ok).toBe(true);
    expect(result.millis).toBeGreaterThanOrEqual(0);
    expect(result.error).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('uses a throw-away account and a random value each time', async () => {
    const seen: string[] = [];
    const inner = createMemorySecretStore({}, { secrets: new SecretRegistry() });
    const recording: SecretStore = {
      ...inner,
      set: (account, secret) => (seen.push(account, secret), inner.set(account, secret)),
    };
    await probeSecretStore(recording);
    await probeSecretStore(recording);
    expect(seen[0]).toMatch(new RegExp(`^${PROBE_ACCOUNT_PREFIX}[0-9a-f]{12}$`));
    expect(seen[0]).not.toBe(seen[2]);
    expect(seen[1]).not.toBe(seen[3]);
  });

  it('reports the code and message of a store that fails (a damaged file), without throwing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-probe-'));
    try {
      const store = await openFileSecretStore({ dataDir }, { secrets: new SecretRegistry() });
      await writeFile(join(dataDir, 'secrets.enc'), '{"version": 1, "trunc');
      const result = await probeSecretStore(store);
      expect(result).toMatchObject({ ok: false, code: 'secret_store_corrupt' });
      expect(result.error).toContain('damaged');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a store that never answers after timeoutMs instead of waiting for it', async () => {
    // No real keychain can be made to hang inside a unit test; the integration tests hang a real
    // D-Bus socket. Here a store whose set() never settles stands in for it.
    const inner = createMemorySecretStore({}, { secrets: new SecretRegistry() });
    const hanging: SecretStore = { ...inner, set: () => new Promise<void>(() => undefined) };
    const started = Date.now();
    const result = await probeSecretStore(hanging, { timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, code: 'secret_store_unavailable' });
    expect(result.error).toContain('did not answer within 100 ms');
  });
});
