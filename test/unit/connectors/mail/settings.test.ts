import { describe, expect, it } from 'vitest';
import { mailboxPassword, parseMailboxSettings } from '../../../../src/connectors/mail/settings.js';
import { MailError, isRefusal, smtpCause } from '../../../../src/connectors/mail/errors.js';
import { createMemorySecretStore } from '../../../../src/secrets/memory-store.js';
import { ConfigError } from '../../../../src/shared/errors.js';

const good = {
  id: 'bakery',
  address: 'shop@bakery.example',
  imap: { host: 'imap.bakery.example', port: 993, secure: true },
  smtp: { host: 'smtp.bakery.example', port: 587, secure: false },
};

describe('mailbox settings', () => {
  it('fills defaults: STARTTLS required, INBOX watched, Sent as the fallback folder', () => {
    const settings = parseMailboxSettings(good);
    expect(settings.smtp.starttls).toBe('required');
    expect(settings.inbox).toBe('INBOX');
    expect(settings.sentFolder).toBe('Sent');
  });

  it('names every wrong field and shows an example', () => {
    try {
      parseMailboxSettings({
        ...good,
        id: 'Bakery Shop',
        address: 'shop',
        imap: { ...good.imap, port: 0 },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).details?.map((d) => d.path)).toEqual([
        'id',
        'address',
        'imap.port',
      ]);
      expect((error as ConfigError).message).toContain('E.g. {"id":"bakery"');
    }
  });

  it('reads the password from mailbox:<id> and says how to set a missing one', async () => {
    const settings = parseMailboxSettings(good);
    expect(
      await mailboxPassword(settings, createMemorySecretStore({ 'mailbox:bakery': 's3cret-pass' })),
    ).toBe('s3cret-pass');
    await expect(mailboxPassword(settings, createMemorySecretStore())).rejects.toThrow(
      new MailError(
        'mail_password_missing',
        'mailbox bakery has no password in the secret store (account "mailbox:bakery"); set it with: sitedesk secrets set mailbox:bakery',
      ),
    );
  });
});

describe('SMTP failure kinds', () => {
  // Shaped like nodemailer's errors (code, responseCode, command): the classifier is ours.
  const smtpError = (code: string, responseCode?: number) =>
    Object.assign(new Error(code), { code, responseCode });

  it('treats a refused recipient or message as final, and login/connection trouble as the mailbox', () => {
    expect(isRefusal(smtpError('EENVELOPE', 550))).toBe(true);
    expect(isRefusal(smtpError('EENVELOPE'))).toBe(true);
    expect(isRefusal(smtpError('EENVELOPE', 452))).toBe(false); // mailbox full for now
    expect(isRefusal(smtpError('EMESSAGE', 554))).toBe(true);
    expect(isRefusal(smtpError('EAUTH', 535))).toBe(false);
    expect(isRefusal(smtpError('ECONNECTION'))).toBe(false);
    expect(isRefusal(smtpError('ETIMEDOUT'))).toBe(false);
    expect(smtpCause(smtpError('EAUTH', 535))).toContain('login refused');
  });
});
