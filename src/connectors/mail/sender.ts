/**
 * Sending from a client's mailbox: SMTP (nodemailer, one pooled connection reused for a
 * mailing) and, for replies and compositions, a copy of the very same bytes appended to the
 * mailbox's Sent folder over IMAP, as a mail program would do.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { SecretStore } from '../../secrets/types.js';
import { messageOf } from '../../shared/errors.js';
import { MailError, isRefusal, smtpCause } from './errors.js';
import { connectImap } from './imap-connect.js';
import { buildRaw, envelopeRecipients, type OutgoingMail } from './outgoing.js';
import { mailboxPassword, type MailboxSettings } from './settings.js';
import { smtpOptions } from './smtp-options.js';

/** What happened to one sent message. */
export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** `saved` to the Sent folder, `skipped` when not asked, `failed` with the reason (the mail did go out). */
  sentCopy:
    { state: 'saved'; folder: string } | { state: 'skipped' } | { state: 'failed'; reason: string };
}

/** Sends mail from one mailbox. */
export interface MailSender {
  /** Sends `mail`; `saveToSent` (default true) appends a copy to the Sent folder. */
  send(
    mail: OutgoingMail,
    options?: { saveToSent?: boolean; envelopeTo?: string[] },
  ): Promise<SendResult>;
  /**
   * Hands `raw` over to SMTP exactly as it is (a letter built once when queued, so a copy saved
   * later is the same bytes); answers the accepted and refused recipients.
   */
  sendRaw(
    raw: Buffer,
    envelope: { from: string; to: string[] },
  ): Promise<{ accepted: string[]; rejected: string[] }>;
  /**
   * Appends `raw` to the Sent folder unless a message with `messageId` is already there, so a
   * copy saved before a crash is not saved twice.
   */
  saveToSentOnce(raw: Buffer, messageId: string): Promise<SendResult['sentCopy']>;
  /** Closes the pooled SMTP connection. */
  close(): void;
}

/** Dependencies of the sender. */
export interface SenderDeps {
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
}

/** Creates the sender of a mailbox; the SMTP connection opens on the first send. */
export function createMailSender(settings: MailboxSettings, deps: SenderDeps): MailSender {
  const log = deps.logger.child({ mailbox: settings.id });
  let transport: Transporter<SMTPPool.SentMessageInfo> | undefined;
  const smtpLabel = `smtp ${settings.smtp.host}:${settings.smtp.port}`;

  const getTransport = async (): Promise<Transporter<SMTPPool.SentMessageInfo>> => {
    if (transport) return transport;
    const pass = await mailboxPassword(settings, deps.secrets);
    transport = nodemailer.createTransport({
      ...smtpOptions(settings, pass, 30_000),
      pool: true,
      maxConnections: 1,
    });
    return transport;
  };

  const saveCopy = async (raw: Buffer, onlyOnce?: string): Promise<SendResult['sentCopy']> => {
    try {
      const client = await connectImap(settings, deps.secrets, { connectTimeoutMs: 30_000 });
      try {
        const folders = await client.list();
        const folder = folders.find((f) => f.specialUse === '\\Sent')?.path ?? settings.sentFolder;
        if (onlyOnce !== undefined) {
          const lock = await client.getMailboxLock(folder);
          try {
            const found = await client.search({ header: { 'message-id': `<${onlyOnce}>` } });
            if (Array.isArray(found) && found.length > 0) return { state: 'saved', folder };
          } finally {
            lock.release();
          }
        }
        await client.append(folder, raw, ['\\Seen']);
        return { state: 'saved', folder };
      } finally {
        await client.logout().catch(() => client.close());
      }
    } catch (error) {
      log.warn({ err: error }, 'sent, but the copy to the Sent folder failed');
      return { state: 'failed', reason: messageOf(error) };
    }
  };

  const handOver = async (raw: Buffer, envelope: { from: string; to: string[] }) => {
    try {
      const smtp = await getTransport();
      return await smtp.sendMail({ envelope, raw });
    } catch (error) {
      if (error instanceof MailError) throw error;
      throw new MailError(
        'mail_send_failed',
        `${smtpLabel} (mailbox ${settings.id}): ${smtpCause(error)}`,
        { cause: error, retryable: !isRefusal(error) },
      );
    }
  };

  return {
    async sendRaw(raw, envelope) {
      const info = await handOver(raw, envelope);
      return { accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
    },
    saveToSentOnce: (raw, messageId) => saveCopy(raw, messageId),
    async send(mail, options = {}) {
      const { raw, messageId } = await buildRaw(mail, new Date(deps.clock.now()));
      const to = options.envelopeTo ?? envelopeRecipients(mail);
      const info = await handOver(raw, { from: mail.from.address, to });
      const sentCopy =
        (options.saveToSent ?? true) ? await saveCopy(raw) : ({ state: 'skipped' } as const);
      return {
        messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        sentCopy,
      };
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
