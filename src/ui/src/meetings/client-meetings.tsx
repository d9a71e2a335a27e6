import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox } from '../parts/field.js';
import type { Mailbox } from '../api/types.js';
import { CalendarForm } from './calendar-form.js';
import { meetingProblem } from './problems.js';
import { RulesForm } from './rules-form.js';
import type { CalendarView, MeetingView, Rules } from './types.js';
import { span } from './time.js';
import { useWords } from './words.js';

/**
 * Folded calendar settings: open at first while no calendar is connected. Only the first
 * answer decides, so saving (which connects it) does not fold away the check's answer.
 */
function CalendarPart(props: {
  open: boolean;
  summary: string;
  children: ComponentChildren;
}): JSX.Element {
  const [open] = useState(props.open);
  return (
    <details class="add-site" open={open}>
      <summary>{props.summary}</summary>
      {props.children}
    </details>
  );
}

/** Props of the client's meetings part. */
export interface ClientMeetingsProps {
  api: Api;
  clientId: string;
  timezone: string;
}

/**
 * The Meetings part of a client's card (issue 19): the client's calendar (connect it, check it)
 * and meeting rules, folded so the card stays short on a phone, and the meetings coming up.
 */
export default function ClientMeetings({
  api,
  clientId,
  timezone,
}: ClientMeetingsProps): JSX.Element | null {
  const { t } = useI18n();
  const { w, lang } = useWords();
  const calendar = useData<{ calendar: CalendarView | null }>(
    api,
    `/api/v1/clients/${clientId}/calendar`,
  );
  const rules = useData<{ rules: Rules }>(api, `/api/v1/clients/${clientId}/meeting-rules`);
  const boxes = useData<{ items: Mailbox[] }>(api, '/api/v1/mailboxes');
  const upcoming = useData<{ meetings: MeetingView[] }>(
    api,
    `/api/v1/meetings?clientId=${encodeURIComponent(clientId)}&limit=5`,
  );
  // A server started without meetings has none to offer: the card says nothing of them.
  if (calendar.error instanceof ApiError && calendar.error.status === 503) return null;
  const error = calendar.error ?? rules.error;
  const mailboxes = (boxes.data?.items ?? []).filter(
    (b) => b.clientId === clientId && !b.archivedAt,
  );
  const connected = calendar.data?.calendar;
  const meetings = upcoming.data?.meetings ?? [];
  return (
    <div class="client-meetings">
      <h3>{w('partTitle')}</h3>
      <ErrorBox message={error ? meetingProblem(error, w, t).general : undefined} />
      {calendar.data && (
        <p class={connected ? '' : 'muted'}>
          {connected
            ? w('connectedTo', { calendar: connected.settings.calendar })
            : w('notConnected')}
        </p>
      )}
      {meetings.length > 0 && (
        <ul class="rows meeting-list">
          {meetings.map((m) => (
            <li key={m.id}>
              <span class="task-line">
                <a href={`#/tasks/${m.taskId}`}>{m.title}</a>
                <span class="meta">
                  {span(m, m.timezone, lang)} · {m.person.name}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {calendar.data && (boxes.data || boxes.error) && (
        <CalendarPart
          open={!connected}
          summary={connected ? w('calendarChange') : w('calendarConnect')}
        >
          <CalendarForm
            api={api}
            clientId={clientId}
            calendar={connected ?? null}
            mailboxes={mailboxes}
            onSaved={calendar.reload}
          />
        </CalendarPart>
      )}
      {rules.data && (
        <details class="add-site">
          <summary>{w('rulesTitle')}</summary>
          <RulesForm
            api={api}
            clientId={clientId}
            rules={rules.data.rules}
            timezone={timezone}
            onSaved={rules.reload}
          />
        </details>
      )}
    </div>
  );
}
