import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadConfig } from '../../../src/shared/config.js';
import { ConfigError } from '../../../src/shared/errors.js';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives sane defaults with an empty environment', () => {
    const config = loadConfig({ HOME: '/home/ann' });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      secretStore: 'auto',
      logLevel: 'info',
      logFormat: 'auto',
    });
    expect(config.dataDir).toBe(defaultDataDir({ HOME: '/home/ann' }));
  });

  it('reads SITEDESK_* variables and coerces numbers', () => {
    const config = loadConfig({
      SITEDESK_PORT: '9123',
      SITEDESK_SECRET_STORE: 'file',
      SITEDESK_DATA_DIR: '/tmp/sd',
    });
    expect(config.port).toBe(9123);
    expect(config.secretStore).toBe('file');
    expect(config.dataDir).toBe('/tmp/sd');
  });

  it('names the variable and shows an example when a value is wrong', () => {
    const error = configError({ SITEDESK_PORT: 'eighty' });
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain('SITEDESK_PORT');
    expect(error.message).toContain('Example: SITEDESK_PORT=8080');
    expect(error.details?.[0]?.path).toBe('port');
  });

  it('rejects an unknown secret store with the allowed choices', () => {
    const error = configError({ SITEDESK_SECRET_STORE: 'keytar' });
    expect(error.message).toContain('SITEDESK_SECRET_STORE');
    expect(error.message).toMatch(/auto.*keychain.*file.*memory/);
  });

  it('reads a YAML config file, with the environment taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitedesk-config-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'port: 7001\nlogLevel: debug\n');
    const config = loadConfig({ SITEDESK_CONFIG: file, SITEDESK_LOG_LEVEL: 'warn' });
    expect(config.port).toBe(7001);
    expect(config.logLevel).toBe('warn');
  });

  it('rejects an unknown key in the config file by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitedesk-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ prot: 8080 }));
    const error = configError({ SITEDESK_CONFIG: file });
    expect(error.message).toContain('prot');
  });

  it('says which config file cannot be read', () => {
    const error = configError({ SITEDESK_CONFIG: '/nonexistent/sitedesk.yaml' });
    expect(error.message).toContain('/nonexistent/sitedesk.yaml');
    expect(error.message).toContain('Example: SITEDESK_CONFIG=');
  });

  it('reads the proxy to trust and the CORS origins, and names a wrong origin', () => {
    expect(loadConfig({ SITEDESK_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ SITEDESK_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ SITEDESK_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(
      loadConfig({ SITEDESK_CORS_ORIGINS: 'https://a.example, http://b.example:8443' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8443']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(() => loadConfig({ SITEDESK_CORS_ORIGINS: 'https://a.example/path' })).toThrow(
      /SITEDESK_CORS_ORIGINS.*scheme and host only/,
    );
  });
});
