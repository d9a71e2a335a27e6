import type { Config } from '../../shared/config.js';

/** The settings a backup records: all of them except the master key, which is a secret. */
export function settingsWithoutSecrets(config: Config): Record<string, unknown> {
  const { masterKey: _masterKey, ...rest } = config;
  return { ...rest, masterKey: config.masterKey === undefined ? 'not set' : 'set (not written)' };
}
