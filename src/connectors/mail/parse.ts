/**
 * Raw RFC 5322 bytes → the parts sitedesk keeps: addresses, subject, text and HTML bodies,
 * attachments (content kept), and the threading headers reduced to a thread key.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { messageIds, threadKey } from './thread.js';

/** One address of a header. */
export interface MailAddress {
  address: string;
  name: string;
}

/** An attachment, content included (the task keeps it). */
export interface MailAttachment {
  filename: string | undefined;
  contentType: string;
  size: number;
  /** Set for inline parts referenced from the HTML as `cid:`. */
  contentId: string | undefined;
  content: Buffer;
}

/** A parsed message. */
export interface ParsedMail {
  /** Message-ID without brackets; undefined when the sender set none. */
  messageId: string | undefined;
  inReplyTo: string | undefined;
  /** References, oldest first, without brackets. */
  references: string[];
  /** Root Message-ID of the conversation (lowercased); see thread.ts. */
  threadKey: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Delivered-To and X-Original-To: the addresses the server delivered it for (forwarded mail keeps them). */
  deliveredTo: string[];
  subject: string;
  /** The Date header, if it parsed. */
  date: Date | undefined;
  text: string;
  /** The HTML body as sent (not sanitized: render it through src/content before showing). */
  html: string | undefined;
  attachments: MailAttachment[];
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((group) =>
    group.value.flatMap((entry) => {
      // Group syntax ("Team: a@x, b@y;") nests its members.
      const members = entry.group ?? [entry];
      return members
        .filter((m) => m.address)
        .map((m) => ({ address: (m.address ?? '').toLowerCase(), name: m.name }));
    }),
  );
}

/** Parses a raw message; never throws on odd input (mailparser is lenient), only on I/O. */
export async function parseMail(raw: Buffer | string): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const messageId = messageIds(parsed.messageId)[0];
  const inReplyTo = messageIds(parsed.inReplyTo)[0];
  const references = messageIds(parsed.references);
  return {
    messageId,
    inReplyTo,
    references,
    threadKey: threadKey({ messageId, inReplyTo, references }) || `no-id:${parsed.subject ?? ''}`,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    deliveredTo: parsed.headerLines
      .filter((h) => h.key === 'delivered-to' || h.key === 'x-original-to')
      .map((h) =>
        h.line
          .replace(/^[^:]*:\s*/, '')
          .replace(/^<|>$/g, '')
          .trim()
          .toLowerCase(),
      )
      .filter((a) => a.includes('@')),
    subject: parsed.subject ?? '',
    date: parsed.date,
    text: parsed.text ?? '',
    html: parsed.html === false ? undefined : parsed.html,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      contentId: a.related ? a.contentId?.replace(/^<|>$/g, '') : undefined,
      content: a.content,
    })),
  };
}
