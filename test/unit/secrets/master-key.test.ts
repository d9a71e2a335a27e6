import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseMasterKey } from '../../../src/secrets/file-key.js';
import { ConfigError } from '../../../src/shared/errors.js';

describe('parseMasterKey', () => {
  const key = randomBytes(32);

  it('accepts 64 hex characters, base64 and base64url of 32 bytes', () => {
    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
    expect(parseMasterKey(key.toString('hex').toUpperCase())).toEqual(key);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(`  ${key.toString('base64')}\n`)).toEqual(key);
    expect(parseMasterKey(key.toString('base64url'))).toEqual(key);
  });

  it('refuses other lengths and alphabets with a ConfigError that shows an example, never the value', () => {
    const wrong = [
      key.toString('hex').slice(0, 62),
      randomBytes(31).toString('base64'),
      'correct horse battery staple',
      'g'.repeat(64),
    ];
    for (const value of wrong) {
      let error: unknown;
      try {
        parseMasterKey(value);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('openssl rand -hex 32');
      expect((error as ConfigError).message).not.toContain(value);
    }
  });
});
