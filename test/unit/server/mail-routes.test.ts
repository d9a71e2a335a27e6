/**
 * The mail and call routes on the real app (supertest, in-memory SQLite, fake clock, memory
 * secret store): the telephony webhook's signature, replay and payload checks; mailboxes with a
 * write-only password; call tasks with their decision; mail rules; the Ghost newsletter flag.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/connectors/calls/index.js';
import { createMailDesk, type MailDesk } from '../../../src/tasks/mail/index.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

const WEBHOOK_SECRET = 'whsec-0123456789abcdef-planted';
const MAILBOX_PASSWORD = 'mAilbox-Passw0rd-planted-91d2';
let h: Harness;
let mail: MailDesk | undefined;
let auth: Record<string, string>;

beforeAll(async () => {
  h = await createHarness(({ tasks, secrets, logger }) => {
    mail = createMailDesk(
      { dataDir: mkdtempSync(join(tmpdir(), 'sitedesk-mailroutes-')) },
      { tasks, secrets, logger },
    );
    return { mail };
  });
  auth = { Authorization: h.adminToken };
  await request(h.http)
    .put(`/api/v1/clients/${h.clientA.id}/call-settings`)
    .set(auth)
    .send({
      profile: {
        availability: {
          timezone: 'Europe/Prague',
          weekly: { wed: [{ from: '09:00', to: '17:00' }] },
        },
        forwarding: [{ name: 'orders', topics: ['big order'] }],
      },
      lines: ['+420 222 000 111'],
    })
    .expect(200);
});
afterAll(async () => {
  assertNoLeak(h, [WEBHOOK_SECRET, MAILBOX_PASSWORD]);
  await mail?.stop();
  await h.close();
});

const event = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    type: 'call.voicemail',
    occurredAt: new Date(h.clock.now()).toISOString(),
    from: { number: '+420 602 123 456', name: 'Jana' },
    to: { number: '+420 222 000 111' },
    topic: 'a big order',
    voicemail: { transcript: 'Please call me back.' },
    ...extra,
  });

function post(body: string, headers: Record<string, string>) {
  return request(h.http)
    .post('/api/v1/webhooks/calls')
    .set({ 'Content-Type': 'application/json', ...headers })
    .send(body);
}

function signed(body: string, secret = WEBHOOK_SECRET, at = h.clock.now()) {
  const ts = Math.floor(at / 1000);
  return {
    'X-Sitedesk-Timestamp': String(ts),
    'X-Sitedesk-Signature': signWebhook(secret, ts, body),
  };
}

describe('telephony webhook', () => {
  it('is 503 until a shared secret is stored, then accepts a signed event once', async () => {
    const body = event('evt-1');
    const off = await post(body, signed(body));
    expect(off.status).toBe(503);
    expect(off.body.error.code).toBe('webhook_not_configured');
    await h.secrets.set('webhook:calls', WEBHOOK_SECRET);

    const ok = await post(body, signed(body)).expect(201);
    // Wednesday 4 March 2026, 09:00 in Prague: within hours, topic rule matches.
    expect(ok.body.decision).toMatchObject({ action: 'forward', rule: 'orders' });
    const { task } = await h.tasks.getTask(ok.body.taskId);
    expect(task).toMatchObject({ kind: 'call', clientId: h.clientA.id });
    expect(task.kind === 'call' && task.details).toMatchObject({
      caller: 'Jana',
      eventId: 'evt-1',
      callbackWanted: true,
      decision: ok.body.decision,
      // How it came is kept apart from what was said (each screen and mail words it).
      via: 'voicemail',
      message: 'Please call me back.',
    });

    const replay = await post(body, signed(body));
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('webhook_replayed');
  });

  it('refuses missing, wrong, stale signatures (401) and bad events (400 naming the field)', async () => {
    const body = event('evt-2');
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, signed(body, 'another-secret-of-16+chars'))).status).toBe(401);
    expect(
      (await post(body, signed(body, WEBHOOK_SECRET, h.clock.now() - 10 * 60_000))).status,
    ).toBe(401);
    const tampered = await post(body.replace('Jana', 'Eve'), signed(body));
    expect(tampered.body.error.code).toBe('webhook_signature_invalid');

    const bad = event('evt-3', { type: 'call.unknown', occurredAt: 'yesterday' });
    const refused = await post(bad, signed(bad));
    expect(refused.status).toBe(400);
    const paths = refused.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['occurredAt', 'type']);
    const notJson = await post('{"id":', signed('{"id":'));
    expect(notJson.status).toBe(400);
    const unknownLine = event('evt-4', { to: { number: '+1 555 0100 999' } });
    const noClient = await post(unknownLine, signed(unknownLine));
    expect(noClient.status).toBe(400);
    expect(noClient.body.error.details[0].path).toBe('to.number');
    // Nothing was created, so the same event is not a replay once the line is known.
    expect((await post(unknownLine, signed(unknownLine))).status).toBe(400);
    // A signed event was received (evt-2 never was): nothing was created for the refused ones.
    const calls = (await h.tasks.listTasks({ kind: ['call'] })).items;
    expect(calls.map((t) => t.kind === 'call' && t.details.eventId)).toEqual(['evt-1']);
  });
});

describe('mailboxes, rules, calls, mailings over the API', () => {
  it('keeps the mailbox password write-only', async () => {
    const res = await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        password: MAILBOX_PASSWORD,
        settings: {
          id: 'bakery',
          address: 'shop@bakery.example',
          imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
          smtp: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
        },
      })
      .expect(201);
    expect(res.body).toMatchObject({ id: 'bakery', hasPassword: true });
    expect(await h.secrets.get('mailbox:bakery')).toBe(MAILBOX_PASSWORD);
    const list = await request(h.http).get('/api/v1/mailboxes').set(auth).expect(200);
    expect(list.body.items[0]).toMatchObject({
      id: 'bakery',
      hasPassword: true,
      health: { state: 'not running' },
    });
    const health = await request(h.http).get('/api/v1/mail/health').set(auth).expect(200);
    expect(health.body.items[0]).toMatchObject({ mailboxId: 'bakery', state: 'not running' });
    const dup = await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({ clientId: h.clientA.id, settings: res.body.settings });
    expect(dup.status).toBe(409);
    const bad = await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({ clientId: h.clientA.id, settings: { id: 'Bad Id', address: 'nope' } });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.settings.id', 'body.settings.address', 'body.settings.imap']),
    );
    // A key the settings do not know is refused by name, never dropped silently (issue 16).
    const unknown = await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        settings: {
          id: 'bakery-two',
          address: 'two@bakery.example',
          imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never', tls: false },
          smtp: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
          signature: 'x',
        },
      })
      .expect(400);
    expect(unknown.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.settings.imap.tls',
      'body.settings.signature',
    ]);
  });

  it('reports mail rules that can never match', async () => {
    const res = await request(h.http)
      .put(`/api/v1/clients/${h.clientA.id}/mail-rules`)
      .set(auth)
      .send({
        urgent: [
          { name: 'empty', words: [] },
          { name: 'boss', senders: ['boss'] },
        ],
      })
      .expect(200);
    expect(res.body.problems.map((p: { rule: string }) => p.rule)).toEqual(['empty', 'boss']);
  });

  it('answers a call with its decision and reason', async () => {
    const res = await request(h.http)
      .post('/api/v1/calls')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        caller: 'Petr',
        number: '+420 777 000 111',
        message: 'Ring back',
      })
      .expect(201);
    expect(res.body.decision.action).toBe('take-message');
    // The reason as a code (the web app and the client's mails word it), not a sentence.
    expect(res.body.decision.why.code).toMatch(/^no-rule-(within|outside)-hours$/);
    expect(res.body.decision).not.toHaveProperty('reason');
    expect(res.body.task.details.decision).toEqual(res.body.decision);
    const bad = await request(h.http)
      .post('/api/v1/calls')
      .set(auth)
      .send({ clientId: h.clientA.id, caller: '', number: 'abc' });
    expect(bad.status).toBe(400);
  });

  it('offers Ghost’s own newsletter for a client with a Ghost site', async () => {
    await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({
        clientId: h.clientB.id,
        settings: {
          id: 'florist',
          address: 'shop@florist.example',
          imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
          smtp: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
        },
      })
      .expect(201);
    const item = await h.tasks.createContentItem(
      {
        clientId: h.clientB.id,
        kind: 'promotion',
        title: 'Tulips',
        slug: 'tulips',
        markdown: 'Fresh tulips.',
      },
      { actor: 'test' },
    );
    const res = await request(h.http)
      .post(`/api/v1/clients/${h.clientB.id}/mailings`)
      .set(auth)
      .send({
        contentItemId: item.id,
        mailboxId: 'florist',
        csv: 'email\na@x.example\nbroken\n',
        pageUrl: 'https://b.example/tulips',
        unsubscribeUrl: 'https://b.example/u?e={email}',
      })
      .expect(201);
    expect(res.body.ghostNewsletter).toEqual({ available: true, siteIds: [h.siteB.id] });
    expect(res.body.recipients).toBe(1);
    expect(res.body.problems).toEqual([expect.objectContaining({ problem: 'invalid', line: 3 })]);
    const got = await request(h.http)
      .get(`/api/v1/mailings/${res.body.mailing.id}`)
      .set(auth)
      .expect(200);
    expect(got.body.recipients).toEqual([{ email: 'a@x.example', state: 'pending' }]);
    const http = await request(h.http)
      .post(`/api/v1/clients/${h.clientB.id}/mailings`)
      .set(auth)
      .send({
        contentItemId: item.id,
        mailboxId: 'florist',
        csv: 'a@x.example',
        pageUrl: 'https://b.example/t',
        unsubscribeUrl: 'http://b.example/u?e={email}',
      });
    expect(http.status).toBe(400);
    expect(http.body.error.message).toMatch(/https/);
  });

  it('makes a mailing of a subject and a text written for it, lists it, and refuses half of one', async () => {
    const res = await request(h.http)
      .post(`/api/v1/clients/${h.clientB.id}/mailings`)
      .set(auth)
      .send({
        subject: 'Tulips on Saturday',
        markdown: 'Fresh **tulips**.',
        mailboxId: 'florist',
        csv: 'a@x.example\nb@x.example',
        unsubscribeUrl: 'https://b.example/u?e={email}',
      })
      .expect(201);
    expect(res.body.recipients).toBe(2);
    expect(res.body.mailing).toMatchObject({ subject: 'Tulips on Saturday', state: 'ready' });
    const list = await request(h.http)
      .get(`/api/v1/clients/${h.clientB.id}/mailings`)
      .set(auth)
      .expect(200);
    expect(list.body.items[0]).toMatchObject({ id: res.body.mailing.id, counts: { pending: 2 } });
    const text = await request(h.http)
      .get(`/api/v1/content-items/${res.body.mailing.contentItemId}`)
      .set(auth)
      .expect(200);
    expect(text.body).toMatchObject({ kind: 'promotion', title: 'Tulips on Saturday' });

    const half = await request(h.http)
      .post(`/api/v1/clients/${h.clientB.id}/mailings`)
      .set(auth)
      .send({ subject: 'No text', mailboxId: 'florist', csv: 'a@x.example' })
      .expect(400);
    expect(half.body.error.details).toEqual([expect.objectContaining({ path: 'body.markdown' })]);
    const badTest = await request(h.http)
      .post(`/api/v1/mailings/${res.body.mailing.id}/test`)
      .set(auth)
      .send({ to: 'not an address' })
      .expect(400);
    expect(badTest.body.error.details[0].path).toBe('body.to');

    await request(h.http)
      .post(`/api/v1/clients/${h.clientB.id}/suppressions`)
      .set(auth)
      .send({ email: 'Gone@X.example' })
      .expect(201);
    await request(h.http)
      .delete(`/api/v1/clients/${h.clientB.id}/suppressions/gone%40x.example`)
      .set(auth)
      .expect(200);
    await request(h.http)
      .delete(`/api/v1/clients/${h.clientB.id}/suppressions/gone%40x.example`)
      .set(auth)
      .expect(404);
    await request(h.http)
      .delete(`/api/v1/clients/${h.clientB.id}/suppressions/not-an-address`)
      .set(auth)
      .expect(400);
  });
});
