import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox } from '../parts/field.js';
import { BookForm } from './book-form.js';
import { MeetingCard } from './meeting-card.js';
import { meetingProblem } from './problems.js';
import { span } from './time.js';
import type { CalendarView, MeetingView, Rules } from './types.js';
import { useWords } from './words.js';

/** Props of a task's meeting part. */
export interface TaskMeetingProps {
  api: Api;
  task: Task;
  /** Open the booking form at once (the task list's "Book a meeting"). */
  book?: boolean;
}

// While the outbox writes the event and mails the person, the part looks again this often.
const WATCH_MS = 1_500;

/**
 * The Meeting part of a call or mail task (issue 19): "Book a meeting" with the client's free
 * times, then the booked meeting with where it got to (calendar, invitation), move and cancel.
 */
export default function TaskMeeting({ api, task, book }: TaskMeetingProps): JSX.Element | null {
  const { t } = useI18n();
  const { w, lang } = useWords();
  const current = useData<{ meeting: MeetingView | null }>(api, `/api/v1/tasks/${task.id}/meeting`);
  const calendar = useData<{ calendar: CalendarView | null }>(
    api,
    `/api/v1/clients/${task.clientId}/calendar`,
  );
  const [booking, setBooking] = useState(book === true);
  const rules = useData<{ rules: Rules }>(
    api,
    booking ? `/api/v1/clients/${task.clientId}/meeting-rules` : undefined,
  );
  const [shown, setShown] = useState<MeetingView | undefined>();
  const meeting = shown ?? current.data?.meeting ?? undefined;
  const { reload } = current;
  // A fresh answer replaces what the last booking, move or cancel answered.
  useEffect(() => setShown(undefined), [current.data]);
  const writing = meeting && (meeting.sync.state === 'pending' || meeting.sync.state === 'working');
  useEffect(() => {
    if (!writing) return;
    const timer = setTimeout(reload, WATCH_MS);
    return () => clearTimeout(timer);
  }, [writing, current.data, reload]);
  if (current.error instanceof ApiError && current.error.status === 503) return null;
  const noCalendar = calendar.data && calendar.data.calendar === null;
  const booked = meeting?.state === 'booked' ? meeting : undefined;
  const changed = (m: MeetingView): void => {
    setShown(m);
    setBooking(false);
    reload();
  };
  return (
    <section class="card" aria-labelledby="task-meeting">
      <h2 id="task-meeting">{w('taskTitle')}</h2>
      <ErrorBox message={current.error ? meetingProblem(current.error, w, t).general : undefined} />
      {booked && <MeetingCard api={api} meeting={booked} onChanged={changed} />}
      {meeting?.state === 'cancelled' && (
        <p class="meta" role="status">
          {w('wasCancelledOn', { when: span(meeting, meeting.timezone, lang) })}{' '}
          {meeting.sync.state === 'done'
            ? ''
            : w(meeting.sync.state === 'failed' ? 'sync.failed' : 'sync.removing')}
        </p>
      )}
      {!booked && noCalendar && (
        <p class="muted">
          {w('noCalendar')} <a href="#/clients">{w('toClients')}</a>
        </p>
      )}
      {!booked && !noCalendar && current.data && !booking && (
        <button type="button" class="primary" onClick={() => setBooking(true)}>
          {w('book')}
        </button>
      )}
      {!booked && booking && rules.error && (
        <ErrorBox message={meetingProblem(rules.error, w, t).general} />
      )}
      {!booked && booking && rules.data && (
        <BookForm
          api={api}
          task={task}
          rules={rules.data.rules}
          onBooked={changed}
          onClose={() => setBooking(false)}
        />
      )}
    </section>
  );
}
