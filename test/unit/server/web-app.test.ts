import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createApp } from '../../../src/server/app.js';
import { createSilentLogger } from '../../../src/shared/logger.js';

// A built web app on disk (index.html + a hashed asset), served by the real app.
const dir = mkdtempSync(join(tmpdir(), 'sitedesk-webapp-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(
  join(dir, 'index.html'),
  '<!doctype html><title>sitedesk</title><div id="app"></div>',
);
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
const app = createApp({
  version: '0.0.0',
  logger: createSilentLogger(),
  secrets: { store: createMemorySecretStore(), reason: 'test' },
  webApp: { dir },
});

describe('the web app', () => {
  it('serves index.html at / without caching, assets for a year', async () => {
    const index = await request(app).get('/').expect(200);
    expect(index.text).toContain('<title>sitedesk</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers the app’s own paths with index.html, but not API or health paths', async () => {
    const deep = await request(app).get('/tasks/123').expect(200);
    expect(deep.text).toContain('<div id="app">');
    const api = await request(app).get('/api/v1/nothing').expect(404);
    expect(api.body.error.code).toBe('not_found');
    await request(app)
      .get('/health')
      .expect(200, /"status":"ok"/);
  });

  it('does not serve files outside its folder', async () => {
    const res = await request(app).get('/..%2f..%2fetc%2fpasswd');
    expect(res.text).not.toContain('root:');
  });
});
