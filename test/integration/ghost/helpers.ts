/** Shared set-up of the Ghost integration tests: a connector on a real Ghost, items, images. */
import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import axios, { type AxiosInstance } from 'axios';
import {
  createGhostConnector,
  type GhostConnector,
} from '../../../src/connectors/ghost/connector.js';
import type { ContentItem, MediaFile } from '../../../src/connectors/types.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import { systemClock, type Clock } from '../../../src/shared/clock.js';
import { createSilentLogger, type Logger } from '../../../src/shared/logger.js';

/** A connector for `url` with `key` stored under `site:<id>`, plus the axios instance it uses. */
export async function connectorFor(
  url: string,
  key: string | undefined,
  options: {
    id?: string;
    settings?: Record<string, unknown>;
    clock?: Clock;
    secrets?: SecretStore;
    logger?: Logger;
  } = {},
): Promise<{ connector: GhostConnector; axios: AxiosInstance; secrets: SecretStore }> {
  const id = options.id ?? 'ghost-test';
  const secrets = options.secrets ?? createMemorySecretStore();
  if (key !== undefined) await secrets.set(`site:${id}`, key);
  const instance = axios.create();
  const connector = createGhostConnector(
    { id, url, settings: { retryBaseDelayMs: 50, retryMaxDelayMs: 2000, ...options.settings } },
    {
      secrets,
      logger: options.logger ?? createSilentLogger(),
      clock: options.clock ?? systemClock,
      axios: instance,
    },
  );
  return { connector, axios: instance, secrets };
}

/** Counts the requests an axios instance sends, by method and path. */
export function countRequests(instance: AxiosInstance): { calls: string[]; reset(): void } {
  const calls: string[] = [];
  instance.interceptors.request.use((config) => {
    calls.push(`${(config.method ?? 'get').toUpperCase()} ${new URL(config.url ?? '').pathname}`);
    return config;
  });
  return { calls, reset: () => void calls.splice(0) };
}

/** A slug no other test uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A post item with sensible defaults. */
export function postItem(overrides: Partial<ContentItem> = {}): ContentItem {
  const slug = overrides.slug ?? uniqueSlug('post');
  return {
    id: `item-${slug}`,
    title: `Title of ${slug}`,
    slug,
    markdown: 'Fresh **croissants** every morning.\n\n- butter\n- flour',
    kind: 'post',
    ...overrides,
  };
}

/** A valid `size`×`size` PNG of one colour: real image bytes Ghost and sharp accept. */
export function pngFile(
  filename: string,
  rgb: [number, number, number],
  size = 8,
  alt?: string,
): MediaFile {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: size }, () => rgb).flat()),
  ]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  const data = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { filename, contentType: 'image/png', data, ...(alt ? { alt } : {}) };
}

/** Polls `check` until it returns a value or `timeoutMs` passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  stepMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
