import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { recordReplyFiles } from '../../../src/tasks/mail/reply-files.js';
import { createLetter } from '../../../src/tasks/letters/letters.js';
import { createLetterhead } from '../../../src/tasks/letters/letterheads.js';
import { pruneUploads, UPLOAD_GRACE_MS } from '../../../src/tasks/content-items/uploads-prune.js';
import { czechHeadInput } from './letters/letters-fixtures.js';
import { anna, createHarness, type Harness } from './helpers.js';

let h: Harness;
let dir: string;
beforeEach(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-prune-'));
});
afterEach(() => h.close());

/** Saves a file in the upload folder and records it as an upload. */
async function upload(name: string) {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const [item] = await h.tasks.recordUploads(
    [{ filename: name, contentType: 'image/png', path, bytes: 4 }],
    anna,
  );
  return { id: item!.id, path };
}

describe('pruneUploads', () => {
  it('deletes old uploads no text uses (row and file), keeps used and young ones', async () => {
    const client = await h.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna);
    const used = await upload('used.png');
    const forgotten = await upload('forgotten.png');
    await h.tasks.createContentItemFromUploads(
      {
        clientId: client.id,
        title: 'Menu',
        slug: 'menu',
        markdown: 'Soup',
        images: [{ uploadId: used.id }],
      },
      anna,
    );
    // Young: nothing goes, used or not.
    expect(await pruneUploads(h.tasks.deps)).toBe(0);
    await h.clock.advance(UPLOAD_GRACE_MS + 1000);
    const young = await upload('young.png');
    expect(await pruneUploads(h.tasks.deps)).toBe(1);
    expect(existsSync(forgotten.path)).toBe(false);
    await expect(h.tasks.getUploadFile(forgotten.id)).rejects.toMatchObject({ code: 'not_found' });
    for (const kept of [used, young]) {
      expect(existsSync(kept.path)).toBe(true);
      expect((await h.tasks.getUploadFile(kept.id)).path).toBe(kept.path);
    }
    // Still used however old; a second run finds nothing more.
    await h.clock.advance(10 * UPLOAD_GRACE_MS);
    expect(await pruneUploads(h.tasks.deps)).toBe(1); // the young one, now old and unused
    expect(existsSync(used.path)).toBe(true);
    expect(await pruneUploads(h.tasks.deps)).toBe(0);
  });

  it('keeps a file a reply names in the mail outbox (waiting or sent), however old', async () => {
    const client = await h.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna);
    const saved = async (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, '%PDF-1.7 offer');
      const [item] = await recordReplyFiles(
        h.tasks.deps,
        [{ filename: name, contentType: 'application/pdf', path, bytes: 14 }],
        anna,
      );
      return { id: item!.id, path };
    };
    const named = await saved('offer.pdf');
    const dropped = await saved('never-sent.pdf');
    const task = await h.tasks.createTask(
      {
        clientId: client.id,
        kind: 'mail',
        title: 'Order',
        details: { from: 'a@example.org', receivedAt: '2026-03-02T08:00:00.000Z' },
      },
      anna,
    );
    const server = { host: '127.0.0.1', port: 1, secure: false, user: 'shop' };
    await addMailbox(h.tasks.deps, {
      clientId: client.id,
      settings: { id: 'box', address: 'shop@example.test', imap: server, smtp: server },
    });
    const at = new Date(h.clock.now()).toISOString();
    const file = { uploadId: named.id, filename: 'offer.pdf', contentType: 'application/pdf' };
    await h.store.db
      .withTables<{ mail_outbox: Record<string, unknown> }>()
      .insertInto('mail_outbox')
      .values({
        id: 'outbox-1',
        mailbox_id: 'box',
        task_id: task.id,
        kind: 'reply',
        payload: JSON.stringify({ text: 'Hi', attachments: [{ ...file, bytes: 14 }] }),
        message_id: 'm1@example.test',
        state: 'pending',
        attempts: 3,
        next_attempt_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await h.clock.advance(UPLOAD_GRACE_MS + 1000);
    expect(await pruneUploads(h.tasks.deps)).toBe(1);
    expect(existsSync(dropped.path)).toBe(false);
    expect(existsSync(named.path)).toBe(true);
  });

  it("keeps a letter's attachments and voice messages however old", async () => {
    const client = await h.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna);
    const head = await createLetterhead(h.tasks.deps, client.id, czechHeadInput, anna);
    const attached = await upload('price-list.png');
    const voice = await upload('voice.png');
    const forgotten = await upload('forgotten.png');
    await createLetter(
      h.tasks.deps,
      {
        clientId: client.id,
        letterheadId: head.id,
        recipient: { name: 'Jana Dvořáková', address: ['Květinová 7', '602 00 Brno'] },
        subject: 'Ceník',
        body: 'Posíláme ceník.',
        attachments: [attached.id],
        dictation: [voice.id],
      },
      anna,
    );
    await h.clock.advance(UPLOAD_GRACE_MS + 1000);
    expect(await pruneUploads(h.tasks.deps)).toBe(1);
    expect(existsSync(forgotten.path)).toBe(false);
    for (const kept of [attached, voice]) expect(existsSync(kept.path)).toBe(true);
  });
});
