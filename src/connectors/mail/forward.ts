/**
 * Urgent forwarding: a message for the client, composed here and sent by the caller with the
 * mailbox's sender. The original goes along unchanged as `message/rfc822` (attachments and
 * all), and Reply-To is the original sender so the client can answer them directly.
 */
import type { OutgoingMail } from './outgoing.js';
import type { MailAddress, ParsedMail } from './parse.js';

const list = (addresses: readonly MailAddress[]): string =>
  addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/** The forward of `mail` to `to`, saying `reasons` (from judgeUrgency) at the top. */
export function composeUrgentForward(
  mail: ParsedMail & { raw: Buffer },
  input: { from: MailAddress; to: MailAddress; reasons: readonly string[] },
): OutgoingMail {
  const header = [
    'Forwarded at once by sitedesk because it looks urgent:',
    ...input.reasons.map((r) => `  - ${r}`),
    '',
    '---------- Forwarded message ----------',
    `From: ${list(mail.from)}`,
    mail.date ? `Date: ${mail.date.toUTCString()}` : undefined,
    `Subject: ${mail.subject}`,
    `To: ${list(mail.to)}`,
    '',
  ].filter((line) => line !== undefined);
  const forward: OutgoingMail = {
    from: input.from,
    to: [input.to],
    subject: `[Urgent] Fwd: ${mail.subject}`,
    text: `${header.join('\n')}\n${mail.text}`,
    attachments: [{ filename: 'original.eml', contentType: 'message/rfc822', content: mail.raw }],
  };
  if (mail.replyTo.length > 0 || mail.from.length > 0) {
    forward.replyTo = mail.replyTo.length > 0 ? [...mail.replyTo] : [...mail.from];
  }
  if (mail.messageId) forward.references = [mail.messageId];
  return forward;
}
