import type { JSX } from 'preact';
import type { Client, Task } from '../api/types.js';
import { useI18n, type T } from '../i18n/i18n.js';
import { regionTaskTitle } from './region-words.js';

/**
 * The title in the user's language when it is the one the server made up (in English) for a
 * call, a mail or a publish task; a title someone typed is shown as typed.
 */
export function displayTitle(task: Task, t: T): string {
  const d = task.details;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  if (task.kind === 'call') {
    if (task.title === `Call from ${text(d.caller)}`)
      return t('titleCall', { caller: text(d.caller) });
    if (task.title === `Call from ${text(d.caller)} (call back)`)
      return t('titleCallBack', { caller: text(d.caller) });
  }
  if (task.kind === 'mail' && task.title === `Mail from ${text(d.from)}`)
    return t('titleMail', { from: text(d.from) });
  const region = regionTaskTitle(task, t);
  if (region) return region;
  if (task.kind === 'publish' && /^Publish to \d+ sites?$/.test(task.title))
    return t('titlePublish', { count: Array.isArray(d.siteIds) ? d.siteIds.length : 0 });
  const textTitle = /^Publish “(.*)”$/s.exec(task.title);
  if (task.kind === 'publish' && textTitle)
    return t('titlePublishText', { title: textTitle[1] ?? '' });
  if (task.source === 'client' && task.title.startsWith('Client request: '))
    return t('titleClientRequest', { text: task.title.slice('Client request: '.length) });
  return task.title;
}

/** A status as a coloured badge with its words (never colour alone). */
export function StatusBadge({ status }: { status: Task['status'] }): JSX.Element {
  const { t } = useI18n();
  return <span class={'badge badge-' + status}>{t(`status.${status}`)}</span>;
}

/** One task as a line: kind, title (plain text, never HTML), client, due time. */
export function TaskLine({
  task,
  clients,
  title,
}: {
  task: Task;
  clients: Map<string, Client>;
  /** The title when the screen knows better (a region update), else displayTitle's. */
  title?: string | undefined;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const client = clients.get(task.clientId);
  const overdue =
    task.dueAt !== null && task.dueAt < new Date().toISOString() && task.status !== 'done';
  return (
    <span class="task-line">
      <span class={'kind kind-' + task.kind}>{t(`kind.${task.kind}`)}</span>{' '}
      <a href={'#/tasks/' + task.id} class="task-title">
        {title ?? displayTitle(task, t)}
      </a>
      <span class="meta">
        {client?.name ?? ''}
        {task.dueAt && (
          <>
            {' · '}
            <span class={overdue ? 'overdue' : ''}>
              {dateTime(task.dueAt, client?.timezone)}
              {overdue ? ` (${t('overdue')})` : ''}
            </span>
          </>
        )}
        {task.priority === 'urgent' || task.priority === 'high'
          ? ` · ${t(`priority.${task.priority}`)}`
          : ''}
      </span>
    </span>
  );
}

/** Clients by id. */
export function clientMap(items: Client[] | undefined): Map<string, Client> {
  return new Map((items ?? []).map((c) => [c.id, c]));
}
