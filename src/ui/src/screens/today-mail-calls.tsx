import type { JSX } from 'preact';
import type { Client, Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { displayTitle } from '../parts/task-bits.js';
import { AttachmentMark } from '../parts/attachment-mark.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
const active = (x: Task): boolean => x.status === 'open' || x.status === 'in_progress';

/** New mail: mail tasks nobody has started yet. */
export const isNewMail = (x: Task): boolean => x.kind === 'mail' && x.status === 'open';
/** Calls to return: the caller asked to be called back and the task is not finished. */
export const isCallBack = (x: Task): boolean =>
  x.kind === 'call' && active(x) && x.details.callbackWanted === true;
/** Messages to pass on: a message was taken and has not reached the client yet. */
export const isPassOn = (x: Task): boolean =>
  x.kind === 'call' &&
  active(x) &&
  record(x.details.decision)?.action === 'take-message' &&
  record(x.details.delivery)?.state !== 'sent';

/** Urgent mail whose forward to the client has not gone out (the outbox is retrying, or it failed). */
export const isForwardStuck = (x: Task): boolean =>
  x.kind === 'mail' && ['retrying', 'failed'].includes(text(record(x.details.urgent)?.state));

/** Who and when of a mail or call task, in the client's time. */
function WhoWhen({ task, client }: { task: Task; client: Client | undefined }): JSX.Element {
  const { t, dateTime } = useI18n();
  const d = task.details;
  const who = task.kind === 'mail' ? text(d.from) : `${text(d.caller)} (${text(d.number)})`;
  const when = text(task.kind === 'mail' ? d.receivedAt : d.at);
  const files = Array.isArray(d.attachments) ? d.attachments.length : 0;
  return (
    <span class="task-line">
      <a href={'#/tasks/' + task.id} class="task-title">
        {displayTitle(task, t)}
      </a>
      <span class="meta">
        {t('todayFromAt', { from: who, at: when ? dateTime(when, client?.timezone) : '' })}
        {files > 0 && (
          <>
            {' · '}
            <AttachmentMark count={files} />
          </>
        )}
      </span>
    </span>
  );
}

function Section(props: {
  id: string;
  title: MessageKey;
  empty: MessageKey;
  list: Task[];
  clients: Map<string, Client>;
}): JSX.Element {
  const { t } = useI18n();
  // Per client, in the order the clients first appear (the list is newest first).
  const groups = new Map<string, Task[]>();
  for (const x of props.list) groups.set(x.clientId, [...(groups.get(x.clientId) ?? []), x]);
  return (
    <section aria-labelledby={props.id} class="card">
      <h2 id={props.id}>
        {t(props.title)} <span class="count">{props.list.length}</span>
      </h2>
      {props.list.length === 0 ? (
        <p class="muted">{t(props.empty)}</p>
      ) : (
        [...groups].map(([clientId, tasks]) => (
          <div key={clientId} class="client-group">
            <h3>{props.clients.get(clientId)?.name ?? ''}</h3>
            <ul class="rows">
              {tasks.map((x) => (
                <li key={x.id}>
                  <WhoWhen task={x} client={props.clients.get(clientId)} />
                  <a class="button" href={'#/tasks/' + x.id}>
                    {t('actionOpen')}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

/** Today's mail and calls per client (issue 24): forwards not gone out, new mail, calls to return, messages to pass on. */
export function MailCallsToday({
  tasks,
  clients,
}: {
  tasks: Task[];
  clients: Map<string, Client>;
}): JSX.Element {
  const newest = [...tasks].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const stuck = newest.filter(isForwardStuck);
  return (
    <>
      {stuck.length > 0 && (
        <Section
          id="today-forwards"
          title="todayForwardsWaiting"
          empty="todayNothingMail"
          list={stuck}
          clients={clients}
        />
      )}
      <Section
        id="today-new-mail"
        title="todayNewMail"
        empty="todayNothingMail"
        list={newest.filter(isNewMail)}
        clients={clients}
      />
      <Section
        id="today-calls-back"
        title="todayCallsBack"
        empty="todayNothingCalls"
        list={newest.filter(isCallBack)}
        clients={clients}
      />
      <Section
        id="today-pass-on"
        title="todayPassOn"
        empty="todayNothingPassOn"
        list={newest.filter(isPassOn)}
        clients={clients}
      />
    </>
  );
}
