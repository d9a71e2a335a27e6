import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import type { Client, Page, Schedule, ScheduleWithRuns, Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { ruleInWords } from '../parts/rule-words.js';
import { clientMap } from '../parts/task-bits.js';
import { ScheduleForm } from './schedule-form.js';

function ScheduleCard({
  api,
  s,
  client,
}: {
  api: Api;
  s: Schedule;
  client: Client | undefined;
}): JSX.Element {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const one = useData<ScheduleWithRuns>(api, `/api/v1/schedules/${s.id}?runs=5`);
  const zone = client?.timezone ?? 'UTC';
  return (
    <section class="card" aria-label={s.name}>
      <h2>{s.name}</h2>
      <p>
        {client?.name ?? ''} ·{' '}
        <span class={s.enabled ? 'badge badge-approved' : 'badge badge-cancelled'}>
          {s.enabled ? t('active') : t('paused')}
        </span>
      </p>
      <p class="rule">{ruleInWords(s.rule, zone, i18n)}</p>
      <h3>{t('nextRuns')}</h3>
      <ol class="runs">
        {(one.data?.upcoming ?? []).map((r) => (
          <li key={r.at}>{dateTime(r.at, zone)}</li>
        ))}
      </ol>
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
        <ScheduleCard key={s.id} api={api} s={s} client={byId.get(s.clientId)} />
      ))}
    </>
  );
}
