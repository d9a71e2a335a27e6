import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Client, Task } from '../api/types.js';
import { makeI18n, useI18n, type Lang, type T } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { forwardCause } from '../parts/mail-causes.js';

/** POST /api/v1/tasks/:id/reply. */
interface ReplyOutcome {
  to: string[];
  /** `waiting` (202): the server did not answer; it is kept and sent by itself later. */
  state: 'sent' | 'waiting';
  sentCopy?: string;
  detail?: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The server's note on the Sent copy (`saved to "Sent"`, `not saved: …`) in her words. */
export function copyWords(copy: string, t: T): string {
  const saved = /^saved to "(.*)"$/.exec(copy);
  if (saved) return t('copySaved', { folder: saved[1] ?? '' });
  const failed = /^not saved(?:: (.*))?$/s.exec(copy);
  if (failed) return t('copyNotSaved', { reason: failed[1] ?? '' });
  return copy;
}

/** Why a reply did not go out, from the API's 503 (`mail_*` code, technical message). */
function replyCause(err: ApiError): MessageKey {
  if (err.code === 'mail_password_missing') return 'replyCauseNoPassword';
  if (/login refused|EAUTH|authenticat|password/i.test(err.message)) return 'replyCauseLogin';
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timed? ?out|connect|closed|ECONNRESET/i.test(err.message))
    return 'replyCauseDown';
  return 'replyCauseOther';
}

/** A client's signature, if the client has one (the client record may carry `signature`). */
function signatureOf(client: Client | undefined): string {
  const s: unknown = client ? (client as unknown as Record<string, unknown>)['signature'] : '';
  return text(s).trim();
}

/**
 * The original quoted the way mail programs do, its date in the client's time zone and its
 * head line in the client's language (English or Czech; else hers).
 */
export function quoteOf(task: Task, client: Client | undefined, fallback: Lang): string {
  const first = client?.languages[0]?.slice(0, 2);
  const lang: Lang = first === 'cs' || first === 'en' ? first : fallback;
  const { t, dateTime } = makeI18n(lang, () => undefined);
  const d = task.details;
  const head = t('replyQuoteHead', {
    date: dateTime(text(d.receivedAt), client?.timezone),
    from: text(d.from),
  });
  const lines = text(d.body).replace(/\s+$/, '').split(/\r?\n/);
  return `${head}\n${lines.map((l) => (l.startsWith('>') ? `>${l}` : `> ${l}`)).join('\n')}`;
}

/**
 * Reply on a mail task (issue 24): her text with the client's signature, the quoted original
 * below it; a mail server that is down is said in words and nothing is lost from the form.
 */
export function MailReply(props: {
  api: Api;
  task: Task;
  client: Client | undefined;
  onSent: () => void;
}): JSX.Element | null {
  const { t, lang } = useI18n();
  const signature = signatureOf(props.client);
  const [body, setBody] = useState(signature ? `\n\n-- \n${signature}` : '');
  const [replyAll, setReplyAll] = useState(false);
  const [quote, setQuote] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [technical, setTechnical] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const quoted = useMemo(
    () => quoteOf(props.task, props.client, lang),
    [props.task, props.client, lang],
  );
  if (!props.task.details.mailboxId) return <p class="muted">{t('replyNoMailbox')}</p>;
  const send = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setTechnical(undefined);
    setDone(undefined);
    try {
      const full = quote && text(props.task.details.body).trim() ? `${body}\n\n${quoted}\n` : body;
      // The quote is ours (the client's time zone), so the server adds none.
      const res = await props.api.send<ReplyOutcome>(
        'POST',
        `/api/v1/tasks/${props.task.id}/reply`,
        { text: full, replyAll, quote: false },
      );
      setDone(
        res.state === 'waiting'
          ? t('replyQueued', { cause: t(forwardCause(res.detail ?? '')) })
          : t('replySent', { to: res.to.join(', '), copy: copyWords(res.sentCopy ?? '', t) }),
      );
      setBody(signature ? `\n\n-- \n${signature}` : '');
      props.onSent();
    } catch (err) {
      if (err instanceof ApiError && err.status === 503 && err.code.startsWith('mail_')) {
        setError(t('replyFailed', { cause: t(replyCause(err)) }));
        setTechnical(err.message);
      } else setError(formErrors(err, t, ['text']).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="mail-reply" aria-labelledby="d-reply">
      <h3 id="d-reply">{t('replyTitle')}</h3>
      <form onSubmit={send}>
        <ErrorBox message={error} />
        {technical && (
          <details>
            <summary>{t('technicalDetails')}</summary>
            <span class="pre">{technical}</span>
          </details>
        )}
        <Field label={t('replyText')} help={signature ? t('replySignatureAdded') : undefined}>
          {(p) => (
            <textarea
              {...p}
              name="replyText"
              rows={8}
              required
              value={body}
              onInput={(e) => setBody(valueOf(e))}
            />
          )}
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={quote}
            onChange={(e) => setQuote((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('replyQuote')}
        </label>
        {quote && <blockquote class="pre mail-quote">{quoted}</blockquote>}
        <label class="check">
          <input
            type="checkbox"
            checked={replyAll}
            onChange={(e) => setReplyAll((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('replyAll')}
        </label>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('replySending') : t('replySend')}
          </button>
        </div>
        {done && (
          <p class="ok" role="status">
            {done}
          </p>
        )}
      </form>
    </section>
  );
}
