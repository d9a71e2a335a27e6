import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import {
  approvalOf,
  type Client,
  type Page,
  type Publication,
  type Site,
  type Task,
  type TaskStatus,
} from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { FailureReason } from '../parts/failure.js';
import { MailHealthCard } from '../parts/mail-health.js';
import { useData, useLive } from '../parts/data.js';
import { useRegionTitles } from '../parts/region-task-title.js';
import { clientMap, StatusBadge, TaskLine } from '../parts/task-bits.js';
import { MailCallsToday } from './today-mail-calls.js';
import { LivePromotions } from './today-promotions.js';
import { TodayMeetings } from '../meetings/index.js';

const activeStatuses = 'open,in_progress,waiting_client,approved,failed';

function endOfToday(): string {
  const d = new Date();
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

/** Today: what is due, urgent, waiting or failed — each with the one action it needs. */
export function Today({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const tasks = useData<Page<Task>>(
    api,
    `/api/v1/tasks?status=${activeStatuses}&order=due&limit=500`,
  );
  const failed = useData<Page<Publication>>(api, '/api/v1/publications?state=failed');
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const sites = useData<Page<Site>>(api, '/api/v1/sites');
  const [error, setError] = useState<string | undefined>();
  useLive(api, () => {
    tasks.reload();
    failed.reload();
  });
  const byId = clientMap(clients.data?.items);
  const all = tasks.data?.items ?? [];
  // "Update opening hours on Bakery website" rather than the text's publish title.
  const regionTitle = useRegionTitles(api, all, sites.data?.items);
  const end = endOfToday();
  const due = all.filter((x) => x.dueAt !== null && x.dueAt <= end && x.status !== 'approved');
  const urgent = all.filter(
    (x) =>
      (x.kind === 'call' || x.kind === 'mail') &&
      (x.priority === 'urgent' || x.priority === 'high') &&
      !due.includes(x),
  );
  const requests = all.filter(
    (x) => x.kind === 'site-edit' && x.source === 'client' && x.status === 'open',
  );
  const approved = all.filter((x) => x.status === 'approved');
  // The thread's next steps: the client asked for changes, or the secretary waits for her.
  const changes = all.filter(
    (x) => x.status === 'in_progress' && approvalOf(x)?.state === 'changes',
  );
  const waitingClient = all.filter((x) => x.status === 'waiting_client');
  const move = async (task: Task, to: TaskStatus): Promise<void> => {
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/tasks/${task.id}/status`, {
        to,
        expectedVersion: task.version,
      });
    } catch (err) {
      setError(formErrors(err, t).general);
    }
    tasks.reload();
  };
  const retry = async (p: Publication): Promise<void> => {
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/publications/${p.id}/retry`);
    } catch (err) {
      setError(formErrors(err, t).general);
    }
    failed.reload();
  };
  const section = (
    title: MessageKey,
    list: Task[],
    action: (x: Task) => JSX.Element,
    id: string,
  ): JSX.Element => (
    <section aria-labelledby={id} class="card">
      <h2 id={id}>
        {t(title)} <span class="count">{list.length}</span>
      </h2>
      {list.length === 0 ? (
        <p class="muted">{t('todayAllDone')}</p>
      ) : (
        <ul class="rows">
          {list.map((x) => (
            <li key={x.id}>
              <TaskLine task={x} clients={byId} title={regionTitle(x)} />
              <StatusBadge status={x.status} />
              {action(x)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  const startOrDone = (x: Task): JSX.Element =>
    x.status === 'open' ? (
      <button type="button" onClick={() => void move(x, 'in_progress')}>
        {t('actionStart')}
      </button>
    ) : (
      <button type="button" onClick={() => void move(x, 'done')}>
        {t('actionDone')}
      </button>
    );
  const openIt = (x: Task): JSX.Element => (
    <a class="button" href={'#/tasks/' + x.id}>
      {t('actionOpen')}
    </a>
  );
  const withComment = (x: Task): JSX.Element => (
    <>
      {approvalOf(x)?.comment && <q class="note">{approvalOf(x)?.comment}</q>}
      {openIt(x)}
    </>
  );
  const siteName = new Map((sites.data?.items ?? []).map((s) => [s.id, s.name]));
  return (
    <>
      <h1>{t('todayTitle')}</h1>
      <ErrorBox message={error ?? (tasks.error ? formErrors(tasks.error, t).general : undefined)} />
      {!tasks.data && !tasks.error && <p aria-live="polite">{t('loading')}</p>}
      <div class="grid">
        {section('todayDue', due, startOrDone, 'today-due')}
        {section('todayUrgent', urgent, startOrDone, 'today-urgent')}
        <TodayMeetings api={api} clients={byId} />
        <MailCallsToday tasks={all} clients={byId} />
        {section('todayRequests', requests, openIt, 'today-requests')}
        {section('todayChanges', changes, withComment, 'today-changes')}
        {section('todayApproved', approved, openIt, 'today-approved')}
        {section('todayWaitingClient', waitingClient, openIt, 'today-waiting-client')}
        <LivePromotions api={api} clients={byId} sites={sites.data?.items ?? []} />
        <section aria-labelledby="today-failed" class="card">
          <h2 id="today-failed">
            {t('todayFailed')} <span class="count">{failed.data?.items.length ?? 0}</span>
          </h2>
          {!failed.data?.items.length ? (
            <p class="muted">{t('todayAllDone')}</p>
          ) : (
            <ul class="rows">
              {failed.data.items.map((p) => (
                <li key={p.id}>
                  <span class="task-line">
                    <a href={'#/tasks/' + p.taskId}>{siteName.get(p.siteId) ?? p.siteId}</a>
                    <FailureReason error={p.lastError} />
                  </span>
                  <button type="button" onClick={() => void retry(p)}>
                    {t('actionRetry')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <MailHealthCard api={api} />
      </div>
    </>
  );
}
