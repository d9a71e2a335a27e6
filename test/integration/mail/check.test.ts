/** The mailbox check for `sitedesk doctor` against real servers: good, wrong password, none, no server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMailbox } from '../../../src/connectors/mail/check.js';
import { createMailIntake } from '../../../src/connectors/mail/intake.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger, createSilentLogger } from '../../../src/shared/logger.js';
import { SecretRegistry } from '../../../src/shared/redact.js';
import { MailError } from '../../../src/connectors/mail/errors.js';
import { createMailSender } from '../../../src/connectors/mail/sender.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { freePort } from '../../env/ports.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { mailboxFor, memoryCheckpoints, waitFor } from './helpers.js';

let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  imap = await startImapServer();
  smtp = await startSmtpServer({ users: imap.users });
});
afterAll(async () => {
  await Promise.all([imap?.dispose(), smtp?.stop()]);
});

describe('checkMailbox (dovecot + smtp-server)', () => {
  it('logs in to both and says where mail is pushed and Sent copies go', async () => {
    const { settings, secrets } = mailboxFor(imap, smtp.port);
    expect(await checkMailbox(settings, { secrets })).toEqual({
      imap: { ok: true, detail: 'logged in; new mail is pushed (IDLE); Sent copies go to "Sent"' },
      smtp: { ok: true, detail: `smtp 127.0.0.1:${smtp.port}: logged in` },
    });
  });

  it('names a refused login on both sides without showing the password', async () => {
    const { settings } = mailboxFor(imap, smtp.port);
    const wrong = 'wrong-password-1234';
    const secrets = createMemorySecretStore({ [`mailbox:${settings.id}`]: wrong });
    const result = await checkMailbox(settings, { secrets });
    expect(result.imap.ok).toBe(false);
    expect(result.imap.detail).toBe(
      `imap 127.0.0.1:${imap.port} (mailbox ${settings.id}): login refused (check the user name and the password)`,
    );
    expect(result.smtp).toEqual({
      ok: false,
      detail: `smtp 127.0.0.1:${smtp.port}: login refused (check the user name and the password; some providers want an app password)`,
    });
    expect(JSON.stringify(result)).not.toContain(wrong);

    // The intake shows the same cause as its health, and keeps trying.
    const intake = createMailIntake(
      settings,
      { healthIntervalMs: 2_000, backoffInitialMs: 100, backoffMaxMs: 200 },
      {
        secrets,
        logger: createSilentLogger(),
        clock: systemClock,
        checkpoints: memoryCheckpoints(),
        onMessage: async () => {},
      },
    );
    intake.start();
    const took = await waitFor(() => intake.health().state === 'unhealthy', 5_000, 'unhealthy');
    expect(took).toBeLessThan(2_000);
    await intake.stop();
    expect(intake.health().reason).toContain('login refused');
  });

  it('refuses to send the password in clear text when STARTTLS is required but not offered', async () => {
    const { settings, secrets } = mailboxFor(imap, smtp.port);
    const strict = {
      ...settings,
      imap: { ...settings.imap, starttls: 'required' as const },
      smtp: { ...settings.smtp, starttls: 'required' as const },
    };
    const result = await checkMailbox(strict, { secrets }, 3_000);
    const advice =
      'the server does not offer STARTTLS, so the password would travel unencrypted; use the TLS port';
    expect(result.imap).toEqual({
      ok: false,
      detail: expect.stringContaining(
        `(mailbox ${settings.id}): ${advice} (993 with secure: true)`,
      ),
    });
    expect(result.smtp).toEqual({ ok: false, detail: expect.stringContaining(`${advice} (465`) });
  });

  it('never writes the password into a log line, even without value redaction', async () => {
    const { settings } = mailboxFor(imap, smtp.port);
    const password = 'Wrong-But-Secret-Password-42';
    // The store registers the value with a registry the logger does not consult, so only our own
    // care keeps it out of the log.
    const secrets = createMemorySecretStore(
      { [`mailbox:${settings.id}`]: password },
      { secrets: new SecretRegistry() },
    );
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      destination: { write: (line: string) => void lines.push(line) },
      secrets: new SecretRegistry(),
    });
    const intake = createMailIntake(
      settings,
      { healthIntervalMs: 1_000, backoffInitialMs: 50, backoffMaxMs: 100 },
      {
        secrets,
        logger,
        clock: systemClock,
        checkpoints: memoryCheckpoints(),
        onMessage: async () => {},
      },
    );
    intake.start();
    await waitFor(() => lines.length >= 3, 5_000, 'a few log lines');
    await intake.stop();
    const sender = createMailSender(settings, { secrets, logger, clock: systemClock });
    const sent = await sender
      .send({
        from: { address: settings.address, name: '' },
        to: [{ address: 'x@y.example', name: '' }],
        subject: 's',
        text: 't',
      })
      .catch((error: unknown) => error);
    sender.close();
    expect(sent).toBeInstanceOf(MailError);
    expect(String(sent)).toContain(
      `smtp 127.0.0.1:${smtp.port} (mailbox ${settings.id}): login refused`,
    );
    const all = [
      ...lines,
      JSON.stringify(intake.health()),
      String(sent),
      JSON.stringify(sent),
    ].join('\n');
    expect(all).toContain('login refused');
    expect(all).not.toContain(password);
    expect(all).not.toContain(Buffer.from(password).toString('base64').slice(0, 16));
  });

  it('names a folder that does not exist, in the check and in the intake health', async () => {
    const { settings, secrets } = mailboxFor(imap, smtp.port);
    const typo = { ...settings, inbox: 'Inbx' };
    const result = await checkMailbox(typo, { secrets });
    expect(result.imap).toEqual({
      ok: false,
      detail: 'logged in, but there is no folder "Inbx" (folders: INBOX, Sent)',
    });
    const intake = createMailIntake(
      typo,
      { healthIntervalMs: 2_000, backoffInitialMs: 100 },
      {
        secrets,
        logger: createSilentLogger(),
        clock: systemClock,
        checkpoints: memoryCheckpoints(),
        onMessage: async () => {},
      },
    );
    intake.start();
    await waitFor(() => intake.health().state === 'unhealthy', 5_000, 'unhealthy');
    await intake.stop();
    expect(intake.health().reason).toMatch(
      /^the folder "Inbx" cannot be opened \(.+\); check the mailbox's inbox setting$/,
    );
  });

  it('says which secret is missing, and that nothing answers on a closed port', async () => {
    const { settings } = mailboxFor(imap, smtp.port);
    const none = await checkMailbox(settings, { secrets: createMemorySecretStore() });
    expect(none.imap.detail).toContain(
      `no password in the secret store (account "mailbox:${settings.id}")`,
    );
    expect(none.smtp.detail).toContain('sitedesk secrets set mailbox:');
    const closed = await freePort();
    const { settings: nowhere, secrets } = mailboxFor({ ...imap, port: closed }, closed);
    const result = await checkMailbox(nowhere, { secrets }, 3_000);
    expect(result.imap.ok).toBe(false);
    expect(result.imap.detail).toMatch(/ECONNREFUSED|connect/i);
    expect(result.smtp.ok).toBe(false);
  });
});
