/**
 * Shared set-up of the WordPress integration tests: a connector for a running test site with
 * its Application Password stored in a SecretStore the way a user would store it, and a raw,
 * authenticated REST reader to check what really arrived (independent of the connector).
 */
import {
  createWordPressConnector,
  type WordPressConnector,
} from '../../../src/connectors/wordpress/connector.js';
import type { FetchLike } from '../../../src/connectors/http/types.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { RunningWordPress } from '../../env/wordpress/start.js';

export interface ConnectorOptions {
  id?: string;
  url?: string;
  username?: string;
  /** The secret to store; `null` stores none. */
  password?: string | null;
  settings?: Record<string, unknown>;
  fetch?: FetchLike;
}

/** A connector for `wp` (or another URL), fast retries so fault tests stay short. */
export async function connectorFor(
  wp: RunningWordPress,
  options: ConnectorOptions = {},
): Promise<WordPressConnector> {
  const id = options.id ?? 'test-site';
  const secrets = createMemorySecretStore();
  if (options.password !== null)
    await secrets.set(`site:${id}`, options.password ?? wp.appPassword);
  return createWordPressConnector(
    {
      id,
      url: options.url ?? wp.url,
      settings: {
        username: options.username ?? wp.username,
        retryBaseDelayMs: 20,
        retryMaxDelayMs: 200,
        ...options.settings,
      },
    },
    {
      secrets,
      logger: createSilentLogger(),
      clock: systemClock,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  );
}

/** GET a REST route of `wp` directly as admin and return the JSON (for assertions). */
export async function rest<T = unknown>(
  wp: RunningWordPress,
  route: string,
  query: Record<string, string> = {},
): Promise<T> {
  const url = new URL(`${wp.url}/wp-json${route}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: { Authorization: basic(wp) } });
  if (!response.ok)
    throw new Error(`GET ${url.pathname} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The admin's Basic authorization header. */
export function basic(wp: RunningWordPress): string {
  return `Basic ${Buffer.from(`${wp.username}:${wp.appPassword}`).toString('base64')}`;
}

/** A fetch that counts the requests it sends (and remembers method and URL). */
export function countingFetch(): FetchLike & { calls: { method: string; url: string }[] } {
  const calls: { method: string; url: string }[] = [];
  const counted = (input: string, init: RequestInit): Promise<Response> => {
    calls.push({ method: init.method ?? 'GET', url: input });
    return fetch(input, init);
  };
  return Object.assign(counted, { calls });
}

/** A 1×1 PNG, and variants with different bytes (so their upload names differ). */
export function png(variant = 0): Uint8Array {
  const bytes = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  // Bytes after IEND are ignored by decoders: a harmless way to vary the content.
  return new Uint8Array(Buffer.concat([bytes, Buffer.from(variant ? `sitedesk-${variant}` : '')]));
}
