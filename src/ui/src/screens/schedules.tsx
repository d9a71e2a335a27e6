import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, Page, Schedule, ScheduleWithRuns, Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { DateTimeField } from '../parts/date-time-field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { ruleInWords } from '../parts/rule-words.js';
import { clientMap } from '../parts/task-bits.js';
import { ScheduleForm } from './schedule-form.js';

/** The client's local date (YYYY-MM-DD) of an instant; en-CA writes dates that way. */
function localDate(iso: string | undefined, zone: string): string | undefined {
  if (!iso) return undefined;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** Whether the schedule's template waits for a text supplied per date. */
function needsText(s: Schedule): boolean {
  return Object.values(s.template).some(
    (v) => typeof v === 'string' && /\{\{\s*text\s*\}\}/.test(v),
  );
}

/** Supplies the {{text}} of one run, by the client's local date. */
function ScheduleText({
  api,
  id,
  firstDate,
}: {
  api: Api;
  id: string;
  firstDate: string | undefined;
}): JSX.Element {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const shownDate = date || firstDate || '';
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    try {
      await api.send('POST', `/api/v1/schedules/${id}/texts`, { date: shownDate, text });
      setText('');
      setErrors({ fields: {} });
      setSaved(true);
    } catch (err) {
      setErrors(formErrors(err, t, ['date', 'text']));
    }
  };
  return (
    <form class="subcard" onSubmit={submit}>
      <h3>{t('scheduleText')}</h3>
      <ErrorBox message={errors.general} />
      <DateTimeField
        mode="date"
        label={t('scheduleTextDate')}
        required
        error={errors.fields.date}
        value={shownDate}
        onChange={setDate}
      />
      <Field label={t('body')} error={errors.fields.text}>
        {(p) => (
          <textarea {...p} rows={3} required value={text} onInput={(e) => setText(valueOf(e))} />
        )}
      </Field>
      <button type="submit">{t('save')}</button>
      {saved && (
        <p role="status" class="ok">
          {t('scheduleTextSaved')}
        </p>
      )}
    </form>
  );
}

/** Pauses or resumes one schedule; the server answers with its new state. */
function PauseButton({
  api,
  s,
  onChanged,
}: {
  api: Api;
  s: Schedule;
  onChanged: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const toggle = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('PUT', `/api/v1/schedules/${s.id}/enabled`, { enabled: !s.enabled });
      onChanged();
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void toggle()}>
        {s.enabled ? t('pauseSchedule') : t('resumeSchedule')}
      </button>
      <ErrorBox message={error} />
    </>
  );
}

function ScheduleCard({
  api,
  s,
  client,
  onChanged,
}: {
  api: Api;
  s: Schedule;
  client: Client | undefined;
  onChanged: () => void;
}): JSX.Element {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const one = useData<ScheduleWithRuns>(api, `/api/v1/schedules/${s.id}?runs=5`);
  const zone = client?.timezone ?? 'UTC';
  // Resuming recomputes the next runs from now, so the runs are fetched again with the list.
  const changed = (): void => {
    onChanged();
    one.reload();
  };
  return (
    <section class="card" aria-label={s.name}>
      <h2>{s.name}</h2>
      <p>
        {client?.name ?? ''} ·{' '}
        <span class={s.enabled ? 'badge badge-approved' : 'badge badge-cancelled'}>
          {s.enabled ? t('active') : t('paused')}
        </span>
      </p>
      <div class="buttons">
        <PauseButton api={api} s={s} onChanged={changed} />
        <ConfirmButton
          label={t('deleteSchedule')}
          question={t('confirmDeleteSchedule', { name: s.name })}
          onConfirm={async () => {
            await api.send('DELETE', `/api/v1/schedules/${s.id}`);
            onChanged();
          }}
        />
      </div>
      <p class="rule">{ruleInWords(s.rule, zone, i18n)}</p>
      <h3>{t('nextRuns')}</h3>
      <ol class="runs">
        {(one.data?.upcoming ?? []).map((r) => (
          <li key={r.at}>{dateTime(r.at, zone)}</li>
        ))}
      </ol>
      {needsText(s) && (
        <ScheduleText api={api} id={s.id} firstDate={localDate(one.data?.upcoming[0]?.at, zone)} />
      )}
    </section>
  );
}

/** Recurring updates in plain words with their next five runs in the client's time. */
export function Schedules({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const list = useData<Page<Schedule>>(api, '/api/v1/schedules');
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const sites = useData<Page<Site>>(api, '/api/v1/sites');
  const byId = clientMap(clients.data?.items);
  return (
    <>
      <h1>{t('schedulesTitle')}</h1>
      <ScheduleForm
        api={api}
        clients={clients.data?.items ?? []}
        sites={sites.data?.items ?? []}
        onAdded={list.reload}
      />
      <ErrorBox message={list.error ? formErrors(list.error, t).general : undefined} />
      {list.data && list.data.items.length === 0 && <p class="muted">{t('noSchedules')}</p>}
      {list.data?.items.map((s) => (
        <ScheduleCard
          key={s.id}
          api={api}
          s={s}
          client={byId.get(s.clientId)}
          onChanged={list.reload}
        />
      ))}
    </>
  );
}
