/** Shared bits of the mail integration tests: settings for a test user, a checkpoint store, waiting. */
import { ImapFlow } from 'imapflow';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import {
  parseMailboxSettings,
  type MailboxSettings,
} from '../../../src/connectors/mail/settings.js';
import type { Checkpoint, CheckpointStore } from '../../../src/connectors/mail/intake.js';
import type { ImapServer } from '../../env/mail/dovecot.js';

/** Settings and a secret store for `user` of `imap`, sending through `smtpPort`. */
export function mailboxFor(
  imap: ImapServer,
  smtpPort: number,
  user = imap.users[0]!,
): { settings: MailboxSettings; secrets: SecretStore } {
  const settings = parseMailboxSettings({
    id: `test-${user.user}`,
    address: `${user.user}@example.test`,
    displayName: `Test ${user.user}`,
    // The test servers speak no TLS; a real mailbox keeps the default `required`.
    imap: { host: imap.host, port: imap.port, secure: false, starttls: 'never', user: user.user },
    smtp: { host: '127.0.0.1', port: smtpPort, secure: false, starttls: 'never', user: user.user },
  });
  const secrets = createMemorySecretStore({ [`mailbox:${settings.id}`]: user.password });
  return { settings, secrets };
}

/** A checkpoint store that outlives intakes (as the database would), counting saves. */
export function memoryCheckpoints(): CheckpointStore & {
  current: Checkpoint | undefined;
  saves: number;
} {
  const store = {
    current: undefined as Checkpoint | undefined,
    saves: 0,
    load: async () => store.current,
    save: async (cp: Checkpoint) => {
      store.current = { ...cp };
      store.saves++;
    },
  };
  return store;
}

/** Waits until `check()` is true; throws with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** A plain test message. */
export function rawMessage(input: {
  id: string;
  subject: string;
  from?: string;
  to?: string;
  inReplyTo?: string;
  references?: string[];
  body?: string;
}): string {
  const lines = [
    `From: ${input.from ?? 'Customer <customer@example.org>'}`,
    `To: ${input.to ?? 'alice@example.test'}`,
    `Subject: ${input.subject}`,
    `Message-ID: <${input.id}>`,
    'Date: Sat, 28 Nov 2026 08:00:00 +0000',
  ];
  if (input.inReplyTo) lines.push(`In-Reply-To: <${input.inReplyTo}>`);
  if (input.references)
    lines.push(`References: ${input.references.map((r) => `<${r}>`).join(' ')}`);
  lines.push(
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    input.body ?? 'Hello.',
    '',
  );
  return lines.join('\r\n');
}

/** Opens an IMAP session as `user` for looking at what is on the server. */
export async function openAs(imap: ImapServer, user = imap.users[0]!): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: user.user, pass: user.password },
    logger: false,
  });
  await client.connect();
  return client;
}
