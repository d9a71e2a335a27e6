/**
 * Mail failures that recover by themselves (issue 24), against a real dovecot and a real SMTP
 * server: an urgent forward while SMTP is down (at arrival and across a restart of sitedesk)
 * is delivered exactly once when SMTP is back, without a restart; a mailing cut by an SMTP
 * outage resumes by itself and reaches everyone once; a new UIDVALIDITY with mails that have
 * no Message-ID makes no second task.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk, type MailDesk } from '../../../src/tasks/mail/index.js';
import { addMailbox, setClientMailRules } from '../../../src/tasks/mail/mailboxes.js';
import { createMailing, getMailing } from '../../../src/tasks/mail/mailings.js';
import type { Task } from '../../../src/tasks/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type ReceivedMessage, type SmtpTestServer } from '../../env/mail/smtp.js';
import { rawMessage } from '../mail/helpers.js';
import { dataFolder, mailboxSettings, openSide, type Side } from './mail-setup.js';
import { until } from './until.js';

const who = { actor: 'test' };
const FAST = {
  intake: {
    healthIntervalMs: 2_000,
    pollIntervalMs: 300,
    backoffInitialMs: 100,
    backoffMaxMs: 400,
  },
  outbox: { retryInitialMs: 200, retryMaxMs: 500, intervalMs: 100 },
  mailings: { retryMs: 300 },
  syncIntervalMs: 200,
};

let imap: ImapServer;
beforeAll(async () => {
  imap = await startImapServer();
});
afterAll(async () => {
  await imap?.dispose();
});

const deskOf = (
  side: Side,
  dir: string,
  secrets: Parameters<typeof createMailDesk>[1]['secrets'],
) =>
  createMailDesk(
    { dataDir: dir, ...FAST },
    { tasks: side.tasks, secrets, logger: createSilentLogger() },
  );

async function mailTasks(side: Side): Promise<Task[]> {
  return (await side.tasks.listTasks({ kind: ['mail'], limit: 200 })).items;
}

/** SMTP down: its port is closed; back: a new server on the same port, counting into the same list. */
async function bounce(smtp: SmtpTestServer, messages: ReceivedMessage[]) {
  await smtp.stop();
  return () => startSmtpServer({ port: smtp.port, messages });
}

