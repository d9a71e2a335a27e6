/**
 * Letters by e-mail through a real SMTP server and a real dovecot (Sent copy over IMAP): the
 * recipient gets one mail with the very PDF the register keeps, the Sent folder one copy; a
 * sitedesk killed with SIGKILL in the middle of the SMTP hand-over does not send it again by
 * itself after the restart (it says "unsure"), and when she confirms it arrived only the Sent
 * copy is made: still one mail, one copy. Bad input is refused before anything goes out.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMail } from '../../../src/connectors/mail/parse.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createLetter, getLetter } from '../../../src/tasks/letters/letters.js';
import { createLetterhead } from '../../../src/tasks/letters/letterheads.js';
import { listRegister, registerPdf } from '../../../src/tasks/letters/register.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type ReceivedMessage } from '../../env/mail/smtp.js';
import { czechBody, czechHeadInput } from '../../unit/tasks/letters/letters-fixtures.js';
import { openAs } from '../mail/helpers.js';
import { dataFolder, mailboxSettings, openSide, type Side } from './mail-setup.js';
import { until } from './until.js';
import { nodeArgs } from '../../env/node-scripts.js';

const who = { actor: 'test' };
const FAST = { outbox: { retryInitialMs: 200, retryMaxMs: 500, intervalMs: 100, leaseMs: 2_000 } };

let imap: ImapServer;
const dirs: string[] = [];
beforeAll(async () => {
  imap = await startImapServer();
});
afterAll(async () => {
  await imap?.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A client with a mailbox of dovecot user `n`, a letterhead and one letter to Jana. */
async function setUp(side: Side, smtpPort: number, n: number, boxId: string) {
  const user = imap.users[n]!;
  const client = await side.tasks.createClient(
    { name: `Pekařství ${n}`, timezone: 'Europe/Prague' },
    who,
  );
  const settings = mailboxSettings(imap, smtpPort, user, boxId);
  await addMailbox(side.tasks.deps, { clientId: client.id, settings });
  const head = await createLetterhead(side.tasks.deps, client.id, czechHeadInput, who);
  const letter = await createLetter(
    side.tasks.deps,
    {
      clientId: client.id,
      letterheadId: head.id,
      recipient: {
        name: 'Ing. Jana Dvořáková',
        address: ['Květinová 881/7', '602 00 Brno'],
        email: 'jana@example.org',
      },
      subject: 'Potvrzení objednávky',
      body: czechBody,
    },
    who,
  );
  return { client, user, settings, letter };
}

