import type { JSX } from 'preact';
import { taskStatuses, type Client, type HistoryEntry, type TaskStatus } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';

const isStatus = (v: unknown): v is TaskStatus =>
  typeof v === 'string' && (taskStatuses as readonly string[]).includes(v);

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
        .filter(
          ([k, v]) => k !== 'attachments' && k !== 'siteIds' && k !== 'contentItemId' && v !== '',
        )
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

/** The history as sentences: when, who (a client by name), what changed, the note. */
export function History({
  entries,
  client,
}: {
  entries: HistoryEntry[];
  client: Client | undefined;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const who = (actor: string): string =>
    actor.startsWith('client:') ? `${client?.name ?? ''} (${t('client').toLowerCase()})` : actor;
  return (
    <ol class="history">
      {entries.map((h) => {
        const changes = (h.changes && typeof h.changes === 'object' ? h.changes : {}) as Record<
          string,
          unknown
        >;
        const status = changes.status as { from?: unknown; to?: unknown } | undefined;
        const note = [changes.note, changes.comment].find(
          (v): v is string => typeof v === 'string' && v !== '',
        );
        const what =
          status && isStatus(status.from) && isStatus(status.to)
            ? t('historyStatus', { from: t(`status.${status.from}`), to: t(`status.${status.to}`) })
            : h.action === 'created'
              ? t('historyCreated')
              : h.action === 'updated'
                ? t('historyUpdated')
                : h.action;
        return (
          <li key={h.id}>
            <time dateTime={h.at}>{dateTime(h.at, client?.timezone)}</time> ·{' '}
            <strong>{who(h.actor)}</strong> · {what}
            {note && <q class="note">{note}</q>}
          </li>
        );
      })}
    </ol>
  );
}
