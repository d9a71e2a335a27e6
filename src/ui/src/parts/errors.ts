import { ApiError } from '../api/client.js';
import type { T } from '../i18n/i18n.js';
import { codeMessage, fieldWords } from './server-words.js';

/** Field errors and a general message from a failed call, for a form. */
export interface FormErrors {
  fields: Record<string, string>;
  general?: string;
}

/** Splits an API error into messages next to fields and one general message. */
export function formErrors(err: unknown, t: T, fields: readonly string[] = []): FormErrors {
  if (!(err instanceof ApiError))
    return { fields: {}, general: t('errorGeneric', { message: String(err) }) };
  if (err.code === 'offline') return { fields: {}, general: t('errorOffline') };
  if (err.code === 'login_failed') return { fields: {}, general: t('loginFailed') };
  if (err.status === 401 && err.code !== 'login_failed')
    return { fields: {}, general: t('errorSession') };
  if (err.status === 429) return { fields: {}, general: t('tooManyTries') };
  if (err.status === 409) return { fields: {}, general: t('conflict') };
  const out: Record<string, string> = {};
  for (const f of fields) {
    const m = err.forField(f);
    if (m) out[f] = fieldWords(m, t);
  }
  const unplaced = err.details.filter(
    (d) => !fields.some((f) => d.path === `body.${f}` || d.path.startsWith(`body.${f}.`)),
  );
  // The server's sentences are English: known ones are said in her words (issue 14).
  const general =
    Object.keys(out).length && !unplaced.length
      ? undefined
      : unplaced.length
        ? unplaced
            .map((d) => `${d.path.replace(/^body\./, '')}: ${fieldWords(d.message, t)}`)
            .join('; ')
        : (codeMessage(err.code, t) ??
          t('srv.generalOther', { message: err.message, code: err.code }));
  return { fields: out, ...(general ? { general } : {}) };
}
