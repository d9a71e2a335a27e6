/**
 * Mailbox settings: where the mailbox's IMAP and SMTP servers are and who logs in. The password
 * is not a setting: it lives in the SecretStore under `mailbox:<id>` (one password for IMAP and
 * SMTP, as almost every provider has it).
 */
import { z } from 'zod';
import { ConfigError } from '../../shared/errors.js';
import type { SecretStore } from '../../secrets/types.js';
import { MailError } from './errors.js';
import { mailboxSecretAccount } from '../../secrets/account.js';

const hostname = z
  .string()
  .min(1)
  .regex(
    /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/,
    'a host name or address, e.g. "imap.example.com"',
  );

/**
 * One server (IMAP or SMTP): `secure` means TLS from the first byte (993, 465). Without it,
 * `starttls` says whether the connection must be upgraded (`required`, the default: the
 * password never crosses the wire in clear text), may be (`if-offered`, open to a downgrade
 * by anyone on the path) or stays clear text (`never`, only for a server on this machine).
 */
export const mailServerSchema = z.strictObject({
  host: hostname,
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  starttls: z.enum(['required', 'if-offered', 'never']).default('required'),
  /** Login name; default the mailbox address. */
  user: z.string().min(1).optional(),
});

/** A mailbox as configured for a client (or the agency); unknown keys are refused, never dropped. */
export const mailboxSettingsSchema = z.strictObject({
  /** sitedesk's id of the mailbox; the secret account is `mailbox:<id>`. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens, e.g. "bakery-main"'),
  /** The address mail is sent from, e.g. `Bakery Nowak <shop@bakery.example>`'s address part. */
  address: z.email(),
  /** Display name for the From header. */
  displayName: z.string().min(1).optional(),
  imap: mailServerSchema,
  smtp: mailServerSchema,
  /** Folder watched for new mail; default INBOX. */
  inbox: z.string().min(1).default('INBOX'),
  /** Where sent copies go when the server marks no folder `\Sent`; default "Sent". */
  sentFolder: z.string().min(1).default('Sent'),
});

/** Validated mailbox settings. */
export type MailboxSettings = z.infer<typeof mailboxSettingsSchema>;
/** Mailbox settings as written by a person (defaults not yet applied). */
export type MailboxSettingsInput = z.input<typeof mailboxSettingsSchema>;

/** Parses mailbox settings; a ConfigError names each wrong field and shows an example. */
export function parseMailboxSettings(input: unknown): MailboxSettings {
  const result = mailboxSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  throw new ConfigError(
    `mailbox settings are invalid (${details.map((d) => `${d.path}: ${d.message}`).join('; ')}). ` +
      'E.g. {"id":"bakery","address":"shop@bakery.example","imap":{"host":"imap.bakery.example","port":993,"secure":true},' +
      '"smtp":{"host":"smtp.bakery.example","port":465,"secure":true}}',
    { details },
  );
}

/** The mailbox password from the store; MailError `mail_password_missing` when there is none. */
export async function mailboxPassword(
  settings: MailboxSettings,
  secrets: SecretStore,
): Promise<string> {
  const account = mailboxSecretAccount(settings.id);
  const password = await secrets.get(account);
  if (password === undefined || password === '') {
    throw new MailError(
      'mail_password_missing',
      `mailbox ${settings.id} has no password in the secret store (account "${account}"); set it with: sitedesk secrets set ${account}`,
    );
  }
  return password;
}

/** The login name for a server of the mailbox. */
export function loginUser(settings: MailboxSettings, server: 'imap' | 'smtp'): string {
  return settings[server].user ?? settings.address;
}
