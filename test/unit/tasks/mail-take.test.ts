/**
 * takeMail on a real (in-memory) SQLite store, with messages built by hand (no server needed:
 * the subject here is the bookkeeping): a message seen again by its key or, after a new
 * UIDVALIDITY, by its Message-ID makes no second task; the checkpoint commits with the task.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMail, type IncomingMail } from '../../../src/connectors/mail/index.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createFakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { openTestStore } from '../store/test-store.js';
import { createTaskService, type TaskService } from '../../../src/tasks/index.js';
import { createMailContext, type MailContext } from '../../../src/tasks/mail/context.js';
import { addMailbox, getMailbox, type Mailbox } from '../../../src/tasks/mail/mailboxes.js';
import { checkpointStore, takeMail } from '../../../src/tasks/mail/take.js';

let store: Store;
let tasks: TaskService;
let ctx: MailContext;
let mailbox: Mailbox;
const who = { actor: 'test' };

async function incoming(
  id: string,
  uidValidity: string,
  uid: number,
  to = 'shop@bakery.example',
): Promise<IncomingMail> {
  const raw = Buffer.from(
    `From: a@example.org\r\nTo: ${to}\r\nSubject: s ${id}\r\nMessage-ID: <${id}>\r\n\r\nHello\r\n`,
  );
  return { ...(await parseMail(raw)), mailboxId: 'bakery', folder: 'INBOX', uidValidity, uid, raw };
}

beforeEach(async () => {
  store = await openTestStore();
  tasks = createTaskService({ store, clock: createFakeClock(Date.UTC(2026, 3, 1)) });
  ctx = createMailContext({
    deps: tasks.deps,
    secrets: createMemorySecretStore(),
    logger: createSilentLogger(),
    mailDir: mkdtempSync(join(tmpdir(), 'sitedesk-take-')),
  });
  const bakery = await tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who);
  const garage = await tasks.createClient({ name: 'Garage', timezone: 'Europe/Prague' }, who);
  await addMailbox(tasks.deps, {
    clientId: bakery.id,
    settings: {
      id: 'bakery',
      address: 'shop@bakery.example',
      imap: { host: 'imap.example', port: 993, secure: true },
      smtp: { host: 'smtp.example', port: 465, secure: true },
    },
    routes: [{ clientId: garage.id, recipients: ['garage.example'] }],
  });
  mailbox = await getMailbox(tasks.deps, 'bakery');
});
afterEach(async () => {
  await store.close();
});

describe('takeMail', () => {
  it('takes a message once, by its key and by its Message-ID after a new UIDVALIDITY', async () => {
    const first = await takeMail(ctx, mailbox, await incoming('m1@x', '100', 1));
    expect(first.outcome).toBe('created');
    // The intake died before saving its checkpoint: the same message comes again.
    const again = await takeMail(ctx, mailbox, await incoming('m1@x', '100', 1));
    expect(again).toMatchObject({ outcome: 'duplicate' });
    // The server renumbered the folder: same Message-ID, new key.
    const renumbered = await takeMail(ctx, mailbox, await incoming('m1@x', '200', 7));
    expect(renumbered).toMatchObject({ outcome: 'duplicate' });
    const fresh = await takeMail(ctx, mailbox, await incoming('m2@x', '200', 8));
    expect(fresh.outcome).toBe('created');
    expect((await tasks.listTasks({ kind: ['mail'] })).items).toHaveLength(2);
    expect(await checkpointStore(ctx, 'bakery', 'INBOX').load()).toEqual({
      uidValidity: '200',
      lastUid: 8,
    });
  });

  it('routes agency mail to the client a route names, else to the mailbox client', async () => {
    const routed = await takeMail(
      ctx,
      mailbox,
      await incoming('g@x', '1', 1, 'desk@garage.example'),
    );
    const rest = await takeMail(ctx, mailbox, await incoming('b@x', '1', 2));
    if (routed.outcome !== 'created' || rest.outcome !== 'created') throw new Error('not created');
    const clients = await tasks.listClients();
    const garage = clients.find((c) => c.name === 'Garage')!;
    expect(routed.task.clientId).toBe(garage.id);
    expect(rest.task.clientId).toBe(mailbox.clientId);
  });

  it('refuses a mailbox for an unknown client and a route that can never match', async () => {
    await expect(
      addMailbox(tasks.deps, {
        clientId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        settings: { ...mailbox.settings, id: 'other' },
        routes: [{ clientId: mailbox.clientId, recipients: [] }],
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: expect.arrayContaining([expect.objectContaining({ path: 'clientId' })]),
    });
  });
});
