import type { Request } from 'express';
import { z } from 'zod';
import type { MailDesk } from '../../tasks/mail/index.js';
import { HttpError } from '../http-errors.js';

/** `:id` of a mailbox: the person-chosen slug (lowercase letters, digits, hyphens). */
export const mailboxParams = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,99}$/, 'a mailbox id such as "bakery-main"'),
});

/** The mail desk, or 503 when the server was started without it. */
export function requireMail(mail: MailDesk | undefined): MailDesk {
  if (!mail)
    throw new HttpError(503, 'mail_unavailable', 'This server was started without mail and calls.');
  return mail;
}

/** `https://host` the request came to (the proxy's host and scheme when the app trusts one). */
export function requestOrigin(req: Request): string {
  const host =
    (req.app.get('trust proxy') ? req.get('x-forwarded-host') : undefined) ?? req.get('host');
  return `${req.protocol}://${host ?? '127.0.0.1'}`;
}
