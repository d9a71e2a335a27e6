import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Mailbox } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { causeWords, fieldsOf, meetingProblem } from './problems.js';
import type { CalendarCheck, CalendarInput, CalendarView } from './types.js';
import { useWords, type W } from './words.js';

/** A mailbox of the client, to send the invitations from (what the form needs of one). */
export type MailboxChoice = Pick<Mailbox, 'id' | 'settings'>;

/** The check's answer in plain words: connected, or what is wrong and what to do. */
export function CheckResult({ check, w }: { check: CalendarCheck; w: W }): JSX.Element {
  if (check.ok)
    return (
      <p class="ok-box" role="status">
        {w('checkOk')}
      </p>
    );
  return (
    <p class="error-box" role="alert">
      {check.cause ? causeWords(check.cause.code, w) : w('cause.other')}
    </p>
  );
}

/**
 * Connecting the client's calendar: its CalDAV address, login name, password (write-only: it
 * goes to the secret store and is never shown again), which calendar, and the mailbox the
 * invitations go from. Saving checks the calendar at once and says the answer in words.
 */
export function CalendarForm(props: {
  api: Api;
  clientId: string;
  calendar: CalendarView | null;
  mailboxes: MailboxChoice[];
  onSaved: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const { w } = useWords();
  const known = props.calendar?.settings;
  const [v, setV] = useState({
    url: known?.url ?? '',
    username: known?.username ?? '',
    calendar: known?.calendar ?? '',
    mailboxId: props.calendar?.mailboxId ?? props.mailboxes[0]?.id ?? '',
  });
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [check, setCheck] = useState<CalendarCheck | undefined>();
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/clients/${props.clientId}/calendar`;
  const set = (key: keyof typeof v) => (e: Event) => setV({ ...v, [key]: valueOf(e) });

  const runCheck = async (): Promise<void> => {
    setCheck(await props.api.send<CalendarCheck>('POST', `${base}/check`));
  };
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setGeneral(undefined);
    setFields({});
    setCheck(undefined);
    try {
      const body: CalendarInput = {
        url: v.url.trim(),
        username: v.username.trim(),
        calendar: v.calendar.trim(),
        ...(v.mailboxId ? { mailboxId: v.mailboxId } : {}),
      };
      await props.api.send('PUT', base, body);
      if (password) {
        await props.api.send('PUT', `${base}/password`, { password });
        setPassword('');
      }
      props.onSaved();
      await runCheck();
    } catch (err) {
      setFields(fieldsOf(err, w, t));
      const problem = meetingProblem(err, w, t, ['url', 'username', 'calendar', 'password']);
      setGeneral(problem.fields.url || problem.fields.password ? undefined : problem.general);
    } finally {
      setBusy(false);
    }
  };
  const checkAgain = async (): Promise<void> => {
    setBusy(true);
    setGeneral(undefined);
    try {
      await runCheck();
    } catch (err) {
      setGeneral(meetingProblem(err, w, t).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={save} aria-label={w('calendarTitle')}>
      <p class="muted">{w('calendarIntro')}</p>
      <ErrorBox message={general} />
      <div class="row2">
        <Field label={w('calendarUrl')} help={w('calendarUrlHelp')} error={fields.url}>
          {(p) => (
            <input
              {...p}
              name="calendarUrl"
              type="url"
              required
              autoComplete="off"
              value={v.url}
              onInput={set('url')}
            />
          )}
        </Field>
        <Field label={w('calendarName')} help={w('calendarNameHelp')} error={fields.calendar}>
          {(p) => (
            <input
              {...p}
              name="calendarName"
              required
              value={v.calendar}
              onInput={set('calendar')}
            />
          )}
        </Field>
      </div>
      <div class="row2">
        <Field label={w('calendarUser')} error={fields.username}>
          {(p) => (
            <input
              {...p}
              name="calendarUser"
              required
              autoComplete="off"
              value={v.username}
              onInput={set('username')}
            />
          )}
        </Field>
        <Field
          label={w('calendarPassword')}
          help={known ? w('calendarPasswordKept') : w('calendarPasswordHelp')}
          error={fields.password}
        >
          {(p) => (
            <input
              {...p}
              name="calendarPassword"
              type="password"
              autoComplete="new-password"
              value={password}
              onInput={(e) => setPassword(valueOf(e))}
            />
          )}
        </Field>
      </div>
      <Field label={w('calendarMailbox')} help={w('calendarMailboxHelp')} error={fields.mailboxId}>
        {(p) => (
          <select {...p} name="calendarMailbox" value={v.mailboxId} onChange={set('mailboxId')}>
            <option value="">{w('calendarNoMailbox')}</option>
            {props.mailboxes.map((b) => (
              <option key={b.id} value={b.id}>
                {b.settings.address}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {w('calendarSave')}
        </button>
        {known && (
          <button type="button" disabled={busy} onClick={() => void checkAgain()}>
            {w('calendarCheck')}
          </button>
        )}
      </div>
      {busy && <p aria-live="polite">{w('checking')}</p>}
      {check && <CheckResult check={check} w={w} />}
    </form>
  );
}
