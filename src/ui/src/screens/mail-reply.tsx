import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import type { Client, Task } from '../api/types.js';
import { makeI18n, useI18n, type Lang, type T } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { TextEditor } from '../editor/index.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { forwardCause } from '../parts/mail-causes.js';
import { ReplyFiles, useReplyFiles } from '../parts/reply-files.js';

/** What a reply did; `waiting` (202): kept and sent by itself when the server answers. */
type ReplyOutcome = Answer<'/api/v1/tasks/{id}/reply', 'post'>;

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

/** The client's signature (plain text, added by the server under the reply). */
function signatureOf(client: Client | undefined): string {
  return text(client?.contact.signature).trim();
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
 * Reply on a mail task (issues 24, 15): her text written as in the Write screen (rich or
 * Markdown), sent as HTML with a plain-text twin; the server adds the client's signature and
 * the original quoted in the client's time zone, shown here as they will go out. A mail server
 * that is down is said in words and nothing is lost from the form.
 */
export function MailReply(props: {
  api: Api;
  task: Task;
  client: Client | undefined;
  onSent: () => void;
}): JSX.Element | null {
  const { t, lang } = useI18n();
  const signature = signatureOf(props.client);
  const [body, setBody] = useState('');
  const [replyAll, setReplyAll] = useState(false);
  const [quote, setQuote] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [technical, setTechnical] = useState<string | undefined>();
  // The outcome, put in words when shown (she may switch the language after sending).
  const [done, setDone] = useState<ReplyOutcome | undefined>();
  const attached = useReplyFiles(props.api, props.task.id);
  const [over, setOver] = useState(false);
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
    setFieldError(undefined);
    setDone(undefined);
    try {
      const res = await props.api.send<ReplyOutcome>(
        'POST',
        `/api/v1/tasks/${props.task.id}/reply`,
        { text: body, replyAll, quote, attachments: attached.files.map((f) => f.id) },
      );
      setDone(res);
      setBody('');
      attached.clear();
      props.onSent();
    } catch (err) {
      if (err instanceof ApiError && err.status === 503 && err.code.startsWith('mail_')) {
        setError(t('replyFailed', { cause: t(replyCause(err)) }));
        setTechnical(err.message);
      } else {
        const errors = formErrors(err, t, ['text']);
        setError(errors.general);
        setFieldError(errors.fields.text);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      class={'mail-reply' + (over ? ' drop-over' : '')}
      aria-labelledby="d-reply"
      // Files dropped anywhere on the reply box go with the reply.
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!e.dataTransfer?.files.length) return;
        e.preventDefault();
        setOver(false);
        void attached.add([...e.dataTransfer.files]);
      }}
    >
      <h3 id="d-reply">{t('replyTitle')}</h3>
      <form onSubmit={send}>
        <ErrorBox message={error} />
        {technical && (
          <details>
            <summary>{t('technicalDetails')}</summary>
            <span class="pre">{technical}</span>
          </details>
        )}
        <TextEditor
          label={t('replyText')}
          name="replyText"
          rows={8}
          required
          value={body}
          onChange={setBody}
          help={signature ? t('replySignatureAdded') : undefined}
          error={fieldError}
        />
        {signature && <p class="pre mail-signature">{`-- \n${signature}`}</p>}
        <ReplyFiles {...attached} />
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
          <button type="submit" class="primary" disabled={busy || attached.progress !== undefined}>
            {busy ? t('replySending') : t('replySend')}
          </button>
        </div>
        {done && (
          <p class="ok" role="status">
            {done.state === 'waiting'
              ? t('replyQueued', { cause: t(forwardCause(done.detail ?? '')) })
              : t('replySent', { to: done.to.join(', '), copy: copyWords(done.sentCopy ?? '', t) })}
          </p>
        )}
      </form>
    </section>
  );
}
