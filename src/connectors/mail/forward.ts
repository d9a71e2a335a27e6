/**
 * Urgent forwarding: a message for the client, composed here and sent by the caller with the
 * mailbox's sender. The original goes along unchanged as `message/rfc822` (attachments and
 * all), and Reply-To is the original sender so the client can answer them directly.
 */
import type { OutgoingMail } from './outgoing.js';
import type { MailAddress, ParsedMail } from './parse.js';

const list = (addresses: readonly MailAddress[]): string =>
  addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/** The forward's own words, in the client's first language (issue 24: a Czech bakery got English). */
interface ForwardWords {
  intro: string;
  divider: string;
  from: string;
  date: string;
  subject: string;
  to: string;
  urgent: string;
  locale: string;
  /** One stored reason (judgeUrgency's English line) in these words. */
  reason: (line: string) => string;
}

// rule "<name>": sender <address> and the word "<word>" in the <message|subject|body>
const REASON =
  /^rule "(?<name>.*?)": (?:sender (?<sender>\S+?)(?: and (?=the word ")|$))?(?:the word "(?<word>.*)" in the (?<where>message|subject|body))?$/s;
const WHERE_CS = { message: 've zprávě', subject: 'v předmětu', body: 'v textu' } as const;

const EN: ForwardWords = {
  intro: 'Forwarded at once by sitedesk because it looks urgent:',
  divider: '---------- Forwarded message ----------',
  from: 'From',
  date: 'Date',
  subject: 'Subject',
  to: 'To',
  urgent: '[Urgent] Fwd:',
  locale: 'en-GB',
  reason: (line) => line,
};

const CS: ForwardWords = {
  intro: 'sitedesk tuto zprávu přeposílá hned, protože vypadá naléhavě:',
  divider: '---------- Přeposlaná zpráva ----------',
  from: 'Od',
  date: 'Datum',
  subject: 'Předmět',
  to: 'Komu',
  urgent: '[Naléhavé] Fwd:',
  locale: 'cs-CZ',
  reason: (line) => {
    const g = REASON.exec(line)?.groups;
    if (!g || (!g.sender && g.word === undefined)) return line;
    const parts = [
      g.sender ? `odesílatel ${g.sender}` : undefined,
      g.word !== undefined
        ? `slova „${g.word}“ ${WHERE_CS[g.where as keyof typeof WHERE_CS]}`
        : undefined,
    ].filter(Boolean);
    return `pravidlo „${g.name ?? ''}“: ${parts.join(' a ')}`;
  },
};

/**
 * The forward of `mail` to `to`, saying `reasons` (from judgeUrgency) at the top, in the
 * client's first `language` (`cs…` → Czech, else English) and the original's date in
 * `timeZone` (the client's; UTC when not given).
 */
export function composeUrgentForward(
  mail: ParsedMail & { raw: Buffer },
  input: {
    from: MailAddress;
    to: MailAddress;
    reasons: readonly string[];
    language?: string;
    timeZone?: string;
  },
): OutgoingMail {
  const w = input.language?.toLowerCase().startsWith('cs') ? CS : EN;
  const date = mail.date
    ? new Intl.DateTimeFormat(w.locale, {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: input.timeZone ?? 'UTC',
      }).format(mail.date) + ` (${input.timeZone ?? 'UTC'})`
    : undefined;
  const header = [
    w.intro,
    ...input.reasons.map((r) => `  - ${w.reason(r)}`),
    '',
    w.divider,
    `${w.from}: ${list(mail.from)}`,
    date ? `${w.date}: ${date}` : undefined,
    `${w.subject}: ${mail.subject}`,
    `${w.to}: ${list(mail.to)}`,
    '',
  ].filter((line) => line !== undefined);
  const forward: OutgoingMail = {
    from: input.from,
    to: [input.to],
    subject: `${w.urgent} ${mail.subject}`,
    text: `${header.join('\n')}\n${mail.text}`,
    attachments: [{ filename: 'original.eml', contentType: 'message/rfc822', content: mail.raw }],
  };
  if (mail.replyTo.length > 0 || mail.from.length > 0) {
    forward.replyTo = mail.replyTo.length > 0 ? [...mail.replyTo] : [...mail.from];
  }
  if (mail.messageId) forward.references = [mail.messageId];
  return forward;
}
