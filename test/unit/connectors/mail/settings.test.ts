import { describe, expect, it } from 'vitest';
import { mailboxPassword, parseMailboxSettings } from '../../../../src/connectors/mail/settings.js';
import { MailError } from '../../../../src/connectors/mail/errors.js';
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
