import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import type { Client, Page, Schedule } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { clientMap } from '../parts/task-bits.js';

function ScheduleRuns({
  api,
  id,
  tz,
}: {
  api: Api;
  id: string;
  tz: string | undefined;
}): JSX.Element {
  const { dateTime } = useI18n();
  const one = useData<Schedule>(api, `/api/v1/schedules/${id}?runs=5`);
  return (
    <ol class="runs">
      {(one.data?.nextRuns ?? []).map((r) => (
        <li key={r}>{dateTime(r, tz)}</li>
      ))}
    </ol>
  );
}

/** Recurring updates with their next five runs in the client's time. */
export function Schedules({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const list = useData<Page<Schedule>>(api, '/api/v1/schedules');
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const byId = clientMap(clients.data?.items);
  return (
    <>
      <h1>{t('schedulesTitle')}</h1>
      <ErrorBox message={list.error ? formErrors(list.error, t).general : undefined} />
      {list.data && list.data.items.length === 0 && <p class="muted">{t('noSchedules')}</p>}
      {list.data?.items.map((s) => (
        <section class="card" key={s.id} aria-label={s.name}>
          <h2>{s.name}</h2>
          <p>
            {byId.get(s.clientId)?.name ?? ''} · <code>{s.expression}</code> ·{' '}
            <span class={s.enabled ? 'badge badge-approved' : 'badge badge-cancelled'}>
              {s.enabled ? t('active') : t('paused')}
            </span>
          </p>
          <h3>{t('nextRuns')}</h3>
          <ScheduleRuns api={api} id={s.id} tz={byId.get(s.clientId)?.timezone} />
        </section>
      ))}
    </>
  );
}
