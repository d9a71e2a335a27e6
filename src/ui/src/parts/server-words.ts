/**
 * The server's own sentences (field checks, error codes) in the user's language (issue 14):
 * the API words them in English for scripts and logs; the web app says the known ones in
 * words of its catalog and, in Czech, a plain sentence for the rest — never English.
 */
import type { MessageKey } from '../i18n/en.js';

/** Known field messages of the API's schemas (src/tasks/schemas/*.ts, zod's own) → words. */
const fieldMessages: [RegExp, MessageKey][] = [
  [/^must not be empty$|^Too small: expected string to have >=1 characters?$/, 'srv.empty'],
  [/^Required$|^Invalid input: expected \w+, received undefined$/, 'srv.required'],
  [/^must say what should change$/, 'srv.sayWhat'],
  [/^must name at least one site$/, 'srv.pickSite'],
  [/^must be at least 12 characters$/, 'srv.password12'],
  [/^must be a phone number/, 'srv.phone'],
  [/^must be an IANA timezone/, 'srv.timezone'],
  [/^must be after startsAt$/, 'srv.endsAfterStart'],
  [/^from must be before to$/, 'srv.fromBeforeTo'],
  [/^Invalid email address$|^Invalid email$/, 'srv.email'],
  [/^Invalid URL$|must be an? (absolute |http\(s\) )?URL/, 'srv.url'],
  [/^Too big: expected string to have <=(\d+) characters?$/, 'srv.tooLong'],
  [/^Invalid (ISO )?datetime|^must be an ISO/, 'srv.dateTime'],
  // The schedule rule's sentences (src/tasks/schedules/rule-words.ts).
  [/^This (rule|cron line) never comes round/, 'srv.ruleNever'],
  [/^This (rule|cron line)/, 'srv.ruleInvalid'],
];

/** API error codes (src/shared/errors.ts and the routes) → what to tell her. */
const codeWords: Record<string, MessageKey> = {
  not_found: 'srv.notFound',
  conflict: 'conflict',
  validation_failed: 'srv.invalid',
  entity_too_large: 'srv.tooLarge',
  payload_too_large: 'srv.tooLarge',
  forbidden: 'srv.forbidden',
  csrf_failed: 'errorSession',
  internal_error: 'srv.internal',
};

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A field message of the API in words; unknown ones as the server said them (English) or, in Czech, generally. */
export function fieldWords(message: string, t: Translate): string {
  for (const [re, key] of fieldMessages) {
    const m = re.exec(message);
    // `message`: where the server's English is already in a person's words (the rule checks).
    if (m) return t(key, { n: m[1] ?? '', message });
  }
  return t('srv.fieldOther', { message });
}

/** The general message of an API error code; undefined when the code has no words of its own. */
export function codeMessage(code: string, t: Translate): string | undefined {
  const key = codeWords[code];
  return key ? t(key) : undefined;
}
