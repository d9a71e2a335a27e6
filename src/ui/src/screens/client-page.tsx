import type { JSX } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, createApi } from '../api/client.js';
import type { ClientMe, ClientTask, Page } from '../api/types.js';
import { useI18n, type T } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { LangSwitch } from '../parts/lang-switch.js';
import { ClientDecision } from './client-decision.js';
import { ClientLetter } from '../letters/client-letter.js';

/** A request in the client's own words (the server's English "Client request: " prefix dropped). */
function requestTitle(task: ClientTask, t: T): string {
  if (task.contentTitle) return task.contentTitle;
  if (task.title.startsWith('Client request: ')) return task.title.slice('Client request: '.length);
  const publish = /^Publish to (\d+) sites?$/.exec(task.title);
  return publish ? t('titlePublish', { count: Number(publish[1]) }) : task.title;
}

/** A promotion's window in her words: goes live on, live until, ended; undefined otherwise. */
function promotionWords(task: ClientTask, t: T, when: (iso: string) => string): string | undefined {
  const now = new Date().toISOString();
  const live = (task.sites ?? []).some((s) => s.state === 'live');
  if (task.endsAt && live)
    return t(task.endsAt > now ? 'promo.liveUntil' : 'promo.takingDown', {
      date: when(task.endsAt),
    });
  if (task.endsAt && task.status === 'done') return t('promo.ended', { date: when(task.endsAt) });
  if (task.startsAt && task.startsAt > now && task.status === 'scheduled')
    return t('promo.startsOn', { date: when(task.startsAt) });
  return undefined;
}

/** Where a request stands, in her words: her decision, being written, published, live. */
function ThreadBadge({ task, timeZone }: { task: ClientTask; timeZone?: string }): JSX.Element {
  const { t, dateTime } = useI18n();
  const promotion = promotionWords(task, t, (iso) => dateTime(iso, timeZone));
  if (promotion) return <span class={'badge badge-' + task.status}>{promotion}</span>;
  const words =
    task.status === 'waiting_client'
      ? t('waitingForYou')
      : task.kind === 'publish' && task.status === 'done'
        ? t('clientLive')
        : task.approval?.state === 'changes' && task.status === 'in_progress'
          ? t('clientBeingRevised')
          : task.kind === 'publish' && (task.status === 'approved' || task.status === 'scheduled')
            ? t('clientBeingPublished')
            : t(`status.${task.status}`);
  return <span class={'badge badge-' + task.status}>{words}</span>;
}

/** The live page of each site that has the text. */
function LiveLinks({ task }: { task: ClientTask }): JSX.Element | null {
  const { t } = useI18n();
  const live = (task.sites ?? []).filter((s) => s.state === 'live' && s.url);
  if (!live.length) return null;
  return (
    <span class="live-links">
      {live.map((s) => (
        <a key={s.name} href={s.url} target="_blank" rel="noopener noreferrer">
          {t('liveOn', { site: s.name })}
        </a>
      ))}
    </span>
  );
}

