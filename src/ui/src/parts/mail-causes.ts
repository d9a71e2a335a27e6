/**
 * The mail servers' technical answers (English, from sitedesk's mail layer) said as their
 * cause, for the mailbox card on Today and an urgent forward's state (issue 24). Encryption is
 * checked before the password: its advice mentions the password, which was never refused.
 */
import type { MailboxHealth } from '../api/types.js';
import type { MessageKey } from '../i18n/en.js';

/** The one thing to do about a mailbox, from its state and the server's reason. */
export function hintOf(box: Pick<MailboxHealth, 'state' | 'reason'>): MessageKey {
  if (box.state === 'stopped' || box.state === 'not running') return 'mailHintStopped';
  const reason = box.reason ?? '';
  if (/STARTTLS/i.test(reason)) return 'mailHintStarttls';
  if (/certificate|wrong version number|SSL routines|self.signed/i.test(reason))
    return 'mailHintTls';
  return /login refused|password|authenticat/i.test(reason) ? 'mailHintLogin' : 'mailHintServer';
}

/** The mail server's technical answer, said as its cause (the outbox keeps it in `detail`). */
export function forwardCause(detail: string): MessageKey {
  if (/no password|password_missing/i.test(detail)) return 'fwdCause.noPassword';
  if (/STARTTLS/i.test(detail)) return 'fwdCause.starttls';
  if (/login refused|EAUTH|authenticat/i.test(detail)) return 'fwdCause.login';
  if (/\b5\d\d[ -]5\.\d+\.\d+|no such user|user unknown|recipient/i.test(detail))
    return 'fwdCause.refused';
  if (
    /ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND|timed? ?out|connect|closed/i.test(detail)
  )
    return 'fwdCause.down';
  return 'fwdCause.other';
}
