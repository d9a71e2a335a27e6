/**
 * A read-only check of a mailbox for `sitedesk doctor` and the set-up screen: can sitedesk log
 * in to IMAP and SMTP, is the watched folder there, where would Sent copies go. Each answer
 * names the cause a person can fix.
 */
import nodemailer from 'nodemailer';
import type { SecretStore } from '../../secrets/types.js';
import { messageOf } from '../../shared/errors.js';
import { smtpCause } from './errors.js';
import { connectImap } from './imap-connect.js';
import { mailboxPassword, type MailboxSettings } from './settings.js';
import { smtpOptions } from './smtp-options.js';

/** One side of the check. */
export interface MailboxCheckPart {
  ok: boolean;
  /** What was found, or what is wrong and how to fix it. */
  detail: string;
}

/** The answer of checkMailbox. */
export interface MailboxCheck {
  imap: MailboxCheckPart;
  smtp: MailboxCheckPart;
}

/** Checks both servers of a mailbox; never throws. `timeoutMs` bounds each side (default 20 000). */
export async function checkMailbox(
  settings: MailboxSettings,
  deps: { secrets: SecretStore },
  timeoutMs = 20_000,
): Promise<MailboxCheck> {
  const [imap, smtp] = await Promise.all([
    checkImap(settings, deps.secrets, timeoutMs),
    checkSmtp(settings, deps.secrets, timeoutMs),
  ]);
  return { imap, smtp };
}

async function checkImap(
  settings: MailboxSettings,
  secrets: SecretStore,
  timeoutMs: number,
): Promise<MailboxCheckPart> {
  try {
    const client = await connectImap(settings, secrets, { connectTimeoutMs: timeoutMs });
    try {
      const folders = await client.list();
      const inbox = folders.find((f) => f.path.toLowerCase() === settings.inbox.toLowerCase());
      if (!inbox) {
        return {
          ok: false,
          detail: `logged in, but there is no folder "${settings.inbox}" (folders: ${folders
            .map((f) => f.path)
            .sort()
            .join(', ')})`,
        };
      }
      const sent = folders.find((f) => f.specialUse === '\\Sent')?.path;
      const sentNote = sent
        ? `Sent copies go to "${sent}"`
        : folders.some((f) => f.path === settings.sentFolder)
          ? `Sent copies go to "${settings.sentFolder}"`
          : `no Sent folder: copies will fail until "${settings.sentFolder}" exists (or set sentFolder)`;
      const push = client.capabilities.has('IDLE')
        ? 'new mail is pushed (IDLE)'
        : 'no IDLE: new mail is polled';
      return { ok: true, detail: `logged in; ${push}; ${sentNote}` };
    } finally {
      await client.logout().catch(() => client.close());
    }
  } catch (error) {
    return { ok: false, detail: messageOf(error) };
  }
}

async function checkSmtp(
  settings: MailboxSettings,
  secrets: SecretStore,
  timeoutMs: number,
): Promise<MailboxCheckPart> {
  const label = `smtp ${settings.smtp.host}:${settings.smtp.port}`;
  try {
    const pass = await mailboxPassword(settings, secrets);
    const transport = nodemailer.createTransport(smtpOptions(settings, pass, timeoutMs));
    try {
      await transport.verify();
      return { ok: true, detail: `${label}: logged in` };
    } finally {
      transport.close();
    }
  } catch (error) {
    return { ok: false, detail: `${label}: ${smtpCause(error)}` };
  }
}
