/**
 * Call tasks: the forward-or-message decision stored and returned with its reason; messages
 * taken go to the client at once, or in one digest a day at the client's local time — on a
 * fake clock, through a real SMTP server (smtp-server in-process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createFakeClock, type FakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService, type Client, type TaskService } from '../../../src/tasks/index.js';
import { createMailContext, type MailContext } from '../../../src/tasks/mail/context.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { createCallTask } from '../../../src/tasks/calls/create-call.js';
import { runCallDeliveries, startCallDeliveryLoop } from '../../../src/tasks/calls/deliver.js';
import { setCallSettings } from '../../../src/tasks/calls/settings.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';

const who = { actor: 'secretary' };
let smtp: SmtpTestServer;
let store: Store;
let clock: FakeClock;
let tasks: TaskService;
let ctx: MailContext;
let client: Client;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
});
beforeEach(async () => {
  smtp.messages.length = 0;
  store = await openStore({ dataDir: ':memory:' });
  // Monday 4 May 2026, 08:00 in Prague (06:00 UTC).
  clock = createFakeClock(Date.UTC(2026, 4, 4, 6));
  tasks = createTaskService({ store, clock });
  ctx = createMailContext({
    deps: tasks.deps,
    secrets: createMemorySecretStore({ 'mailbox:bakery': 'pw' }),
    logger: createSilentLogger(),
    mailDir: mkdtempSync(join(tmpdir(), 'sitedesk-calls-')),
  });
  client = await tasks.createClient(
    { name: 'Bakery', timezone: 'Europe/Prague', contact: { email: 'owner@bakery.example' } },
    who,
  );
  await addMailbox(tasks.deps, {
    clientId: client.id,
    settings: {
      id: 'bakery',
      address: 'shop@bakery.example',
      imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
    },
  });
});
afterEach(async () => {
  ctx.closeSenders();
  await store.close();
});

const profile = {
  availability: { timezone: 'Europe/Prague', weekly: { mon: [{ from: '09:00', to: '17:00' }] } },
  forwarding: [
    { name: 'family', callers: ['+420 602 123 456'], outsideHours: true },
    { name: 'orders', topics: ['big order'] },
  ],
};
const local = (hh: number, mm = 0, day = 4) => Date.UTC(2026, 4, day, hh - 2, mm);

describe('call tasks', () => {
  it('stores and returns the decision with its reason', async () => {
    await setCallSettings(tasks.deps, client.id, { profile });
    const order = await createCallTask(
      ctx,
      {
        clientId: client.id,
        caller: 'Jana',
        number: '+420 777 000 111',
        at: new Date(local(10)).toISOString(),
        topic: 'a big order',
      },
      who,
    );
    expect(order.decision.action).toBe('forward');
    // The reason is a code with its facts (the web app and the mails word it), never a sentence.
    expect(order.decision.why).toEqual({
      code: 'rule-within-hours',
      rule: 'orders',
      match: { by: 'topic', value: 'big order' },
      range: '09:00–17:00',
      timezone: 'Europe/Prague',
    });
    expect(order.task.kind === 'call' && order.task.details.decision).toEqual(order.decision);
    const evening = await createCallTask(
      ctx,
      {
        clientId: client.id,
        caller: 'Jana',
        number: '+420 777 000 111',
        at: new Date(local(20)).toISOString(),
        topic: 'big order',
        message: 'Call me',
      },
      who,
    );
    expect(evening.decision).toMatchObject({ action: 'take-message', rule: 'orders' });
    // Next reachable: Monday 11 May 09:00 in Prague (07:00 UTC).
    expect(evening.decision.why).toMatchObject({
      code: 'rule-only-within-hours',
      next: new Date(local(9, 0, 11)).toISOString(),
    });
    const family = await createCallTask(
      ctx,
      {
        clientId: client.id,
        caller: 'Mum',
        number: '602 123 456',
        at: new Date(local(20)).toISOString(),
      },
      who,
    );
    expect(family.decision).toMatchObject({ action: 'forward', rule: 'family' });
  });

  it('sends a message taken at once when the client wants that, recorded on the task', async () => {
    await setCallSettings(tasks.deps, client.id, { profile, delivery: { mode: 'at-once' } });
    const { task } = await createCallTask(
      ctx,
      {
        clientId: client.id,
        caller: 'Jana',
        number: '+420 777 000 111',
        message: 'Invoice question',
        callbackWanted: true,
      },
      who,
    );
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['owner@bakery.example']);
    expect(smtp.messages[0]!.raw).toMatch(/Invoice question/);
    // Why it was not put through (08:00 is before her hours), said to the client in words.
    expect(smtp.messages[0]!.raw.replace(/=\r?\n/g, '')).toContain(
      'Not put through: outside your hours, and no forwarding rule matches this caller or topic.',
    );
    expect(task.kind === 'call' && task.details.delivery).toMatchObject({
      state: 'sent',
      how: 'at-once',
    });
    expect((await runCallDeliveries(ctx)).atOnce).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  it('says on the task, once, why an at-once message waits while the mail server is down', async () => {
    await setCallSettings(tasks.deps, client.id, { profile, delivery: { mode: 'at-once' } });
    const port = smtp.port;
    await smtp.stop();
    let taskId = '';
    try {
      const { task } = await createCallTask(
        ctx,
        {
          clientId: client.id,
          caller: 'Jana',
          number: '+420 777 000 111',
          message: 'Invoice question',
          callbackWanted: true,
        },
        who,
      );
      taskId = task.id;
      // Before issue 24 the task said nothing, and the screen said it waits for the daily summary.
      expect(task.kind === 'call' && task.details.delivery).toMatchObject({
        state: 'waiting',
        how: 'at-once',
        detail: expect.stringMatching(/ECONNREFUSED/),
      });
      // The loop tries again and fails the same way: no new line in the task's history.
      await runCallDeliveries(ctx);
      expect((await tasks.getTask(task.id)).task.version).toBe(task.version);
    } finally {
      smtp = await startSmtpServer({ port });
    }
    await runCallDeliveries(ctx);
    expect(smtp.messages).toHaveLength(1);
    const sent = (await tasks.getTask(taskId)).task;
    expect(sent.kind === 'call' && sent.details.delivery).toMatchObject({
      state: 'sent',
      how: 'at-once',
    });
  });

  it('sends one digest a day at the local time, listing the day’s messages, exactly once', async () => {
    await setCallSettings(tasks.deps, client.id, {
      profile,
      delivery: { mode: 'digest', timezone: 'Europe/Prague', time: '18:00' },
    });
    await runCallDeliveries(ctx); // first pass: yesterday's (empty) digest
    const call = (hh: number, caller: string, message: string) =>
      createCallTask(
        ctx,
        {
          clientId: client.id,
          caller,
          number: '+420 777 000 111',
          at: new Date(local(hh)).toISOString(),
          message,
        },
        who,
      );
    await clock.set(local(12));
    const late = await call(11, 'Petr', 'Second message');
    await call(9, 'Jana', 'First message');
    expect(late.task.kind === 'call' && late.task.details.delivery?.state).toBe('waiting');
    expect(smtp.messages).toHaveLength(0);

    const loop = startCallDeliveryLoop(ctx, { intervalMs: 60_000 });
    await clock.set(local(17, 59));
    expect(smtp.messages).toHaveLength(0);
    await clock.set(local(18, 0));
    await clock.advance(60_000);
    for (let i = 0; i < 50 && smtp.messages.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(smtp.messages).toHaveLength(1);
    const digest = smtp.messages[0]!.raw;
    expect(digest).toMatch(/2 messages/);
    expect(digest.indexOf('First message')).toBeLessThan(digest.indexOf('Second message'));
    // The rest of the evening: nothing more, even with several passes.
    await clock.set(local(23));
    await runCallDeliveries(ctx);
    await call(20, 'Eva', 'Evening message');
    await runCallDeliveries(ctx);
    expect(smtp.messages).toHaveLength(1);
    await loop.stop();
    // Next day at 18:00: only the evening message.
    await clock.set(local(18, 0, 5));
    const report = await runCallDeliveries(ctx);
    expect(report.digests).toEqual([expect.objectContaining({ count: 1, state: 'sent' })]);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.raw).toMatch(/Evening message/);
    expect(smtp.messages[1]!.raw).not.toMatch(/First message/);
    const { task } = await tasks.getTask(late.task.id);
    expect(task.kind === 'call' && task.details.delivery).toMatchObject({
      state: 'sent',
      how: 'digest',
    });
  });
});
