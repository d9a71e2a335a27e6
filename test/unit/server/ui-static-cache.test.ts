/** Files of the built web app that keep their name across versions are revalidated. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createApp } from '../../../src/server/app.js';
import { createSilentLogger } from '../../../src/shared/logger.js';

// The app's folder sits below a folder named "assets": only its own assets/ is immutable.
const root = mkdtempSync(join(tmpdir(), 'sitedesk-webapp-'));
const dir = join(root, 'assets', 'ui');
mkdirSync(join(dir, 'assets'), { recursive: true });
writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
writeFileSync(join(dir, 'preview-frame.css'), 'body{}');
writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}');
const app = createApp({
  version: '0.0.0',
  logger: createSilentLogger(),
  secrets: { store: createMemorySecretStore(), reason: 'test' },
  webApp: { dir },
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('web app caching', () => {
  it('revalidates the preview frame stylesheet; caches hashed assets for a year', async () => {
    const css = await request(app).get('/preview-frame.css').expect(200);
    expect(css.headers['cache-control']).toBe('no-cache');
    expect(css.headers['content-type']).toContain('text/css');
    const index = await request(app).get('/').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await request(app).get('/assets/index-abc123.css').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