/** The client's own page, opened from the private link (no account). */
export function ClientPage({ token }: { token: string }): JSX.Element {
  const { t, dateTime } = useI18n();
  const api = useMemo(() => createApi({ kind: 'link', token }), [token]);
  const me = useData<ClientMe>(api, '/api/v1/client/me');
  const tasks = useData<Page<ClientTask>>(api, '/api/v1/client/tasks');
  // The secretary's changes (a preview to approve, a request done) show without a reload.
  useLive(api, () => tasks.reload());
  const [text, setText] = useState('');
  const [siteId, setSiteId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [sent, setSent] = useState(false);
  // Bumped after a send: a new file field, since a file input cannot be emptied by state.
  const [formRound, setFormRound] = useState(0);
  const [busy, setBusy] = useState(false);
  if (me.error instanceof ApiError && me.error.status === 401)
    return (
      <main id="main" class="narrow">
        <p class="error-box" role="alert">
          {t('linkInvalid')}
        </p>
      </main>
    );
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setSent(false);
    try {
      const form = new FormData();
      form.set('request', text);
      if (siteId) form.set('siteId', siteId);
      for (const f of files) form.append('images', f, f.name);
      await api.upload('/api/v1/client/requests', form);
      setText('');
      setFiles([]);
      setFormRound((n) => n + 1);
      setErrors({ fields: {} });
      setSent(true);
      tasks.reload();
    } catch (err) {
      setErrors(formErrors(err, t, ['request', 'siteId', 'images']));
    } finally {
      setBusy(false);
    }
  };
  const tz = me.data?.timezone;
  const items = tasks.data?.items ?? [];
  // A text written for a request shows with that request (one thread), not on its own.
  const textFor = new Map(
    items.filter((x) => x.kind === 'publish' && x.requestId).map((x) => [x.requestId, x]),
  );
  const requestText = new Map(items.map((x) => [x.id, x.request]));
  const waiting = items.filter((x) => x.status === 'waiting_client' && x.kind === 'publish');
  // Letters sent to her to see first (issue 20): the PDF and her decision.
  const letters = items.filter((x) => x.status === 'waiting_client' && x.kind === 'letter');
  const mine = items.filter(
    (x) => x.kind === 'site-edit' || (x.kind === 'publish' && !x.requestId),
  );
  return (
    <main id="main" class="narrow client-page">
      <div class="corner">
        <LangSwitch />
      </div>
      <h1>{me.data ? t('clientPageTitle', { name: me.data.name }) : t('loading')}</h1>
      <p>{t('clientIntro')}</p>
      {letters.length > 0 && (
        <section class="card" aria-labelledby="letters-wait">
          <h2 id="letters-wait">{t('clientLettersWaiting')}</h2>
          {letters.map((x) => (
            <ClientLetter
              key={`${x.id}-${x.approval?.round ?? 0}`}
              api={api}
              task={x}
              onDone={tasks.reload}
            />
          ))}
        </section>
      )}
      {waiting.length > 0 && (
        <section class="card" aria-labelledby="wait">
          <h2 id="wait">{t('waitingForYou')}</h2>
          {waiting.map((x) => (
            <ClientDecision
              key={`${x.id}-${x.approval?.round ?? 0}`}
              api={api}
              task={x}
              request={x.requestId ? requestText.get(x.requestId) : undefined}
              onDone={tasks.reload}
            />
          ))}
        </section>
      )}
      <form class="card" onSubmit={submit}>
        <ErrorBox message={errors.general} />
        {me.data && me.data.sites.length > 1 && (
          <Field label={t('site')} error={errors.fields.siteId}>
            {(p) => (
              <select {...p} value={siteId} onChange={(e) => setSiteId(valueOf(e))}>
                <option value="">{t('anyOption')}</option>
                {me.data?.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('request')} error={errors.fields.request}>
          {(p) => (
            <textarea
              {...p}
              name="request"
              rows={5}
              required
              value={text}
              onInput={(e) => setText(valueOf(e))}
            />
          )}
        </Field>
        <Field label={t('images')} error={errors.fields.images}>
          {(p) => (
            // The browser's own file field speaks the browser's language ("Choose Files"):
            // it stays for the label and the files, and a button in her language opens it.
            <div class="file-pick">
              <input
                key={formRound}
                {...p}
                ref={fileInput}
                class="visually-hidden"
                tabIndex={-1}
                name="images"
                type="file"
                accept="image/jpeg,image/png,image/gif,image/webp"
                multiple
                onChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])}
              />
              <button type="button" onClick={() => fileInput.current?.click()}>
                {t('chooseImages')}
              </button>
              <span class="meta">
                {files.length ? files.map((f) => f.name).join(', ') : t('noImagesChosen')}
              </span>
            </div>
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('sending') : t('sendRequest')}
        </button>
        {sent && (
          <p role="status" class="ok">
            {t('requestSent')}
          </p>
        )}
      </form>
      <section class="card" aria-labelledby="mine">
        <h2 id="mine">{t('myRequests')}</h2>
        <ul class="rows">
          {mine.map((x) => {
            const text = x.kind === 'publish' ? x : (textFor.get(x.id) ?? x);
            return (
              <li key={x.id}>
                <span class="task-line">
                  <span class="task-title">{requestTitle(x, t)}</span>
                  <span class="meta">{dateTime(x.createdAt, tz)}</span>
                  <LiveLinks task={text} />
                </span>
                <ThreadBadge task={text} {...(tz ? { timeZone: tz } : {})} />
              </li>
            );
          })}
        </ul>
      </section>
    </main>
  );
}
