/**
 * The two parts of a reply written in Markdown (issue 15): the HTML part rendered and
 * sanitised by src/content exactly as the sites get it, the plain-text alternative made from
 * the same Markdown, the client's signature under both, and the line above the quoted original
 * in the client's language and time zone (she may sit in another zone than her client).
 */
import { markdownToText, quotedSender, type ParsedMail } from '../../connectors/mail/index.js';
import { renderMarkdown } from '../../content/index.js';

/** Who the reply is written for. */
export interface ReplyReader {
  /** IANA zone the quoted date is shown in. */
  timezone: string;
  /** The client's languages; the first decides the quote line (Czech or English). */
  languages: string[];
  /** Plain text; empty or absent for none. */
  signature?: string;
}

/** What composeReply needs besides the addresses. */
export interface ReplyParts {
  text: string;
  html: string;
  quoteHead: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown → plain text a mail program shows as the reader expects (no `**`, links spelled out). */
export function markdownToPlain(markdown: string): string {
  return markdownToText(markdown)
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w_])_([^_\n]+)_(?![\w_])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
}

/** `On Sat 5 Dec 2026, 09:30 CET, Jana <jana@…> wrote:` in the reader's language and zone. */
export function quoteHeadFor(
  parent: Pick<ParsedMail, 'from' | 'date'>,
  reader: ReplyReader,
): string {
  const czech = reader.languages[0]?.slice(0, 2).toLowerCase() === 'cs';
  const from = quotedSender(parent);
  if (!parent.date) return czech ? `${from} napsal(a):` : `${from} wrote:`;
  // Czech without the weekday, as the web app writes dates (its "ne" reads as "no").
  const date = new Intl.DateTimeFormat(czech ? 'cs-CZ' : 'en-GB', {
    ...(czech ? {} : { weekday: 'short' as const }),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: reader.timezone,
    timeZoneName: 'short',
  }).format(parent.date);
  return czech ? `Dne ${date} napsal(a) ${from}:` : `On ${date}, ${from} wrote:`;
}

/** The reply's text and HTML (signature included) and its quote line. */
export function replyParts(
  markdown: string,
  parent: Pick<ParsedMail, 'from' | 'date'>,
  reader: ReplyReader,
): ReplyParts {
  const signature = reader.signature?.trim() ?? '';
  const text = markdownToPlain(markdown) + (signature ? `\n\n-- \n${signature}` : '');
  const signatureHtml = signature
    ? `\n<p>-- <br>\n${signature.split(/\r?\n/).map(escapeHtml).join('<br>\n')}</p>`
    : '';
  return {
    text,
    html: renderMarkdown(markdown) + signatureHtml,
    quoteHead: quoteHeadFor(parent, reader),
  };
}
