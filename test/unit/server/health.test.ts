import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createApp } from '../../../src/server/app.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { version } from '../../../src/shared/version.js';

const store = createMemorySecretStore();
await store.set('site:1', 'planted-secret-value');
const app = createApp({
  version: version(),
  logger: createSilentLogger(),
  secrets: { store, reason: 'chosen for the test' },
});

describe('GET /health', () => {
  it('answers anonymous callers with status and version only: no store, path or secret', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', version: version() });
    expect(JSON.stringify(res.body)).not.toContain('planted-secret-value');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('says the database, the job queue and the role of the instance when serve tells it, and nothing more', async () => {
    const instance = createApp({
      version: version(),
      logger: createSilentLogger(),
      secrets: { store, reason: 'chosen for the test' },
      instance: { database: 'postgres', queue: 'pg-boss 10', role: 'api' },
    });
    const res = await request(instance).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      version: version(),
      database: 'postgres',
      queue: 'pg-boss 10',
      role: 'api',
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app).get('/nope').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers malformed JSON with a 400, not a 500 or a stack trace', async () => {
    const res = await request(app)
      .post('/health')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('entity_parse_failed');
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
  });
});
