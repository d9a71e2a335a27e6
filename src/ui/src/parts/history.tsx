import type { JSX } from 'preact';
import type { Client, HistoryEntry } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { historyLines } from './history-sentences.js';

/** Labels of the detail fields of tasks. */
const detailLabels: Record<string, MessageKey> = {
  request: 'request',
  caller: 'caller',
  number: 'phone',
  message: 'message',
  callbackWanted: 'callbackWanted',
  from: 'mailFrom',
  subject: 'subject',
  body: 'body',
  at: 'when',
  receivedAt: 'when',
  siteId: 'site',
};

// Details that other parts of the task page show in words (files, sites, the thread).
const shownElsewhere = new Set([
  'attachments',
  'siteIds',
  'contentItemId',
  'requestTaskId',
  'approval',
]);

/** Whether a task has details the DetailList would show (a publish task's are all elsewhere). */
export function hasDetails(details: Record<string, unknown>): boolean {
  return Object.entries(details).some(([k, v]) => !shownElsewhere.has(k) && v !== '');
}

/** A task's details as labelled plain text (never HTML), dates in the client's time. */
export function DetailList({
  details,
  client,
}: {
  details: Record<string, unknown>;
  client: Client | undefined;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const show = (key: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if ((key === 'at' || key === 'receivedAt') && typeof v === 'string')
      return dateTime(v, client?.timezone);
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  return (
    <dl class="details">
      {Object.entries(details)
        .filter(([k, v]) => !shownElsewhere.has(k) && v !== '')
        .map(([k, v]) => {
          const label = detailLabels[k];
          return (
            <div key={k}>
              <dt>{label ? t(label) : k}</dt>
              <dd class="pre">{show(k, v)}</dd>
            </div>
          );
        })}
    </dl>
  );
}

/**
 * The history as sentences that name the site and the person, in the user's language (see
 * history-sentences.ts); identical lines in a row show once with a count. Times are the client's.
 */
export function History({
  entries,
  client,
  sites,
}: {
  entries: HistoryEntry[];
  client: Client | undefined;
  sites?: { id: string; name: string; kind: string }[];
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const lines = historyLines(
    entries,
    { client, sites, dateTime: (iso) => dateTime(iso, client?.timezone) },
    t,
  );
  return (
    <ol class="history">
      {lines.map((line) => (
        <li key={line.id}>
          <time dateTime={line.at}>{dateTime(line.at, client?.timezone)}</time> · {line.text}
        </li>
      ))}
    </ol>
  );
}
