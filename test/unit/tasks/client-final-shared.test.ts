// What a final removal must not take with it (issue 21): an upload another client's text also
// uses, a file a text names outside the data folder, and a mailbox that also serves another
// client (refused, nothing removed). Real file database, real data folder.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAccounts, withWorkspace, type Workspace } from '../../../src/cli/workspace.js';
import { removeClientForGood } from '../../../src/tasks/clients/final/index.js';
import { insert } from './client-final-seed.js';

let root: string;
let env: NodeJS.ProcessEnv;
const who = { actor: 'anna' };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sitedesk-final-shared-'));
  env = { SITEDESK_DATA_DIR: join(root, 'data'), SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const roots = (ws: Workspace) => ({
  uploadDir: join(ws.config.dataDir, 'uploads'),
  mailDir: join(ws.config.dataDir, 'mail'),
  gitDir: join(ws.config.dataDir, 'git'),
});

async function client(ws: Workspace, name: string): Promise<string> {
  await openAccounts(ws); // the accounts tables (private links) that archiving reads
  return (await ws.tasks.createClient({ name, timezone: 'Europe/Prague' }, who)).id;
}

it('keeps an upload another client uses and a file outside the data folder', async () => {
  await withWorkspace(env, async (ws) => {
    const leaving = await client(ws, 'Leaving');
    const staying = await client(ws, 'Staying');
    const uploads = roots(ws).uploadDir;
    await mkdir(uploads, { recursive: true });
    const shared = join(uploads, 'shared.png');
    const own = join(uploads, 'own.png');
    const outside = join(root, 'on-her-desktop.png');
    for (const file of [shared, own, outside]) await writeFile(file, 'PNG');
    const sharedId = ws.tasks.deps.newId();
    const at = new Date().toISOString();
    await insert(ws.store.db, 'uploads', {
      id: sharedId,
      filename: 'shared.png',
      content_type: 'image/png',
      bytes: 3,
      path: shared,
      created_by: 'anna',
      created_at: at,
    });
    const image = (path: string, uploadId?: string) => ({
      filename: 'x.png',
      contentType: 'image/png',
      path,
      ...(uploadId ? { uploadId } : {}),
    });
    await ws.tasks.createContentItem(
      {
        clientId: leaving,
        title: 'Menu',
        slug: 'menu',
        markdown: 'Soup',
        images: [image(shared, sharedId), image(own), image(outside)],
      },
      who,
    );
    await ws.tasks.createContentItem(
      {
        clientId: staying,
        title: 'Flowers',
        slug: 'flowers',
        markdown: 'Roses',
        images: [image(shared, sharedId)],
      },
      who,
    );
    await ws.tasks.archiveClient(leaving, who);
    const done = await removeClientForGood(
      ws.tasks.deps,
      ws.secrets.store,
      leaving,
      who,
      roots(ws),
      {
        confirmName: 'Leaving',
        withoutExport: true,
      },
    );
    expect(done.rows.uploads).toBeUndefined();
    expect(existsSync(shared)).toBe(true);
    expect(existsSync(outside)).toBe(true);
    expect(existsSync(own)).toBe(false);
    const row = await ws.store.db
      .selectFrom('uploads')
      .select('id')
      .where('id', '=', sharedId)
      .executeTakeFirst();
    expect(row?.id).toBe(sharedId);
  });
});

it('refuses while its mailbox holds mail of another client, and removes nothing', async () => {
  await withWorkspace(env, async (ws) => {
    const leaving = await client(ws, 'Agency mailbox owner');
    const other = await client(ws, 'Other');
    const at = new Date().toISOString();
    const mailbox = ws.tasks.deps.newId();
    await insert(ws.store.db, 'mailboxes', {
      id: mailbox,
      client_id: leaving,
      settings: '{}',
      routes: JSON.stringify([{ clientId: other, senders: ['*@other.example'] }]),
      created_at: at,
      updated_at: at,
    });
    const task = await ws.tasks.createTask(
      {
        clientId: other,
        kind: 'call',
        title: 'Taken for the other client',
        details: { caller: 'X', number: '+420123456789', at },
      },
      who,
    );
    await insert(ws.store.db, 'mail_messages', {
      mailbox_id: mailbox,
      uid_validity: '1',
      uid: 1,
      thread_key: 'k',
      task_id: task.id,
      folder: 'INBOX',
      created_at: at,
    });
    await ws.tasks.archiveClient(leaving, who);
    await expect(
      removeClientForGood(ws.tasks.deps, ws.secrets.store, leaving, who, roots(ws), {
        confirmName: 'Agency mailbox owner',
        withoutExport: true,
      }),
    ).rejects.toThrow(/takes mail for other clients.*holds mail of other clients/);
    const still = await ws.store.db
      .selectFrom('clients')
      .select('id')
      .where('id', '=', leaving)
      .executeTakeFirst();
    expect(still?.id).toBe(leaving);
  });
});
