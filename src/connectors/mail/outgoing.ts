/**
 * Outgoing messages as sitedesk composes them, and their raw RFC 5322 form (built once, so the
 * bytes sent over SMTP and the copy saved to Sent are the same message).
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { MailAddress } from './parse.js';

/** An attachment of an outgoing message; `cid` makes it inline (referenced as `cid:<cid>`). */
export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  cid?: string;
}

/** A message to send. Message-IDs are written without angle brackets. */
export interface OutgoingMail {
  from: MailAddress;
  to: MailAddress[];
  cc?: MailAddress[];
  replyTo?: MailAddress[];
  subject: string;
  text: string;
  html?: string;
  /** Default: a new id at the sender's domain. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  attachments?: OutgoingAttachment[];
  /**
   * A calendar invitation (iMIP, RFC 6047): sent as a text/calendar alternative with its
   * METHOD, so mail programs show Accept/Decline (meetings, issue 19).
   */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** A fresh Message-ID (without brackets) at the domain of `address`. */
export function newMessageId(address: string): string {
  const domain = address.split('@')[1] ?? 'sitedesk.invalid';
  return `${randomUUID()}@${domain}`;
}

const formatAddress = (a: MailAddress): { name: string; address: string } => ({
  name: a.name,
  address: a.address,
});

/** Every envelope recipient of the message (To and Cc), lowercased, without duplicates. */
export function envelopeRecipients(mail: OutgoingMail): string[] {
  return [...new Set([...mail.to, ...(mail.cc ?? [])].map((a) => a.address.toLowerCase()))];
}

/** Builds the raw message; `date` fixes the Date header (default now). */
export async function buildRaw(
  mail: OutgoingMail,
  date: Date = new Date(),
): Promise<{ raw: Buffer; messageId: string }> {
  const messageId = mail.messageId ?? newMessageId(mail.from.address);
  const composer = new MailComposer({
    from: formatAddress(mail.from),
    to: mail.to.map(formatAddress),
    cc: mail.cc?.map(formatAddress),
    replyTo: mail.replyTo?.map(formatAddress),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${messageId}>`,
    inReplyTo: mail.inReplyTo === undefined ? undefined : `<${mail.inReplyTo}>`,
    references: mail.references?.map((id) => `<${id}>`),
    headers: mail.headers,
    date,
    ...(mail.icalEvent
      ? { icalEvent: { method: mail.icalEvent.method, content: mail.icalEvent.content } }
      : {}),
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      cid: a.cid,
      // nodemailer makes message/rfc822 inline by default; a forwarded original is an attachment.
      contentDisposition: a.cid === undefined ? ('attachment' as const) : ('inline' as const),
    })),
  });
  const raw = await new Promise<Buffer>((resolve, reject) => {
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message)));
  });
  return { raw, messageId };
}
