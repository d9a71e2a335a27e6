import { z } from 'zod';
import { ValidationError } from '../shared/errors.js';

/**
 * An account name: `site:<id>`, `mailbox:<id>` or any other printable name up to 200 chars.
 * Control characters are refused because some keychains cut names at them, which would let
 * two accounts share one entry.
 */
export const accountSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters')
  // The file store keeps accounts as keys of a JSON object, where this one name is special.
  .refine((name) => name !== '__proto__', 'must not be "__proto__"');

/** The account of a site's secret (Application Password, Admin API key, git token): `site:<id>`. */
export function siteSecretAccount(siteId: string): string {
  return `site:${siteId}`;
}

/** The account of a mailbox's password: `mailbox:<id>`. */
export function mailboxSecretAccount(mailboxId: string): string {
  return `mailbox:${mailboxId}`;
}

/** The account of a client calendar's password or app password: `calendar:<id>`. */
export function calendarSecretAccount(calendarId: string): string {
  return `calendar:${calendarId}`;
}

/** Returns `account` when valid, else throws a ValidationError naming the field `account`. */
export function checkAccount(account: string): string {
  const parsed = accountSchema.safeParse(account);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'is not valid';
  throw new ValidationError(`Secret account name ${message}.`, [{ path: 'account', message }]);
}

/** A secret value: a non-empty string (the keychains cannot tell "" from "no secret"). */
export function checkSecret(secret: string): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new ValidationError('A secret must be a non-empty string.', [
      { path: 'secret', message: 'must not be empty' },
    ]);
  }
  return secret;
}
