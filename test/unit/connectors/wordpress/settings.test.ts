import { describe, expect, it } from 'vitest';
import { parseWordPressSite } from '../../../../src/connectors/wordpress/settings.js';
import { ConfigError } from '../../../../src/shared/errors.js';

describe('WordPress site settings', () => {
  it('fills defaults and drops a trailing slash', () => {
    const site = parseWordPressSite({
      id: 'bakery',
      url: 'https://example.com/blog/',
      settings: { username: 'editor' },
    });
    expect(site).toEqual({
      id: 'bakery',
      url: 'https://example.com/blog',
      settings: {
        username: 'editor',
        timeoutMs: 30_000,
        retries: 3,
        retryBaseDelayMs: 500,
        retryMaxDelayMs: 20_000,
        restStyle: 'auto',
      },
    });
  });

  it('names each wrong field and shows an example', () => {
    let error: unknown;
    try {
      parseWordPressSite({
        id: '',
        url: 'ftp://example.com',
        settings: { timeoutMs: 5, colour: 'red' },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['id', 'url', 'settings.username', 'settings.timeoutMs', 'settings']),
    );
    expect((error as Error).message).toContain("'https://example.com'");
    expect((error as Error).message).toContain('Example: {');
  });
});
