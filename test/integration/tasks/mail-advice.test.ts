/**
 * Advice that matches the cause (issue 24): the real answers of dovecot and of an SMTP server
 * that offer no STARTTLS, of a wrong password and of a refused recipient, as the intake's
 * health and the outbox record them, read in the secretary's words. A server without STARTTLS
 * is never "the server refused the password".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { updateMailbox } from '../../../src/tasks/mail/mailbox-changes.js';
import { addMailbox, setClientMailRules } from '../../../src/tasks/mail/mailboxes.js';
import { en } from '../../../src/ui/src/i18n/en.js';
import { forwardCause, hintOf } from '../../../src/ui/src/parts/mail-causes.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { rawMessage } from '../mail/helpers.js';
import { dataFolder, mailboxSettings, openSide } from './mail-setup.js';
import { until } from './until.js';

const who = { actor: 'test' };
let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  imap = await startImapServer();
  smtp = await startSmtpServer({ refuse: ['nobody@bakery.example'] });
});
afterAll(async () => {
  await smtp?.stop();
  await imap?.dispose();
});

describe('advice in the secretary’s words', () => {
  it('says STARTTLS, a refused password and a refused address apart', async () => {
    const [alice, bob] = imap.users as [ImapServer['users'][0], ImapServer['users'][0]];
    const { dir, secrets } = dataFolder();
    const side = await openSide(dir, secrets);
    const client = await side.tasks.createClient(
      { name: 'Bakery', timezone: 'Europe/Prague' },
      who,
    );
    const plain = mailboxSettings(imap, smtp.port, alice, 'needs-tls');
    await secrets.set('mailbox:needs-tls', alice.password);
    await addMailbox(side.tasks.deps, {
      clientId: client.id,
      settings: {
        ...plain,
        imap: { ...plain.imap, starttls: 'required' },
        smtp: { ...plain.smtp, starttls: 'required' },
      },
    });
    await secrets.set('mailbox:wrong-password', 'not the password');
    await addMailbox(side.tasks.deps, {
      clientId: client.id,
      settings: mailboxSettings(imap, smtp.port, bob, 'wrong-password'),
    });
    const desk = createMailDesk(
      {
        dataDir: dir,
        intake: {
          healthIntervalMs: 1_000,
          pollIntervalMs: 300,
          backoffInitialMs: 100,
          backoffMaxMs: 300,
        },
        outbox: { retryInitialMs: 200, retryMaxMs: 400, intervalMs: 100 },
      },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await desk.start();
    const health = await until(
      () => desk.health(),
      (lines) => lines.every((l) => l.state === 'unhealthy'),
      15_000,
      'both mailboxes unhealthy',
    );
    const reasonOf = (id: string) => health.find((l) => l.mailboxId === id)!;
    expect(reasonOf('needs-tls').reason).toMatch(/STARTTLS/);
    expect(en[hintOf(reasonOf('needs-tls'))]).toMatch(/does not offer encryption \(STARTTLS\)/);
    expect(en[hintOf(reasonOf('needs-tls'))]).not.toMatch(/refused the password/);
    expect(en[hintOf(reasonOf('wrong-password'))]).toMatch(/refused the password/);

    // The outgoing side, through the outbox: STARTTLS missing, then a refused address.
    const check = await desk.checkMailbox('needs-tls', 5_000);
    expect(en[forwardCause(check.smtp.detail)]).toMatch(/does not offer encryption \(STARTTLS\)/);
    await setClientMailRules(side.tasks.deps, client.id, {
      urgent: [{ name: 'leak', words: ['leak'] }],
      forwardUrgentTo: 'nobody@bakery.example',
    });
    await desk.stop();
    // Only the working mailbox now, so the forward reaches the SMTP server and is refused there.
    const ok = mailboxSettings(imap, smtp.port, alice, 'works');
    await secrets.set('mailbox:works', alice.password);
    await addMailbox(side.tasks.deps, { clientId: client.id, settings: ok });
    await updateMailbox(side.tasks.deps, secrets, 'needs-tls', { archived: true });
    await updateMailbox(side.tasks.deps, secrets, 'wrong-password', { archived: true });
    const again = createMailDesk(
      {
        dataDir: dir,
        intake: {
          healthIntervalMs: 1_000,
          pollIntervalMs: 300,
          backoffInitialMs: 100,
          backoffMaxMs: 300,
        },
        outbox: { retryInitialMs: 200, retryMaxMs: 400, intervalMs: 100 },
      },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await again.start();
    await imap.deliver(alice.user, rawMessage({ id: 'leak@example.org', subject: 'A leak' }));
    const urgent = await until(
      async () => {
        const tasks = (await side.tasks.listTasks({ kind: ['mail'], limit: 50 })).items;
        const task = tasks.find((t) => t.title === 'A leak');
        return task?.kind === 'mail' ? task.details.urgent : undefined;
      },
      (u) => u?.state === 'failed',
      15_000,
      'a refused forward',
    );
    expect(en[forwardCause(urgent?.detail ?? '')]).toBe(en['fwdCause.refused']);
    await again.stop();
    await side.close();
  }, 60_000);
});
