/** The mail test servers themselves: dovecot answers, keeps mail across a restart, SMTP captures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';

let imap: ImapServer;
let smtp: SmtpTestServer;

beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([imap?.dispose(), smtp?.stop()]);
});

async function inboxCount(server: ImapServer): Promise<number> {
  const user = server.users[0]!;
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: user.user, pass: user.password },
    logger: false,
  });
  await client.connect();
  const status = await client.status('INBOX', { messages: true });
  await client.logout();
  return status === false ? -1 : (status.messages ?? -1);
}

describe('test/env/mail', () => {
  it('dovecot delivers, keeps mail across a restart and refuses a wrong password', async () => {
    const user = imap.users[0]!.user;
    await imap.deliver(user, 'From: a@example.com\r\nSubject: one\r\n\r\nbody\r\n');
    expect(await inboxCount(imap)).toBe(1);
    await imap.restart();
    expect(await inboxCount(imap)).toBe(1);
    const wrong = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: false,
      auth: { user, pass: 'wrong' },
      logger: false,
    });
    await expect(wrong.connect()).rejects.toThrow();
  });

  it('dovecot without IDLE hides it from the capability list', async () => {
    const plain = await startImapServer({ idle: false });
    try {
      const u = plain.users[0]!;
      const client = new ImapFlow({
        host: plain.host,
        port: plain.port,
        secure: false,
        auth: { user: u.user, pass: u.password },
        logger: false,
      });
      await client.connect();
      expect(client.capabilities.has('IDLE')).toBe(false);
      expect(client.capabilities.has('UIDPLUS')).toBe(true);
      await client.logout();
    } finally {
      await plain.dispose();
    }
  });

  it('smtp-server captures what nodemailer sends', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
    });
    await transport.sendMail({
      from: 'x@example.com',
      to: 'y@example.com',
      subject: 'hi',
      text: 'hello',
    });
    transport.close();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['y@example.com']);
    expect(smtp.messages[0]!.raw).toContain('Subject: hi');
  });
});
