import { describe, expect, it } from 'vitest';
import { parseAdminKey, parseGhostSite } from '../../../../src/connectors/ghost/settings.js';
import { ConfigError } from '../../../../src/shared/errors.js';

const ID = 'a'.repeat(24);
const SECRET = '0123456789abcdef'.repeat(4);

describe('parseGhostSite', () => {
  it('strips trailing slashes and fills defaults', () => {
    const site = parseGhostSite({
      id: 'blog',
      url: 'https://blog.example.com/',
      settings: { adminUrl: 'https://b.ghost.io//' },
    });
    expect(site.url).toBe('https://blog.example.com');
    expect(site.settings).toEqual({
      adminUrl: 'https://b.ghost.io',
      timeoutMs: 30_000,
      retries: 3,
      retryBaseDelayMs: 500,
      retryMaxDelayMs: 30_000,
    });
    expect(parseGhostSite({ id: 'blog', url: 'http://127.0.0.1:2368' }).settings.retries).toBe(3);
  });

  it('names every wrong field and shows an example', () => {
    let error: unknown;
    try {
      parseGhostSite({ id: '', url: 'blog.example.com', settings: { retries: 99, colour: 'red' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    expect(config.details?.map((d) => d.path).sort()).toEqual([
      'id',
      'settings',
      'settings.retries',
      'url',
    ]);
    expect(config.message).toContain('url: must be an http(s) URL');
    expect(config.message).toContain(
      'Example: { "id": "bakery-blog", "url": "https://blog.example.com"',
    );
  });

  it('refuses other protocols', () => {
    expect(() => parseGhostSite({ id: 'x', url: 'ftp://blog.example.com' })).toThrow(ConfigError);
  });
});

describe('parseAdminKey', () => {
  it('splits a well-formed key (surrounding whitespace from a paste is ignored)', () => {
    expect(parseAdminKey(` ${ID}:${SECRET}\n`)).toEqual({
      ok: true,
      key: { id: ID, secret: SECRET },
    });
  });

  it.each([
    [`${ID}${SECRET}`, 'it has 0 colons; expected one'],
    [`${ID}:${SECRET}:x`, 'it has 2 colons'],
    [`${ID.slice(1)}:${SECRET}`, 'the id part has 23 characters, expected 24'],
    [`${ID}:${SECRET.slice(0, 26)}`, 'the secret part has 26 characters, expected 64'],
    [`${ID}:${SECRET.toUpperCase()}`, 'the secret part has characters other than 0-9 and a-f'],
  ])('describes the shape of %#', (raw, problem) => {
    const parsed = parseAdminKey(raw);
    expect(parsed.ok).toBe(false);
    const text = parsed.ok ? '' : parsed.problem;
    expect(text).toContain(problem);
    expect(text).toContain('<24 hex characters>:<64 hex characters>');
    expect(text).not.toContain(SECRET.slice(0, 16));
  });
});
