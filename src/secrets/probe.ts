import { randomBytes } from 'node:crypto';
import { SecretStoreError, messageOf } from '../shared/errors.js';
import { withTimeout } from './timeout.js';
import type { SecretStore } from './types.js';

/** The answer of a probe: whether a secret survived write → read → delete, and how long it took. */
export interface ProbeResult {
  ok: boolean;
  /** Wall time of the whole probe, in milliseconds. */
  millis: number;
  /** What went wrong, in words safe to show (never the probe value). */
  error?: string;
  /** The SecretStoreError code when there is one (e.g. `secret_store_unavailable`). */
  code?: string;
}

/** Prefix of the throw-away account a probe uses; `list()` may show one if a probe was cut short. */
export const PROBE_ACCOUNT_PREFIX = 'sitedesk-doctor-probe-';

/**
 * Writes a random value under a throw-away account (`sitedesk-doctor-probe-<random>`), reads it
 * back, deletes it and checks it is gone. Never throws. `timeoutMs` (default 10000) bounds the
 * whole probe, so a keychain that hangs is reported, not waited for.
 */
export async function probeSecretStore(
  store: SecretStore,
  options: { timeoutMs?: number } = {},
): Promise<ProbeResult> {
  const account = `${PROBE_ACCOUNT_PREFIX}${randomBytes(6).toString('hex')}`;
  const value = `probe-${randomBytes(12).toString('hex')}`;
  const started = performance.now();
  let written = false;
  try {
    await withTimeout(`The ${store.description}`, options.timeoutMs ?? 10_000, async () => {
      await store.set(account, value);
      written = true;
      const read = await store.get(account);
      if (read !== value)
        throw new SecretStoreError(
          'secret_store_failed',
          'a probe value written was not read back the same',
        );
      if (!(await store.delete(account)))
        throw new SecretStoreError(
          'secret_store_failed',
          'deleting the probe value reported nothing to delete',
        );
      written = false;
      if ((await store.get(account)) !== undefined)
        throw new SecretStoreError(
          'secret_store_failed',
          'the probe value was still there after delete',
        );
    });
    return { ok: true, millis: elapsed(started) };
  } catch (error) {
    // A probe cut short by the timeout may have left its value behind; try once to remove it
    // without waiting for the answer (the store may be the thing that hangs).
    if (written) void store.delete(account).catch(() => undefined);
    return {
      ok: false,
      millis: elapsed(started),
      error: messageOf(error),
      ...(error instanceof SecretStoreError ? { code: error.code } : {}),
    };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
