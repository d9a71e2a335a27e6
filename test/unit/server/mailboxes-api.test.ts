/**
 * Changing and removing a mailbox over the API (issue 24), on the real app (supertest,
 * in-memory SQLite, memory secret store): the password stays write-only, unknown keys are a 400
 * naming the field, a new server deletes the old password, removing deletes it like a site's,
 * and a failing secret store answers 503 and changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailDesk, type MailDesk } from '../../../src/tasks/mail/index.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

const PASSWORD = 'mAilbox-Passw0rd-planted-24aa';
const NEW_PASSWORD = 'mAilbox-Passw0rd-planted-24bb';
let h: Harness;
let mail: MailDesk | undefined;
const auth = () => ({ Authorization: h.secretaryToken });

const settings = (host = '127.0.0.1') => ({
  address: 'shop@bakery.example',
  imap: { host, port: 1143, secure: false, starttls: 'never' },
  smtp: { host, port: 1025, secure: false, starttls: 'never' },
});

async function addBox(id: string): Promise<void> {
  await request(h.http)
    .post('/api/v1/mailboxes')
    .set(auth())
    .send({ clientId: h.clientA.id, password: PASSWORD, settings: { id, ...settings() } })
    .expect(201);
}

/** The memory store, whose next call of `method` throws once (a locked keychain). */
function failNext(method: 'delete' | 'set'): void {
  const real = h.secrets[method].bind(h.secrets);
  h.secrets[method] = (async () => {
    h.secrets[method] = real as never;
    throw new Error('keychain locked');
  }) as never;
}

beforeAll(async () => {
  h = await createHarness(({ tasks, secrets, logger }) => {
    mail = createMailDesk(
      { dataDir: mkdtempSync(join(tmpdir(), 'sitedesk-mailboxes-api-')) },
      { tasks, secrets, logger },
    );
    return { mail };
  });
});
afterAll(async () => {
  assertNoLeak(h, [PASSWORD, NEW_PASSWORD]);
  await mail?.stop();
  await h.close();
});

describe('PATCH /api/v1/mailboxes/:id', () => {
  it('changes the display name and folders, keeps the password, never answers it', async () => {
    await addBox('bakery-a');
    const res = await request(h.http)
      .patch('/api/v1/mailboxes/bakery-a')
      .set(auth())
      .send({ settings: { ...settings(), displayName: 'Bakery A', sentFolder: 'Odeslané' } })
      .expect(200);
    expect(res.body).toMatchObject({
      id: 'bakery-a',
      settings: { displayName: 'Bakery A', sentFolder: 'Odeslané', inbox: 'INBOX' },
      hasPassword: true,
      passwordCleared: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    expect(await h.secrets.get('mailbox:bakery-a')).toBe(PASSWORD);
  });

  it('refuses unknown keys with a 400 naming the field, and changes nothing', async () => {
    for (const [body, field] of [
      [{ nmae: 'x' }, 'nmae'],
      [{ settings: { ...settings(), colour: 'red' } }, 'colour'],
      [{ settings: { ...settings(), imap: { ...settings().imap, tls: true } } }, 'tls'],
      [{ settings: { ...settings(), id: 'other' } }, 'id'],
      [
        { settings: { ...settings(), imap: { ...settings().imap, port: 0 } } },
        'settings.imap.port',
      ],
      [{ clientId: 'no-such-client' }, 'client'],
    ] as const) {
      const res = await request(h.http).patch('/api/v1/mailboxes/bakery-a').set(auth()).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(field);
    }
    const box = await request(h.http).get('/api/v1/mailboxes').set(auth()).expect(200);
    expect(box.body.items[0].settings.imap.port).toBe(1143);
  });

  it('a new server deletes the old password unless a new one comes with the change', async () => {
    const moved = await request(h.http)
      .patch('/api/v1/mailboxes/bakery-a')
      .set(auth())
      .send({ settings: settings('mail.bakery.example') })
      .expect(200);
    expect(moved.body).toMatchObject({ passwordCleared: true, hasPassword: false });
    expect(await h.secrets.get('mailbox:bakery-a')).toBeUndefined();
    const back = await request(h.http)
      .patch('/api/v1/mailboxes/bakery-a')
      .set(auth())
      .send({ settings: settings(), password: NEW_PASSWORD })
      .expect(200);
    expect(back.body).toMatchObject({ passwordCleared: false, hasPassword: true });
    expect(await h.secrets.get('mailbox:bakery-a')).toBe(NEW_PASSWORD);
  });

  it('a failing secret store answers 503 and changes nothing', async () => {
    failNext('delete');
    const res = await request(h.http)
      .patch('/api/v1/mailboxes/bakery-a')
      .set(auth())
      .send({ settings: settings('elsewhere.example') });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('secret_store_failed');
    const box = await request(h.http).get('/api/v1/mailboxes').set(auth()).expect(200);
    expect(box.body.items[0].settings.imap.host).toBe('127.0.0.1');
    expect(await h.secrets.get('mailbox:bakery-a')).toBe(NEW_PASSWORD);
  });

  it('404 for a mailbox that does not exist; a client link may not change one', async () => {
    await request(h.http)
      .patch('/api/v1/mailboxes/nope-nope')
      .set(auth())
      .send({ clientId: h.clientA.id })
      .expect(404);
    await request(h.http)
      .patch('/api/v1/mailboxes/bakery-a')
      .set({ Authorization: h.linkA })
      .send({ clientId: h.clientB.id })
      .expect(403);
  });
});

describe('DELETE /api/v1/mailboxes/:id', () => {
  it('a failing secret store answers 503: the mailbox and its password stay', async () => {
    await addBox('bakery-b');
    failNext('delete');
    const res = await request(h.http).delete('/api/v1/mailboxes/bakery-b').set(auth());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('was not removed');
    expect(await h.secrets.get('mailbox:bakery-b')).toBe(PASSWORD);
    const list = await request(h.http).get('/api/v1/mailboxes').set(auth()).expect(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain('bakery-b');
  });

  it('removes the mailbox and deletes its password', async () => {
    const res = await request(h.http).delete('/api/v1/mailboxes/bakery-b').set(auth()).expect(200);
    expect(res.body).toEqual({ id: 'bakery-b', passwordDeleted: true });
    expect(await h.secrets.get('mailbox:bakery-b')).toBeUndefined();
    const list = await request(h.http).get('/api/v1/mailboxes').set(auth()).expect(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).not.toContain('bakery-b');
    await request(h.http).delete('/api/v1/mailboxes/bakery-b').set(auth()).expect(404);
  });
});
