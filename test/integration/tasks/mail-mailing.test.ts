/**
 * A promotional mailing of 500 recipients through the task service: the sending process is
 * killed with SIGKILL mid-way, the mailing is resumed, and every address receives it exactly
 * once (the one in flight at the kill, if any, is reported unknown and not resent). Real SMTP
 * server (smtp-server), real SQLite file.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import {
  createMailing,
  getMailing,
  listMailingRecipients,
} from '../../../src/tasks/mail/mailings.js';
import { resumableMailings } from '../../../src/tasks/mail/mailing-run.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { waitFor } from '../mail/helpers.js';
import { dataFolder, openSide } from './mail-setup.js';
import { nodeArgs } from '../../env/node-scripts.js';

let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
});

describe('promotional mailing', () => {
  it('killed mid-way and resumed: each of 500 addresses exactly once', async () => {
    const { dir } = dataFolder();
    const secrets = createMemorySecretStore({ 'mailbox:promo': 'pw' });
    let side = await openSide(dir, secrets);
    const who = { actor: 'test' };
    const client = await side.tasks.createClient(
      { name: 'Bakery', timezone: 'Europe/Prague' },
      who,
    );
    await addMailbox(side.tasks.deps, {
      clientId: client.id,
      settings: {
        id: 'promo',
        address: 'shop@bakery.example',
        imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
      },
    });
    const item = await side.tasks.createContentItem(
      {
        clientId: client.id,
        kind: 'promotion',
        title: 'Spring sale',
        slug: 'spring-sale',
        markdown: 'All **bread** half price.',
      },
      who,
    );
    const lines = [
      'email;name',
      ...Array.from({ length: 500 }, (_, i) => `c${i + 1}@shop.example;C ${i + 1}`),
    ];
    lines.push('not-an-address;X', 'C1@shop.example;dup');
    const created = await createMailing(side.ctx, client.id, {
      contentItemId: item.id,
      mailboxId: 'promo',
      csv: lines.join('\n'),
      pageUrl: 'https://bakery.example/spring-sale',
      unsubscribeUrl: 'https://bakery.example/unsubscribe?e={email}',
      intervalMs: 2,
    });
    expect(created.recipients).toBe(500);
    expect(created.problems.map((p) => p.problem).sort()).toEqual(['duplicate', 'invalid']);
    const id = created.mailing.id;
    await side.close();

    const child = spawn(
      process.execPath,
      nodeArgs(join(import.meta.dirname, 'mailing-child.ts'), dir, id),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor(
      () => smtp.messages.length >= 150 || child.exitCode !== null,
      60_000,
      'the child mailing',
    );
    child.kill('SIGKILL');
    await exited;
    expect(stderr).toBe('');
    const beforeResume = smtp.messages.length;
    expect(beforeResume).toBeLessThan(500);

    // The next start of the service resumes it by itself: nobody presses "start" again.
    side = await openSide(dir, secrets);
    expect(await resumableMailings(side.ctx)).toEqual([id]);
    const desk = createMailDesk(
      { dataDir: dir, syncIntervalMs: 200 },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await desk.start();
    let resumed = await getMailing(side.ctx, id);
    for (let i = 0; i < 600 && resumed.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      resumed = await getMailing(side.ctx, id);
    }
    await desk.stop();
    await side.close();
    const unknown = resumed.report?.unknown ?? [];
    expect(unknown.length).toBeLessThanOrEqual(1);
    expect(resumed.report?.alreadySent).toBeGreaterThanOrEqual(beforeResume - 1);

    const received = smtp.messages.flatMap((m) => m.to);
    expect(new Set(received).size).toBe(received.length); // nobody twice
    const all = Array.from({ length: 500 }, (_, i) => `c${i + 1}@shop.example`);
    const missing = all.filter((a) => !received.includes(a));
    expect(missing.every((a) => unknown.includes(a))).toBe(true);
    expect(received.length + missing.length).toBe(500);
    expect(smtp.messages[0]!.raw).toMatch(
      /List-Unsubscribe: <https:\/\/bakery\.example\/unsubscribe\?e=/,
    );
    side = await openSide(dir, secrets);
    const states = await listMailingRecipients(side.ctx, id);
    await side.close();
    expect(states.filter((s) => s.state === 'sent').length).toBe(500 - unknown.length);
    expect(resumed.state).toBe('done');
  }, 120_000);
});