/** Messages in the Sent folder of `user` with `messageId`. */
async function sentCopies(user: ImapServer['users'][number], messageId: string): Promise<number> {
  const client = await openAs(imap, user);
  try {
    const lock = await client.getMailboxLock('Sent');
    try {
      const found = await client.search({ header: { 'message-id': `<${messageId}>` } });
      return Array.isArray(found) ? found.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

const messageIdOf = (raw: string) => /^Message-ID: <([^>]+)>/im.exec(raw)?.[1] ?? '';

describe('letters by e-mail', () => {
  it("one mail with the register's PDF, one Sent copy, numbered 2026/001 style, task done", async () => {
    const messages: ReceivedMessage[] = [];
    const smtp = await startSmtpServer({ messages });
    const { dir, secrets } = dataFolder();
    dirs.push(dir);
    const side = await openSide(dir, secrets);
    const { user, settings, letter, client } = await setUp(side, smtp.port, 0, 'letters-a');
    await secrets.set(`mailbox:${settings.id}`, user.password);
    const desk = createMailDesk(
      { dataDir: dir, ...FAST },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await desk.start();
    const queued = await desk.letters.send(letter.id, {}, who);
    expect(queued.details.delivery).toMatchObject({ method: 'email', state: 'queued' });
    const year = new Date().getFullYear();
    expect(queued.details.delivery?.number).toBe(`${year}/001`);
    const sent = await until(
      () => getLetter(side.tasks.deps, letter.id),
      (l) => l.details.delivery?.state === 'sent',
      20_000,
      'the letter sent',
    );
    expect(sent.status).toBe('done');
    expect(sent.details.delivery?.sentCopy).toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // room for a second mail to show
    expect(messages).toHaveLength(1);
    expect(messages[0]!.to).toEqual(['jana@example.org']);
    const mail = await parseMail(messages[0]!.raw);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`dopis-${year}-001.pdf`);
    const kept = await registerPdf(side.tasks.deps, letter.id);
    expect(pdf && kept && Buffer.compare(pdf.content, kept)).toBe(0);
    const file = join(dir, 'sent.pdf');
    writeFileSync(file, kept!);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(
      `Naše značka: ${year}/001`,
    );
    expect(await sentCopies(user, messageIdOf(messages[0]!.raw))).toBe(1);
    const register = await listRegister(side.tasks.deps, client.id, { q: 'potvrzení' });
    expect(register.map((e) => [e.number, e.method, e.email])).toEqual([
      [`${year}/001`, 'email', 'jana@example.org'],
    ]);
    await desk.stop();
    await side.close();
    await smtp.stop();
  }, 60_000);

  it('killed with SIGKILL mid-hand-over: not resent by itself, "arrived" adds only the Sent copy', async () => {
    const messages: ReceivedMessage[] = [];
    const holding = await startSmtpServer({ messages, neverAnswer: true });
    const { dir, secrets } = dataFolder();
    dirs.push(dir);
    let side = await openSide(dir, secrets);
    const { user, settings, letter } = await setUp(side, holding.port, 1, 'letters-b');
    await secrets.set(`mailbox:${settings.id}`, user.password);
    // Queued by a desk that never runs its outbox here; the child process sends it.
    const queuer = createMailDesk(
      { dataDir: dir, ...FAST },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await queuer.letters.send(letter.id, {}, who);
    await side.close();

    const child = spawn(
      process.execPath,
      nodeArgs(join(import.meta.dirname, 'letter-child.ts'), dir, settings.id, user.password),
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await until(
      async () => messages.length,
      (n) => n === 1 || child.exitCode !== null,
      30_000,
      'the mail at the SMTP server',
    );
    expect(stderr).toBe('');
    child.kill('SIGKILL'); // the server has the mail; sitedesk never heard "250 OK"
    await exited;
    await holding.stop();

    // Restart with an SMTP server that answers: the letter is not handed over again.
    const smtp = await startSmtpServer({ port: holding.port, messages });
    side = await openSide(dir, secrets);
    const desk = createMailDesk(
      { dataDir: dir, ...FAST },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await desk.start();
    const unsure = await until(
      () => getLetter(side.tasks.deps, letter.id),
      (l) => l.details.delivery?.state === 'unsure',
      20_000,
      'the letter marked unsure',
    );
    expect(unsure.status).toBe('in_progress');
    await new Promise((r) => setTimeout(r, 1_000)); // several outbox passes
    expect(messages).toHaveLength(1);
    const messageId = messageIdOf(messages[0]!.raw);
    expect(await sentCopies(user, messageId)).toBe(0);

    // She asked Jana: it arrived. Only the Sent copy is made, of the same message.
    expect(await desk.letters.resend(letter.id, { answer: 'arrived' })).toBe(true);
    const sent = await until(
      () => getLetter(side.tasks.deps, letter.id),
      (l) => l.details.delivery?.state === 'sent',
      20_000,
      'the letter recorded as sent',
    );
    expect(sent.details.delivery?.sentCopy).toBe(true);
    expect(messages).toHaveLength(1);
    expect(await sentCopies(user, messageId)).toBe(1);
    await desk.stop();
    await side.close();
    await smtp.stop();
  }, 90_000);

  it('refuses what cannot go (no e-mail, approval pending, sent twice): nothing reaches SMTP', async () => {
    const messages: ReceivedMessage[] = [];
    const smtp = await startSmtpServer({ messages });
    const { dir, secrets } = dataFolder();
    dirs.push(dir);
    const side = await openSide(dir, secrets);
    const { user, settings, client, letter } = await setUp(side, smtp.port, 0, 'letters-c');
    await secrets.set(`mailbox:${settings.id}`, user.password);
    const desk = createMailDesk(
      { dataDir: dir, ...FAST },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    await desk.start();
    const head = letter.details.letterheadId;
    const noEmail = await createLetter(
      side.tasks.deps,
      {
        clientId: client.id,
        letterheadId: head,
        recipient: { name: 'Jana', address: ['Brno'] },
        subject: 'S',
        body: 'B',
      },
      who,
    );
    await expect(desk.letters.send(noEmail.id, {}, who)).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'recipient.email' }],
    });
    const waiting = await createLetter(
      side.tasks.deps,
      {
        clientId: client.id,
        letterheadId: head,
        recipient: { name: 'Jana', address: ['Brno'], email: 'j@example.org' },
        subject: 'S',
        body: 'B',
        approvalWanted: true,
      },
      who,
    );
    await expect(desk.letters.send(waiting.id, {}, who)).rejects.toMatchObject({
      code: 'letter_not_approved',
    });
    await desk.letters.send(letter.id, {}, who);
    await expect(desk.letters.send(letter.id, {}, who)).rejects.toMatchObject({
      code: 'letter_sent',
    });
    await until(
      () => getLetter(side.tasks.deps, letter.id),
      (l) => l.details.delivery?.state === 'sent',
      20_000,
      'the good letter',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(messages).toHaveLength(1);
    await desk.stop();
    await side.close();
    await smtp.stop();
  }, 60_000);
});
