/**
 * Mail → tasks against a real dovecot and a real SMTP server: each message exactly one task
 * across a restart of sitedesk (database closed and opened) and of dovecot, thread grouping,
 * attachments kept on disk, urgent mail forwarded at once, agency routes, health, replies.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMailbox,
  listMailboxes,
  setClientMailRules,
} from '../../../src/tasks/mail/mailboxes.js';
import { createMailIntakeService } from '../../../src/tasks/mail/intake-service.js';
import { createMailDesk, mailboxFindings } from '../../../src/tasks/mail/index.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailOutbox } from '../../../src/tasks/mail/outbox.js';
import { replyFromTask } from '../../../src/tasks/mail/reply.js';
import { threadTaskIds } from '../../../src/tasks/mail/take.js';
import type { Task } from '../../../src/tasks/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { openAs, rawMessage, waitFor } from '../mail/helpers.js';
import { dataFolder, mailboxSettings, openSide, type Side } from './mail-setup.js';

const fast = {
  healthIntervalMs: 2_000,
  pollIntervalMs: 300,
  backoffInitialMs: 100,
  backoffMaxMs: 400,
};
const who = { actor: 'test' };

let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  imap = await startImapServer();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
  await imap?.dispose();
});

async function mailTasks(side: Side): Promise<Task[]> {
  return (await side.tasks.listTasks({ kind: ['mail'], limit: 200 })).items;
}

describe('mail intake into tasks', () => {
  it('makes exactly one task per message across restarts; threads, attachments, urgent forward', async () => {
    const user = imap.users[0]!;
    const { dir, secrets } = dataFolder();
    const settings = mailboxSettings(imap, smtp.port, user);
    await secrets.set(`mailbox:${settings.id}`, user.password);
    let side = await openSide(dir, secrets);
    const client = await side.tasks.createClient(
      { name: 'Bakery', timezone: 'Europe/Prague' },
      who,
    );
    await addMailbox(side.tasks.deps, { clientId: client.id, settings });
    const { problems } = await setClientMailRules(side.tasks.deps, client.id, {
      urgent: [{ name: 'water', words: ['water leak'] }],
      forwardUrgentTo: 'owner@bakery.example',
    });
    expect(problems).toEqual([]);

    await imap.deliver(user.user, rawMessage({ id: 'root@example.org', subject: 'order' }));
    const boundary = 'b1';
    await imap.deliver(
      user.user,
      [
        'From: Customer <customer@example.org>',
        'To: alice@example.test',
        'Subject: Re: order',
        'Message-ID: <second@example.org>',
        'References: <root@example.org>',
        'In-Reply-To: <root@example.org>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See the list.',
        `--${boundary}`,
        'Content-Type: text/csv; name="list.csv"',
        'Content-Disposition: attachment; filename="list.csv"',
        '',
        'a,b',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    let service = createMailIntakeService(side.ctx, fast);
    await service.sync();
    const poll = async (n: number, what: string) => {
      const started = Date.now();
      while ((await mailTasks(side)).length < n) {
        if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await poll(2, 'the first two tasks');
    const health = await service.health();
    expect(health[0]).toMatchObject({ mailboxId: settings.id, state: 'healthy' });
    await service.stop();
    await side.close();

    // sitedesk restarts; mail arrives meanwhile, one urgent.
    await imap.deliver(
      user.user,
      rawMessage({
        id: 'leak@example.org',
        subject: 'Help',
        body: 'There is a water leak in the shop!',
      }),
    );
    side = await openSide(dir, secrets);
    service = createMailIntakeService(side.ctx, fast);
    await service.sync();
    await poll(3, 'the urgent task');
    // dovecot restarts under the running intake; then one more message.
    await imap.restart();
    await imap.deliver(
      user.user,
      rawMessage({ id: 'after@example.org', subject: 'after restart' }),
    );
    await poll(4, 'the task after the dovecot restart');
    await new Promise((r) => setTimeout(r, 800)); // room for a duplicate to show
    await waitFor(() => smtp.messages.length >= 1, 10_000, 'the urgent forward');
    await service.stop();

    const tasks = (await mailTasks(side)).sort((a, b) => a.id.localeCompare(b.id));
    expect(tasks.map((t) => (t.kind === 'mail' ? t.details.messageId : '?'))).toEqual([
      'root@example.org',
      'second@example.org',
      'leak@example.org',
      'after@example.org',
    ]);
    expect(tasks.every((t) => t.clientId === client.id && t.source === 'mail')).toBe(true);
    const [root, second, leak] = tasks as [Task, Task, Task];
    if (root.kind !== 'mail' || second.kind !== 'mail' || leak.kind !== 'mail')
      throw new Error('kind');
    expect(second.details.threadKey).toBe('root@example.org');
    expect(await threadTaskIds(side.ctx, 'root@example.org')).toEqual([root.id, second.id]);
    const [attachment] = second.details.attachments ?? [];
    expect(attachment?.filename).toBe('list.csv');
    expect(readFileSync(join(dir, 'mail', attachment!.path), 'utf8').trim()).toBe('a,b');
    // Urgent: marked on the task, forwarded to the client's address at once.
    expect(leak.priority).toBe('urgent');
    expect(leak.details.urgent).toMatchObject({ state: 'forwarded', to: 'owner@bakery.example' });
    expect(root.details.urgent).toBeUndefined();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['owner@bakery.example']);
    expect(smtp.messages[0]!.raw).toMatch(/Subject: \[Urgent\] Fwd: Help/);

    // Reply from the task: threading headers, Sent copy on the IMAP server, recorded on the task.
    const outcome = await replyFromTask(
      side.ctx,
      createMailOutbox(side.ctx),
      second.id,
      { text: 'Thank you, noted.' },
      who,
    );
    expect(outcome.state).toBe('sent');
    expect(outcome.to).toEqual(['customer@example.org']);
    expect(outcome.sentCopy).toMatch(/^saved to/);
    const sent = smtp.messages.at(-1)!;
    expect(sent.to).toEqual(['customer@example.org']);
    expect(sent.raw).toMatch(/In-Reply-To: <second@example\.org>/);
    expect(sent.raw).toMatch(/References: <root@example\.org> <second@example\.org>/);
    expect(sent.raw).toMatch(/Subject: Re: order/);
    const viewer = await openAs(imap, user);
    const box = await viewer.mailboxOpen('Sent');
    expect(box.exists).toBeGreaterThanOrEqual(1);
    await viewer.logout();
    const { task: replied, history } = await side.tasks.getTask(second.id);
    expect(replied.kind === 'mail' && replied.details.replies?.[0]?.messageId).toBe(
      outcome.messageId,
    );
    expect(history.at(-1)).toMatchObject({ action: 'updated', actor: 'test' });
    await side.close();
    expect(existsSync(join(dir, 'sitedesk.db'))).toBe(true);
  }, 60_000);

  it('shows a mailbox whose server goes away as unhealthy, live and in the database', async () => {
    const server = await startImapServer();
    try {
      const user = server.users[0]!;
      const { dir, secrets } = dataFolder();
      const settings = mailboxSettings(server, smtp.port, user, 'going-away');
      await secrets.set(`mailbox:${settings.id}`, user.password);
      const side = await openSide(dir, secrets);
      const client = await side.tasks.createClient(
        { name: 'Garage', timezone: 'Europe/Prague' },
        who,
      );
      await addMailbox(side.tasks.deps, { clientId: client.id, settings });
      const service = createMailIntakeService(side.ctx, fast);
      await service.sync();
      const stateOf = async () => (await service.health())[0]?.state;
      const until = async (state: string, ms: number) => {
        const started = Date.now();
        while ((await stateOf()) !== state) {
          if (Date.now() - started > ms) throw new Error(`not ${state} within ${ms} ms`);
          await new Promise((r) => setTimeout(r, 50));
        }
        return Date.now() - started;
      };
      await until('healthy', 10_000);
      await server.stop();
      // healthIntervalMs is 2 s; a little room for a loaded machine.
      expect(await until('unhealthy', 4_000)).toBeLessThan(4_000);
      const [line] = await service.health();
      expect(line?.reason).toBeTruthy();
      await new Promise((r) => setTimeout(r, 50));
      const [recorded] = await listMailboxes(side.tasks.deps);
      expect(recorded?.health.state).toBe('unhealthy');
      // What doctor shows while the server is down: the recorded state and a failing live check.
      const desk = createMailDesk(
        { dataDir: dir },
        { tasks: side.tasks, secrets, logger: createSilentLogger() },
      );
      const [finding] = await mailboxFindings(desk, 3_000);
      expect(finding).toMatchObject({ mailboxId: 'going-away', ok: false });
      expect(finding?.detail).toMatch(/^intake: unhealthy .*; imap: /);
      await server.restart();
      await until('healthy', 10_000);
      // The recorded state is written just after the live one changes.
      let again = (await mailboxFindings(desk, 3_000))[0];
      for (let i = 0; i < 40 && !again?.ok; i++) {
        await new Promise((r) => setTimeout(r, 50));
        again = (await mailboxFindings(desk, 3_000))[0];
      }
      expect(again?.detail).toMatch(/^intake: healthy/);
      expect(again?.ok).toBe(true);
      await service.stop();
      await side.close();
    } finally {
      await server.dispose();
    }
  }, 40_000);
});
