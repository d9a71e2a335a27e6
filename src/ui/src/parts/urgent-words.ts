/**
 * Why a mail is urgent, in her words (issue 24: a Czech task page said `rule "voda": the word
 * "teče voda" in the message`). The mail rules (connectors/mail/rules.ts) store one English
 * line per matching rule; its known shape is said again in her language with her rule's name
 * and word as she wrote them. A line of another shape is shown as stored.
 */
import type { MessageKey } from '../i18n/en.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

// rule "<name>": sender <address> and the word "<word>" in the <message|subject|body>
const LINE =
  /^rule "(?<name>.*?)": (?:sender (?<sender>\S+?)(?: and (?=the word ")|$))?(?:the word "(?<word>.*)" in the (?<where>message|subject|body))?$/s;

/** One stored reason in her words, or as stored when it is not of the known shape. */
export function urgentReason(line: string, t: Translate): string {
  const m = LINE.exec(line);
  const g = m?.groups;
  if (!g || (!g.sender && g.word === undefined)) return line;
  const parts = [
    g.sender ? t('urgentWhy.sender', { sender: g.sender }) : undefined,
    g.word !== undefined
      ? t(`urgentWhy.word.${g.where as 'message'}`, { word: g.word })
      : undefined,
  ].filter((p): p is string => p !== undefined);
  return t('urgentWhy.rule', { name: g.name ?? '', what: parts.join(t('urgentWhy.and')) });
}

/** All stored reasons of a mail, in her words, one after another. */
export const urgentReasons = (lines: string[], t: Translate): string =>
  lines.map((l) => urgentReason(l, t)).join('; ');
