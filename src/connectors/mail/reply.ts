/**
 * Replies on a client's behalf: threading headers per RFC 5322 §3.6.4 (In-Reply-To is the
 * parent's Message-ID; References is the parent's References, or its In-Reply-To, followed
 * by the parent's Message-ID) and a `Re:` subject that does not pile up (`Re: Re: …`).
 */
import type { OutgoingMail } from './outgoing.js';
import type { MailAddress, ParsedMail } from './parse.js';

// Reply prefixes mail clients write in the languages sitedesk's clients use (en, de, cs, sk, nl, sv).
const REPLY_PREFIX = /^\s*(re|aw|odp|sv|antw|vs)\s*(\[\d+\])?\s*:/i;

/** `Re: <subject>` unless the subject already starts with a reply prefix. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed === '') return 'Re:';
  return REPLY_PREFIX.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** The References of a reply to `parent`, oldest first, without duplicates. */
export function replyReferences(
  parent: Pick<ParsedMail, 'messageId' | 'inReplyTo' | 'references'>,
): string[] {
  const chain =
    parent.references.length > 0 ? parent.references : parent.inReplyTo ? [parent.inReplyTo] : [];
  const all = parent.messageId ? [...chain, parent.messageId] : chain;
  return [...new Set(all)];
}

/** What the secretary writes. `replyAll` adds the parent's other To/Cc recipients as Cc. */
export interface ReplyInput {
  from: MailAddress;
  text: string;
  html?: string;
  replyAll?: boolean;
  attachments?: OutgoingMail['attachments'];
  /** Quote the parent's text below the reply ("On …, … wrote:" and `> ` lines). Default true. */
  quote?: boolean;
  /**
   * The line above the quote as the reader should see it (their language, their time zone);
   * default `On <date in UTC>, <sender> wrote:`.
   */
  quoteHead?: string;
}

/** `Name <address>` of the parent's sender, as a quote head names it. */
export function quotedSender(parent: Pick<ParsedMail, 'from'>): string {
  const who = parent.from[0];
  return who ? (who.name ? `${who.name} <${who.address}>` : who.address) : 'someone';
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The parent's text quoted for the HTML part: its head, then a cited blockquote of its lines. */
export function quoteHtml(
  parent: Pick<ParsedMail, 'from' | 'date' | 'text'>,
  head?: string,
): string {
  const lines = parent.text.replace(/\s+$/, '').split(/\r?\n/).map(escapeHtml).join('<br>\n');
  return (
    `<p>${escapeHtml(head ?? defaultHead(parent))}</p>\n` +
    `<blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${lines}</blockquote>`
  );
}

function defaultHead(parent: Pick<ParsedMail, 'from' | 'date'>): string {
  const when = parent.date ? `On ${parent.date.toUTCString()}, ` : '';
  return `${when}${quotedSender(parent)} wrote:`;
}

/** The parent's text quoted the way mail programs do, for the bottom of a plain-text reply. */
export function quoteText(
  parent: Pick<ParsedMail, 'from' | 'date' | 'text'>,
  head?: string,
): string {
  const lines = parent.text.replace(/\s+$/, '').split(/\r?\n/);
  return `${head ?? defaultHead(parent)}\n${lines.map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`)).join('\n')}`;
}

/** A reply to `parent`, addressed to its Reply-To (else From). */
export function composeReply(parent: ParsedMail, input: ReplyInput): OutgoingMail {
  const to = parent.replyTo.length > 0 ? parent.replyTo : parent.from;
  const own = input.from.address.toLowerCase();
  const taken = new Set([own, ...to.map((a) => a.address)]);
  const cc = input.replyAll
    ? [...parent.to, ...parent.cc].filter((a) => {
        if (taken.has(a.address)) return false;
        taken.add(a.address);
        return true;
      })
    : [];
  const quoted = (input.quote ?? true) && parent.text.trim() !== '';
  const mail: OutgoingMail = {
    from: input.from,
    to,
    subject: replySubject(parent.subject),
    text: quoted
      ? `${input.text.replace(/\s+$/, '')}\n\n${quoteText(parent, input.quoteHead)}\n`
      : input.text,
    references: replyReferences(parent),
  };
  if (parent.messageId) mail.inReplyTo = parent.messageId;
  if (cc.length > 0) mail.cc = cc;
  if (input.html !== undefined) {
    // The same reply as HTML: her formatted text, then the original as mail programs cite it.
    const quote = quoted ? `\n${quoteHtml(parent, input.quoteHead)}` : '';
    mail.html = `<!doctype html><html><head><meta charset="utf-8"></head><body>${input.html}${quote}</body></html>`;
  }
  if (input.attachments) mail.attachments = input.attachments;
  return mail;
}
