// A site's secret was given for one host. Pointing the site elsewhere (its URL's origin, or a
// setting that says where to connect) must delete the secret in the same change, so it never
// reaches the new host; a harmless change keeps it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorCache } from '../../../src/connectors/registry.js';
import { systemClock } from '../../../src/shared/clock.js';
import { siteSecretAccount } from '../../../src/secrets/account.js';
import { assertNoLeak, createHarness, PLANTED_SECRET, type Harness } from './harness.js';

let h: Harness;
let listener: Server;
let listenerUrl: string;
const seen: string[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-review-retarget-'));

beforeAll(async () => {
  h = await createHarness((parts) => ({
    connectorFor: createConnectorCache({
      secrets: parts.secrets,
      logger: parts.logger,
      clock: systemClock,
      dataDir,
    }),
  }));
  // Another host: records every Authorization header and answers like a WordPress index.
  listener = createServer((req, res) => {
    seen.push(String(req.headers.authorization ?? ''));
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        name: 'x',
        namespaces: ['wp/v2'],
        authentication: { 'application-passwords': {} },
      }),
    );
  });
  await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  listener.closeAllConnections();
  await new Promise((done) => listener.close(done));
  assertNoLeak(h);
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const agency = () => ({ Authorization: h.secretaryToken });
const decoded = (header: string) =>
  Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');

async function siteWithSecret(body: Record<string, unknown>, secret: string): Promise<string> {
  const res = await request(h.http)
    .post('/api/v1/sites')
    .set(agency())
    .send({ clientId: h.clientB.id, ...body, secret })
    .expect(201);
  return String(res.body.id);
}

async function historyOf(siteId: string) {
  const res = await request(h.http)
    .get('/api/v1/history')
    .query({ clientId: h.clientA.id, limit: 200 })
    .set(agency())
    .expect(200);
  const b = await request(h.http)
    .get('/api/v1/history')
    .query({ clientId: h.clientB.id, limit: 200 })
    .set(agency())
    .expect(200);
  return [...res.body.items, ...b.body.items].filter(
    (e: { entity: string; entityId: string }) => e.entity === 'site' && e.entityId === siteId,
  ) as { action: string; changes: Record<string, unknown> }[];
}

describe('PATCH /api/v1/sites/:id and the site secret', () => {
  it('a harmless change (the name) keeps the secret', async () => {
    const res = await request(h.http)
      .patch(`/api/v1/sites/${h.siteA.id}`)
      .set(agency())
      .send({ name: 'Blog A (renamed)' })
      .expect(200);
    expect(res.body.secretCleared).toBe(false);
    expect(res.body.hasSecret).toBe(true);
    expect(await h.secrets.get(siteSecretAccount(h.siteA.id))).toBe(PLANTED_SECRET);
  });

  it('a new URL origin deletes the secret: it never reaches the new host, the answer and history say so', async () => {
    const res = await request(h.http)
      .patch(`/api/v1/sites/${h.siteA.id}`)
      .set(agency())
      .send({ url: listenerUrl })
      .expect(200);
    expect(res.body).toMatchObject({ url: listenerUrl, secretCleared: true, hasSecret: false });
    expect(await h.secrets.get(siteSecretAccount(h.siteA.id))).toBeUndefined();
    await request(h.http).post(`/api/v1/sites/${h.siteA.id}/check`).set(agency());
    expect(seen.some((header) => decoded(header).includes(PLANTED_SECRET))).toBe(false);
    expect(seen.some((header) => header.includes(PLANTED_SECRET))).toBe(false);
    const [latest] = await historyOf(h.siteA.id);
    expect(latest?.action).toBe('updated');
    expect(latest?.changes['secretCleared']).toEqual({ because: ['url'] });
    // A new secret, given for the new host knowingly, is used there.
    await request(h.http)
      .put(`/api/v1/sites/${h.siteA.id}/secret`)
      .set(agency())
      .send({ secret: 'new-host-pass-1234' })
      .expect(204);
    await request(h.http).post(`/api/v1/sites/${h.siteA.id}/check`).set(agency());
    expect(seen.some((header) => decoded(header).includes('new-host-pass-1234'))).toBe(true);
  });

  it('a path on the same origin keeps the secret', async () => {
    const res = await request(h.http)
      .patch(`/api/v1/sites/${h.siteA.id}`)
      .set(agency())
      .send({ url: `${listenerUrl}/blog` })
      .expect(200);
    expect(res.body).toMatchObject({ secretCleared: false, hasSecret: true });
  });

  it('Ghost: a new adminUrl deletes the secret; tuning keeps it', async () => {
    const id = await siteWithSecret(
      { name: 'Ghost', kind: 'ghost', url: 'https://ghost.example' },
      'ghost-admin-key-1',
    );
    const tuning = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ settings: { timeoutMs: 10_000 } })
      .expect(200);
    expect(tuning.body).toMatchObject({ secretCleared: false, hasSecret: true });
    // The same origin as the public URL, written out: nothing moves.
    const same = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ settings: { timeoutMs: 10_000, adminUrl: 'https://ghost.example/' } })
      .expect(200);
    expect(same.body).toMatchObject({ secretCleared: false, hasSecret: true });
    const moved = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ settings: { adminUrl: 'https://elsewhere.example' } })
      .expect(200);
    expect(moved.body).toMatchObject({ secretCleared: true, hasSecret: false });
    expect(await h.secrets.get(siteSecretAccount(id))).toBeUndefined();
  });

  it('git: a new repository host deletes the secret; a content folder keeps it', async () => {
    const settings = {
      repoUrl: 'https://git.example.com/bakery/site.git',
      generator: 'hugo',
      author: { name: 'Jana', email: 'jana@example.com' },
    };
    const id = await siteWithSecret(
      { name: 'Static', kind: 'git', url: 'https://www.bakery.example', settings },
      'git-token-1',
    );
    const folder = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ settings: { ...settings, contentDirs: { post: 'content/news' } } })
      .expect(200);
    expect(folder.body).toMatchObject({ secretCleared: false, hasSecret: true });
    const ssh = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ settings: { ...settings, repoUrl: 'git@evil.example:bakery/site.git' } })
      .expect(200);
    expect(ssh.body).toMatchObject({ secretCleared: true, hasSecret: false });
    expect(await h.secrets.get(siteSecretAccount(id))).toBeUndefined();
    const [latest] = await historyOf(id);
    expect(latest?.changes['secretCleared']).toEqual({ because: ['settings.repoUrl'] });
  });

  it('a secret store that fails leaves the site as it was (503), and the change can be repeated', async () => {
    const id = await siteWithSecret(
      { name: 'WP', kind: 'wordpress', url: 'https://wp.example', settings: { username: 'e' } },
      'wp-pass-1',
    );
    const real = h.secrets.delete.bind(h.secrets);
    h.secrets.delete = async () => {
      throw new Error('keychain locked');
    };
    try {
      const res = await request(h.http)
        .patch(`/api/v1/sites/${id}`)
        .set(agency())
        .send({ url: 'https://other.example' })
        .expect(503);
      expect(res.body.error.code).toBe('secret_store_failed');
    } finally {
      h.secrets.delete = real;
    }
    const site = await request(h.http).get(`/api/v1/sites/${id}`).set(agency()).expect(200);
    expect(site.body).toMatchObject({ url: 'https://wp.example', hasSecret: true });
    await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ url: 'https://other.example' })
      .expect(200);
    expect(await h.secrets.get(siteSecretAccount(id))).toBeUndefined();
  });
});
