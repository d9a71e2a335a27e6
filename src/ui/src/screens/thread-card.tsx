import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { approvalOf, type Client, type Task, type Thread } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { StatusBadge } from '../parts/task-bits.js';
import { SendForApproval } from './send-approval.js';

/** Where a text stands with the client, in one sentence. */
export function ApprovalLine({
  task,
  client,
}: {
  task: Task;
  client?: Client;
}): JSX.Element | null {
  const { t, dateTime } = useI18n();
  const approval = approvalOf(task);
  if (!approval) return null;
  const values = { round: approval.round, client: client?.name ?? '' };
  return (
    <p class={'approval approval-' + approval.state}>
      {approval.state === 'waiting' &&
        t('approvalWaiting', { ...values, when: dateTime(approval.sentAt, client?.timezone) })}
      {approval.state === 'approved' && t('approvalApproved', values)}
      {approval.state === 'changes' && t('approvalChanges', values)}
      {approval.comment && <q class="note">{approval.comment}</q>}
    </p>
  );
}

// Statuses from which the secretary may publish the text herself (not while the client decides).
const publishable = ['open', 'in_progress', 'approved', 'failed', 'done'];

/** A publish task's place in its thread: the client's answer, revise, send again, publish. */
export function PublishThread({
  api,
  task,
  client,
  onChanged,
}: {
  api: Api;
  task: Task;
  client?: Client;
  onChanged: () => void;
}): JSX.Element | null {
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const itemId = task.contentItemId;
  const siteIds = Array.isArray(task.details.siteIds) ? (task.details.siteIds as string[]) : [];
  const requestId = task.details.requestTaskId;
  if (!itemId) return null;
  const publish = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', '/api/v1/publish', { contentItemId: itemId, siteIds });
      onChanged();
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="d-thread">
      <h2 id="d-thread">{t('threadTitle')}</h2>
      <ApprovalLine task={task} client={client} />
      <ErrorBox message={error} />
      <p class="links">
        <a href={`#/write/item/${itemId}`}>{t('reviseText')}</a>
        {typeof requestId === 'string' && <a href={'#/tasks/' + requestId}>{t('openRequest')}</a>}
      </p>
      {publishable.includes(task.status) && (
        <div class="buttons">
          <button type="button" class="primary" disabled={busy} onClick={() => void publish()}>
            {task.status === 'done' ? t('publishAgain') : t('publishNow')}
          </button>
        </div>
      )}
      {task.status !== 'scheduled' && (
        <SendForApproval
          api={api}
          save={() => Promise.resolve(itemId)}
          siteIds={siteIds}
          clientName={client?.name ?? ''}
          onSent={onChanged}
        />
      )}
    </section>
  );
}

/** A client's request and the text written for it: write it, or where it stands. */
export function RequestThread({ api, task }: { api: Api; task: Task }): JSX.Element {
  const { t } = useI18n();
  const itemId = task.contentItemId;
  const thread = useData<Thread>(
    api,
    itemId ? `/api/v1/content-items/${itemId}/thread` : undefined,
  );
  const publishing = thread.data?.task;
  return (
    <section class="card" aria-labelledby="d-thread">
      <h2 id="d-thread">{t('threadTitle')}</h2>
      {!itemId ? (
        task.status !== 'done' &&
        task.status !== 'cancelled' && (
          <a class="button primary" href={`#/write/request/${task.id}`}>
            {t('writeForRequest')}
          </a>
        )
      ) : (
        <>
          {publishing ? (
            <>
              <p>
                <StatusBadge status={publishing.status} />{' '}
                <a href={'#/tasks/' + publishing.id}>{t('openPublishing')}</a>
              </p>
              <ApprovalLine task={publishing} />
            </>
          ) : (
            <p>{t('textNotSentYet')}</p>
          )}
          <p class="links">
            <a href={`#/write/item/${itemId}`}>{t('openText')}</a>
          </p>
        </>
      )}
    </section>
  );
}
