import type { JSX } from 'preact';
import type { Client, Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { AttachmentMark } from '../parts/attachment-mark.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The list row's second line for mail and calls (issue 24): who wrote or called, when (the
 * client's time), and a mark when the mail has attachments. Nothing for other kinds.
 */
export function MailCallMeta(props: {
  task: Task;
  clients: Map<string, Client>;
}): JSX.Element | null {
  const { dateTime } = useI18n();
  const { task } = props;
  if (task.kind !== 'mail' && task.kind !== 'call') return null;
  const d = task.details;
  const caller = text(d.caller);
  // A call's title usually names the caller already: then only the number is new.
  const who =
    task.kind === 'mail'
      ? text(d.from)
      : caller && !task.title.includes(caller)
        ? `${caller} (${text(d.number)})`
        : text(d.number);
  const when = text(task.kind === 'mail' ? d.receivedAt : d.at);
  const files = Array.isArray(d.attachments) ? d.attachments.length : 0;
  const zone = props.clients.get(task.clientId)?.timezone;
  return (
    <span class="meta">
      {who}
      {when ? ` · ${dateTime(when, zone)}` : ''}
      {files > 0 && (
        <>
          {' · '}
          <AttachmentMark count={files} />
        </>
      )}
    </span>
  );
}
