/** nodemailer SMTP options of a mailbox, shared by the sender and the mailbox check. */
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { loginUser, type MailboxSettings } from './settings.js';

/** Options for `nodemailer.createTransport`; `timeoutMs` bounds connect, greeting and silence. */
export function smtpOptions(
  settings: MailboxSettings,
  pass: string,
  timeoutMs: number,
): SMTPPool.Options {
  const policy = settings.smtp.starttls;
  return {
    host: settings.smtp.host,
    port: settings.smtp.port,
    secure: settings.smtp.secure,
    // requireTLS fails the connection when the server offers no STARTTLS; ignoreTLS never asks.
    requireTLS: !settings.smtp.secure && policy === 'required',
    ignoreTLS: !settings.smtp.secure && policy === 'never',
    auth: { user: loginUser(settings, 'smtp'), pass },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: Math.max(timeoutMs, 60_000),
  };
}