describe('mail failures that recover', () => {
  it('an urgent forward during an SMTP outage (and a restart) goes out once when SMTP is back', async () => {
    const user = imap.users[0]!;
    const messages: ReceivedMessage[] = [];
    let smtp = await startSmtpServer({ messages });
    const back = await bounce(smtp, messages); // down before the mail arrives
    const { dir, secrets } = dataFolder();
    const settings = mailboxSettings(imap, smtp.port, user, 'urgent-box');
    await secrets.set(`mailbox:${settings.id}`, user.password);
    let side = await openSide(dir, secrets);
    const client = await side.tasks.createClient(
      { name: 'Plumber', timezone: 'Europe/Prague' },
      who,
    );
    await addMailbox(side.tasks.deps, { clientId: client.id, settings });
    await setClientMailRules(side.tasks.deps, client.id, {
      urgent: [{ name: 'leak', words: ['leak'] }],
      forwardUrgentTo: 'owner@plumber.example',
    });
    let desk: MailDesk = deskOf(side, dir, secrets);
    await desk.start();
    await imap.deliver(user.user, rawMessage({ id: 'leak1@example.org', subject: 'Water leak!' }));
    const urgentOf = async () => {
      const [task] = await mailTasks(side);
      return task?.kind === 'mail' ? task.details.urgent : undefined;
    };
    // She sees that it did not go yet, and why.
    const retrying = await until(
      urgentOf,
      (u) => u?.state === 'retrying',
      15_000,
      'a retrying forward',
    );
    expect(retrying?.detail).toMatch(/ECONNREFUSED|connect/i);
    expect(retrying?.attempts).toBeGreaterThanOrEqual(1);

    // sitedesk restarts while SMTP is still down: the forward is still queued, nothing lost.
    await desk.stop();
    await side.close();
    side = await openSide(dir, secrets);
    desk = deskOf(side, dir, secrets);
    await desk.start();
    await new Promise((r) => setTimeout(r, 600)); // a few failed attempts after the restart
    expect(messages).toHaveLength(0);

    smtp = await back(); // SMTP is back: no restart, no click
    const forwarded = await until(urgentOf, (u) => u?.state === 'forwarded', 15_000, 'the forward');
    expect(forwarded?.detail).toBeUndefined();
    await new Promise((r) => setTimeout(r, 800)); // room for a second copy to show
    expect(messages).toHaveLength(1);
    expect(messages[0]!.to).toEqual(['owner@plumber.example']);
    expect(messages[0]!.raw).toMatch(/Subject: \[Urgent\] Fwd: Water leak!/);
    await desk.stop();
    await side.close();
    await smtp.stop();
  }, 60_000);

  it('a mailing cut by an SMTP outage waits, then resumes by itself: everyone exactly once', async () => {
    const messages: ReceivedMessage[] = [];
    let smtp = await startSmtpServer({ messages });
    const { dir, secrets } = dataFolder();
    await secrets.set('mailbox:promo-box', 'pw');
    const side = await openSide(dir, secrets);
    const client = await side.tasks.createClient({ name: 'Shop', timezone: 'Europe/Prague' }, who);
    await addMailbox(side.tasks.deps, {
      clientId: client.id,
      settings: {
        id: 'promo-box',
        address: 'shop@shop.example',
        imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
      },
    });
    const item = await side.tasks.createContentItem(
      {
        clientId: client.id,
        kind: 'promotion',
        title: 'Sale',
        slug: 'sale',
        markdown: 'Half price.',
      },
      who,
    );
    const all = Array.from({ length: 80 }, (_, i) => `r${i + 1}@example.org`);
    const { mailing } = await createMailing(side.ctx, client.id, {
      contentItemId: item.id,
      mailboxId: 'promo-box',
      csv: ['email', ...all].join('\n'),
      pageUrl: 'https://shop.example/sale',
      unsubscribeUrl: 'https://shop.example/u?e={email}',
      intervalMs: 20,
    });
    const desk = deskOf(side, dir, secrets);
    await desk.start();
    await desk.startMailing(mailing.id);
    await until(
      async () => messages.length,
      (n) => n >= 20,
      20_000,
      '20 sent',
    );
    const back = await bounce(smtp, messages);
    const waiting = await until(
      () => getMailing(side.ctx, mailing.id),
      (m) => m.state === 'waiting',
      15_000,
      'waiting',
    );
    expect(waiting.report?.stoppedBecause).toBeTruthy();
    expect(waiting.nextAttemptAt).toBeTruthy();
    const atOutage = messages.length;
    expect(atOutage).toBeLessThan(80);
    await new Promise((r) => setTimeout(r, 700)); // it tries again while SMTP is down, and waits again
    expect(messages.length).toBe(atOutage);
    smtp = await back();
    const done = await until(
      () => getMailing(side.ctx, mailing.id),
      (m) => m.state === 'done',
      30_000,
      'done',
    );
    const received = messages.flatMap((m) => m.to);
    expect(new Set(received).size).toBe(received.length); // nobody twice
    expect([...received].sort()).toEqual([...all].sort()); // everyone
    expect(done.counts).toEqual({ sent: 80 });
    await desk.stop();
    await side.close();
    await smtp.stop();
  }, 90_000);

  it('mails without a Message-ID are not taken again after the server renumbers the folder', async () => {
    const own = await startImapServer();
    const smtp = await startSmtpServer();
    try {
      const user = own.users[0]!;
      const { dir, secrets } = dataFolder();
      const settings = mailboxSettings(own, smtp.port, user, 'renumbered');
      await secrets.set(`mailbox:${settings.id}`, user.password);
      const side = await openSide(dir, secrets);
      const client = await side.tasks.createClient(
        { name: 'Garage', timezone: 'Europe/Prague' },
        who,
      );
      await addMailbox(side.tasks.deps, { clientId: client.id, settings });
      const noId = (subject: string, body: string) =>
        rawMessage({ id: 'x', subject, body }).replace(/^Message-ID: <x>\r\n/m, '');
      await own.deliver(user.user, noId('Brakes', 'Squeaking.'));
      await own.deliver(user.user, noId('Tyres', 'Winter ones please.'));
      await own.deliver(user.user, rawMessage({ id: 'with-id@example.org', subject: 'Oil' }));
      let desk = deskOf(side, dir, secrets);
      await desk.start();
      await until(
        () => mailTasks(side),
        (t) => t.length === 3,
        15_000,
        'three tasks',
      );
      await desk.stop();
      await own.stop();
      // Without its UID list and indexes dovecot gives the folder a new UIDVALIDITY.
      for (const name of readdirSync(own.maildir(user.user)))
        if (name.startsWith('dovecot')) rmSync(join(own.maildir(user.user), name), { force: true });
      await new Promise((r) => setTimeout(r, 1_100)); // UIDVALIDITY is a time in seconds
      await own.restart();
      await own.deliver(user.user, noId('Lights', 'One is out.'));
      desk = deskOf(side, dir, secrets);
      await desk.start();
      const tasks = await until(
        () => mailTasks(side),
        (t) => t.length >= 4,
        15_000,
        'the new mail',
      );
      await new Promise((r) => setTimeout(r, 1_000)); // room for duplicates to show
      const after = await mailTasks(side);
      await desk.stop();
      expect(tasks.length).toBe(4);
      expect(after.map((t) => t.title).sort()).toEqual(['Brakes', 'Lights', 'Oil', 'Tyres']);
      const checkpoints = await side.store.db
        .selectFrom('mail_messages' as never)
        .select(['uid_validity' as never])
        .execute();
      expect(
        new Set(checkpoints.map((r) => (r as { uid_validity: string }).uid_validity)).size,
      ).toBe(2);
      await side.close();
    } finally {
      await smtp.stop();
      await own.dispose();
    }
  }, 60_000);
});
