/**
 * A running intake follows the mailboxes in the database without a restart (issue 24): a
 * mailbox added, moved to another client, pointed at another login, archived and removed —
 * each change made as another process would make it (straight in the database, no call into
 * the running desk), picked up by the desk's own sync. Real dovecot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/shared/errors.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { removeMailbox, updateMailbox } from '../../../src/tasks/mail/mailbox-changes.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import type { Task } from '../../../src/tasks/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { rawMessage } from '../mail/helpers.js';
import { dataFolder, mailboxSettings, openSide, type Side } from './mail-setup.js';
import { until } from './until.js';

const who = { actor: 'test' };
let imap: ImapServer;
beforeAll(async () => {
  imap = await startImapServer();
});
afterAll(async () => {
  await imap?.dispose();
});

const mailTasks = async (side: Side): Promise<Task[]> =>
  (await side.tasks.listTasks({ kind: ['mail'], limit: 200 })).items;

describe('intake follows mailbox changes while it runs', () => {
  it('adds, moves, re-points, archives and removes mailboxes without a restart', async () => {
    const [alice, bob] = imap.users as [ImapServer['users'][0], ImapServer['users'][0]];
    const { dir, secrets } = dataFolder();
    const side = await openSide(dir, secrets);
    const a = await side.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who);
    const b = await side.tasks.createClient({ name: 'Garage', timezone: 'Europe/Prague' }, who);
    const desk = createMailDesk(
      {
        dataDir: dir,
        syncIntervalMs: 200,
        intake: {
          healthIntervalMs: 2_000,
          pollIntervalMs: 300,
          backoffInitialMs: 100,
          backoffMaxMs: 400,
        },
      },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await desk.start();
    const titlesOf = async (clientId: string) =>
      (await mailTasks(side))
        .filter((t) => t.clientId === clientId)
        .map((t) => t.title)
        .sort();

    // Added while running.
    const settings = mailboxSettings(imap, 1, alice, 'front-desk');
    await secrets.set('mailbox:front-desk', alice.password);
    await addMailbox(side.tasks.deps, { clientId: a.id, settings });
    await imap.deliver(alice.user, rawMessage({ id: 's1@example.org', subject: 'first' }));
    await until(
      () => titlesOf(a.id),
      (t) => t.includes('first'),
      15_000,
      'first for the bakery',
    );

    // Moved to another client: new mail is the garage's.
    await updateMailbox(side.tasks.deps, secrets, 'front-desk', { clientId: b.id });
    await new Promise((r) => setTimeout(r, 600)); // the desk's sync runs every 200 ms
    await imap.deliver(alice.user, rawMessage({ id: 's2@example.org', subject: 'second' }));
    await until(
      () => titlesOf(b.id),
      (t) => t.includes('second'),
      15_000,
      'second for the garage',
    );

    // Pointed at another login (with its password): bob's mail comes in, alice's no longer.
    const { id: _id, ...toBob } = mailboxSettings(imap, 1, bob, 'front-desk');
    void _id;
    await updateMailbox(side.tasks.deps, secrets, 'front-desk', {
      settings: toBob,
      password: bob.password,
    });
    await imap.deliver(
      bob.user,
      rawMessage({ id: 's3@example.org', subject: 'third', to: 'bob@example.test' }),
    );
    await until(
      () => titlesOf(b.id),
      (t) => t.includes('third'),
      15_000,
      'third from bob',
    );
    await imap.deliver(alice.user, rawMessage({ id: 's4@example.org', subject: 'fourth' }));

    // Archived: not read any more, shown as archived, its tasks stay.
    await updateMailbox(side.tasks.deps, secrets, 'front-desk', { archived: true });
    await until(
      async () => (await desk.health()).find((l) => l.mailboxId === 'front-desk')?.state,
      (s) => s === 'archived',
      5_000,
      'archived health',
    );
    await new Promise((r) => setTimeout(r, 500));
    await imap.deliver(
      bob.user,
      rawMessage({ id: 's5@example.org', subject: 'fifth', to: 'bob@example.test' }),
    );
    await new Promise((r) => setTimeout(r, 1_500)); // several polls' worth
    expect(await titlesOf(a.id)).toEqual(['first']);
    expect(await titlesOf(b.id)).toEqual(['second', 'third']); // no fourth (alice), no fifth (archived)

    // A used mailbox cannot be removed (archive it); an unused one is removed and its intake stops.
    await expect(removeMailbox(side.tasks.deps, secrets, 'front-desk')).rejects.toThrow(
      ConflictError,
    );
    await secrets.set('mailbox:spare', alice.password);
    await addMailbox(side.tasks.deps, {
      clientId: a.id,
      settings: mailboxSettings(imap, 1, alice, 'spare'),
      startFrom: 'new',
    });
    await until(
      async () => (await desk.health()).find((l) => l.mailboxId === 'spare')?.state,
      (s) => s === 'healthy',
      10_000,
      'spare healthy',
    );
    await removeMailbox(side.tasks.deps, secrets, 'spare');
    await new Promise((r) => setTimeout(r, 600));
    await imap.deliver(alice.user, rawMessage({ id: 's6@example.org', subject: 'sixth' }));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await titlesOf(a.id)).toEqual(['first']);
    expect((await desk.health()).map((l) => l.mailboxId)).toEqual(['front-desk']);

    // Brought back from the archive: the mail that came meanwhile is taken.
    await updateMailbox(side.tasks.deps, secrets, 'front-desk', { archived: false });
    await until(
      () => titlesOf(b.id),
      (t) => t.includes('fifth'),
      15_000,
      'fifth after restoring',
    );
    await desk.stop();
    await side.close();
  }, 90_000);
});
