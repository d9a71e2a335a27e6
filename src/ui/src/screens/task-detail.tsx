import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import {
  transitions,
  type Client,
  type Page,
  type Site,
  type TaskStatus,
  type TaskWithHistory,
} from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { DetailList, hasDetails, History } from '../parts/history.js';
import { regionTaskTitle, type TextKind } from '../parts/region-words.js';
import { displayTitle, StatusBadge } from '../parts/task-bits.js';
import { MailCallDetails } from './mail-call-details.js';
import { TaskMeeting } from '../meetings/index.js';
import { TaskEdit } from './task-edit.js';
import { TaskPreview } from './preview-frame.js';
import { Progress } from './progress.js';
import { filesOf, RequestFiles } from '../parts/request-files.js';
import { RegionAgain } from './region-row.js';
import { PublishThread, RequestThread } from './thread-card.js';

/** One task: its details, the allowed moves, its history. */
export function TaskDetail({
  api,
  id,
  bookMeeting,
}: {
  api: Api;
  id: string;
  /** Opens the booking form of the task's meeting at once (`#/tasks/ID/meeting`). */
  bookMeeting?: boolean;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const task = useData<TaskWithHistory>(api, `/api/v1/tasks/${id}`);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  useLive(api, (e) => {
    if (JSON.stringify(e.data).includes(id)) task.reload();
  });
  const sites = useData<Page<Site>>(
    api,
    task.data ? `/api/v1/sites?clientId=${task.data.task.clientId}` : undefined,
  );
  const client = useData<Client>(
    api,
    task.data ? `/api/v1/clients/${task.data.task.clientId}` : undefined,
  );
  // A region update is titled by its regions and sites (its text is of kind `region`).
  const text = useData<TextKind & { regionIds?: string[] }>(
    api,
    task.data?.task.kind === 'publish' && task.data.task.contentItemId
      ? `/api/v1/content-items/${task.data.task.contentItemId}`
      : undefined,
  );
  if (task.error) return <ErrorBox message={formErrors(task.error, t).general} />;
  if (!task.data) return <p>{t('loading')}</p>;
  const x = task.data.task;
  const { history, publications } = task.data;
  const tz = client.data?.timezone;
  const move = async (to: TaskStatus): Promise<void> => {
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/tasks/${x.id}/status`, {
        to,
        expectedVersion: x.version,
        ...(note.trim() ? { note } : {}),
      });
      setNote('');
    } catch (err) {
      setError(formErrors(err, t).general);
    }
    task.reload();
  };
  const attachments = filesOf(x.details);
  // A region update is changed again on its own screen, not in the editor of posts.
  const region = text.data?.kind === 'region' ? (text.data.regionIds?.[0] ?? '') : undefined;
  // A request or a text goes to the client through the thread (with a preview), not a bare status.
  const moves = transitions[x.status].filter(
    (to) => to !== 'waiting_client' || (x.kind !== 'site-edit' && x.kind !== 'publish'),
  );
  return (
    <>
      <p>
        <a href="#/tasks">← {t('tasksTitle')}</a>
      </p>
      <h1>
        <span class="kind">{t(`kind.${x.kind}`)}</span>{' '}
        {regionTaskTitle(
          x,
          t,
          text.data,
          new Map((sites.data?.items ?? []).map((s) => [s.id, s.name])),
        ) ?? displayTitle(x, t)}
      </h1>
      <p>
        <StatusBadge status={x.status} /> {client.data?.name ?? ''} · {t(`priority.${x.priority}`)}
        {x.dueAt ? ` · ${t('due')}: ${dateTime(x.dueAt, tz)}` : ''}
      </p>
      {/* A letter's details are shown, and changed, on its own screen (the link below). */}
      {x.kind !== 'letter' &&
        (x.kind === 'mail' ||
          x.kind === 'call' ||
          hasDetails(x.details) ||
          attachments.length > 0) && (
          <section class="card" aria-labelledby="d-details">
            <h2 id="d-details">{t('details')}</h2>
            {x.kind === 'mail' || x.kind === 'call' ? (
              <MailCallDetails api={api} task={x} client={client.data} onChanged={task.reload} />
            ) : (
              <DetailList details={x.details} client={client.data} />
            )}
            {/* A mail shows its files under its text (mail-call-details.tsx), not after the reply box. */}
            {attachments.length > 0 && x.kind !== 'mail' && (
              <>
                <h3>{t('attachments')}</h3>
                <RequestFiles files={attachments} />
              </>
            )}
          </section>
        )}
      {(x.kind === 'mail' || x.kind === 'call' || x.kind === 'letter') && (
        <p class="buttons">
          <a
            class="button"
            href={
              x.kind === 'letter'
                ? `#/letters/${x.clientId}/l/${x.id}`
                : `#/letters/${x.clientId}/new/${x.id}`
            }
          >
            {t(x.kind === 'letter' ? 'ltrOpen' : 'ltrWrite')}
          </a>
        </p>
      )}
      {(x.kind === 'call' || x.kind === 'mail') && (
        <TaskMeeting key={x.id} api={api} task={x} book={bookMeeting === true} />
      )}
      {x.kind === 'site-edit' && <RequestThread api={api} task={x} />}
      {x.kind === 'publish' && region === undefined && (
        <PublishThread api={api} task={x} client={client.data} onChanged={task.reload} />
      )}
      {region !== undefined && <RegionAgain regionId={region} />}
      {client.data && (
        <TaskEdit key={x.id} api={api} task={x} zone={client.data.timezone} onSaved={task.reload} />
      )}
      {x.kind === 'publish' && region === undefined && <TaskPreview api={api} task={x} />}
      {moves.length > 0 && (
        <section class="card" aria-labelledby="d-move">
          <h2 id="d-move">{t('moveTo')}</h2>
          <ErrorBox message={error} />
          <Field label={t('note')}>
            {(p) => <input {...p} value={note} onInput={(e) => setNote(valueOf(e))} />}
          </Field>
          <div class="buttons">
            {moves.map((to) => (
              <button type="button" key={to} onClick={() => void move(to)}>
                {t(`status.${to}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      {publications.length > 0 && (
        // The same live per-site lines as after publishing: site, state, live page, retry.
        <Progress
          api={api}
          taskId={x.id}
          sites={sites.data?.items ?? []}
          focus={false}
          title={t('publications')}
        />
      )}
      <section class="card" aria-labelledby="d-history">
        <h2 id="d-history">{t('history')}</h2>
        <History entries={history} client={client.data} sites={sites.data?.items} />
      </section>
    </>
  );
}
