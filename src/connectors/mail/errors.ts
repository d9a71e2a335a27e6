/**
 * Errors of the mail layer. Messages name the mailbox and the server (`imap 127.0.0.1:993`),
 * never a password; the imapflow/nodemailer error is kept only as a plain message.
 */
import { SitedeskError, messageOf } from '../../shared/errors.js';

/** Stable codes of mail errors. */
export type MailErrorCode =
  | 'mail_password_missing'
  | 'mail_connect_failed'
  | 'mail_command_failed'
  | 'mail_send_failed'
  | 'mail_unhealthy'
  | 'mail_message_invalid';

/** Something failed talking to a mailbox or preparing a message. */
export class MailError extends SitedeskError {
  /** True when trying again later may work (connection trouble, 4xx); false for a refused recipient (5xx). */
  readonly retryable: boolean;

  constructor(
    code: MailErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    // The library's error can quote the command line it sent (AUTHENTICATE carries the password
    // in base64), so only its message is kept, and only after the caller chose what to say.
    super(
      code,
      message,
      options.cause === undefined ? {} : { cause: new Error(messageOf(options.cause)) },
    );
    this.retryable = options.retryable ?? false;
  }
}

/** A cause a person can act on for a failed STARTTLS upgrade, or undefined for other failures. */
export function starttlsAdvice(error: unknown, server: 'imap' | 'smtp'): string | undefined {
  if (!/STARTTLS/i.test(messageOf(error))) return undefined;
  const port = server === 'imap' ? 993 : 465;
  return (
    `the server does not offer STARTTLS, so the password would travel unencrypted; use the TLS port ` +
    `(${port} with secure: true), or starttls: "never" only for a server on this machine`
  );
}

/** What went wrong talking to an SMTP server, in words a person can act on. */
export function smtpCause(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'EAUTH') {
    return 'login refused (check the user name and the password; some providers want an app password)';
  }
  return starttlsAdvice(error, 'smtp') ?? messageOf(error);
}

/**
 * Whether an SMTP failure is about this message or recipient (refused recipient, 5xx to the
 * message): sending it again will not help, but the next recipient may go through. Anything
 * else (login, TLS, connection, 4xx) is the mailbox's problem: stop and resume later.
 */
export function isRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? error.code : undefined;
  const status =
    'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : 0;
  if (code === 'EENVELOPE') return status === 0 || status >= 500;
  return code === 'EMESSAGE' && status >= 500;
}
