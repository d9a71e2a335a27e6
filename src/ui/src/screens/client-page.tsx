import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ApiError, createApi } from '../api/client.js';
import type { ClientMe, ClientTask, Page } from '../api/types.js';
import { useI18n, type T } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { LangSwitch } from '../parts/lang-switch.js';
import { PreviewOnDemand } from './preview-frame.js';

function Decision({
  api,
  task,
  onDone,
}: {
  api: ReturnType<typeof createApi>;
  task: ClientTask;
  onDone: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const decide = async (decision: 'approve' | 'reject'): Promise<void> => {
    try {
      await api.send('POST', `/api/v1/client/tasks/${task.id}/decision`, { decision, comment });
      onDone();
    } catch (err) {
      setError(formErrors(err, t, ['comment']).general);
    }
  };
  return (
    <div class="subcard">
      {task.kind === 'publish' && (
        <PreviewOnDemand
          forClient
          make={async () =>
            (await api.send<{ url: string }>('POST', `/api/v1/client/tasks/${task.id}/preview`)).url
          }
        />
      )}
      <ErrorBox message={error} />
      <Field label={t('comment')}>
        {(p) => (
          <textarea {...p} rows={2} value={comment} onInput={(e) => setComment(valueOf(e))} />
        )}
      </Field>
      <div class="buttons">
        <button type="button" class="primary" onClick={() => void decide('approve')}>
          {t('approve')}
        </button>
        <button type="button" onClick={() => void decide('reject')}>
          {t('reject')}
        </button>
      </div>
    </div>
  );
}

/** A request in the client's own words (the server's English "Client request: " prefix dropped). */
function requestTitle(task: ClientTask, t: T): string {
  if (task.contentTitle) return task.contentTitle;
  if (task.title.startsWith('Client request: ')) return task.title.slice('Client request: '.length);
  const publish = /^Publish to (\d+) sites?$/.exec(task.title);
  return publish ? t('titlePublish', { count: Number(publish[1]) }) : task.title;
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
  const waiting = items.filter((x) => x.status === 'waiting_client');
  return (
    <main id="main" class="narrow client-page">
      <div class="corner">
        <LangSwitch />
      </div>
      <h1>{me.data ? t('clientPageTitle', { name: me.data.name }) : t('loading')}</h1>
      <p>{t('clientIntro')}</p>
      {waiting.length > 0 && (
        <section class="card" aria-labelledby="wait">
          <h2 id="wait">{t('waitingForYou')}</h2>
          {waiting.map((x) => (
            <div key={x.id}>
              <h3>{requestTitle(x, t)}</h3>
              <Decision api={api} task={x} onDone={tasks.reload} />
            </div>
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
            <input
              key={formRound}
              {...p}
              name="images"
              type="file"
              accept="image/jpeg,image/png,image/gif,image/webp"
              multiple
              onChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])}
            />
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
          {items.map((x) => (
            <li key={x.id}>
              <span class="task-line">
                <span class="task-title">{requestTitle(x, t)}</span>
                <span class="meta">{dateTime(x.createdAt, tz)}</span>
              </span>
              <span class={'badge badge-' + x.status}>
                {/* Said to the client: it is waiting for them, not for "the client". */}
                {x.status === 'waiting_client' ? t('waitingForYou') : t(`status.${x.status}`)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
