import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { ErrorBox } from '../parts/field.js';
import { isSlotTaken, meetingProblem } from './problems.js';
import { SlotPicker } from './slot-picker.js';
import { browserZone, clock, span } from './time.js';
import type { MeetingView } from './types.js';
import { useWords, type W } from './words.js';

/** Where the meeting's event and the person's mail got to, in a sentence. */
export function syncWords(m: MeetingView, w: W): { text: string; failed: boolean } {
  const cancelled = m.state === 'cancelled';
  const email = m.person.email;
  if (m.sync.state === 'done') {
    if (cancelled)
      return { text: email ? w('sync.removedTold', { email }) : w('sync.removed'), failed: false };
    return { text: email ? w('sync.doneInvited', { email }) : w('sync.done'), failed: false };
  }
  if (m.sync.state === 'failed') return { text: w('sync.failed'), failed: true };
  if (m.sync.attempts > 0) return { text: w('sync.retrying'), failed: true };
  return { text: cancelled ? w('sync.removing') : w('sync.writing'), failed: false };
}

/**
 * A booked meeting on its task: when (the client's time, and hers when it differs), with whom,
 * where, whether it is in the calendar and the person was invited; moving it to another free
 * time or cancelling it.
 */
export function MeetingCard(props: {
  api: Api;
  meeting: MeetingView;
  onChanged: (meeting: MeetingView) => void;
}): JSX.Element {
  const { t } = useI18n();
  const { w, lang } = useWords();
  const m = props.meeting;
  const [moving, setMoving] = useState(false);
  const [to, setTo] = useState<string | undefined>();
  const [refresh, setRefresh] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const mine = browserZone();
  const sync = syncWords(m, w);
  const move = async (): Promise<void> => {
    if (!to) return setError(w('pickSlot'));
    setBusy(true);
    setError(undefined);
    try {
      const answer = await props.api.send<{ meeting: MeetingView }>(
        'POST',
        `/api/v1/meetings/${m.id}/move`,
        { start: to },
      );
      setMoving(false);
      setTo(undefined);
      props.onChanged(answer.meeting);
    } catch (err) {
      if (isSlotTaken(err)) {
        setTo(undefined);
        setRefresh((n) => n + 1);
      }
      setError(meetingProblem(err, w, t).general);
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (): Promise<void> => {
    const answer = await props.api.send<{ meeting: MeetingView }>(
      'POST',
      `/api/v1/meetings/${m.id}/cancel`,
    );
    props.onChanged(answer.meeting);
  };
  return (
    <div class="meeting-card">
      <p class="meeting-when">
        <strong>{span(m, m.timezone, lang)}</strong>{' '}
        <span class="meta">
          {w('clientTime', { zone: m.timezone })}
          {m.person.timezone && m.person.timezone !== m.timezone
            ? ` · ${w('theirTime', { time: clock(m.start, m.person.timezone, lang) })}`
            : mine !== m.timezone
              ? ` · ${w('yourTime', { time: clock(m.start, mine, lang) })}`
              : ''}
        </span>
      </p>
      <p>
        {m.title} · {w('with', { person: m.person.name })}
        {m.contact ? ` · ${m.contact}` : ''}
        {m.location ? ` · ${m.location}` : ''}
      </p>
      <p class={sync.failed ? 'failure' : 'meta'} role="status">
        {sync.text}
      </p>
      <ErrorBox message={error} />
      {moving ? (
        <div class="move-meeting">
          <SlotPicker
            api={props.api}
            clientId={m.clientId}
            lengthMinutes={(Date.parse(m.end) - Date.parse(m.start)) / 60_000}
            meetingId={m.id}
            chosen={to}
            onChoose={(s) => {
              setTo(s);
              setError(undefined);
            }}
            refresh={refresh}
          />
          <div class="buttons">
            <button type="button" class="primary" disabled={busy} onClick={() => void move()}>
              {w('moveIt')}
            </button>
            <button type="button" onClick={() => setMoving(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="buttons">
          <button type="button" onClick={() => setMoving(true)}>
            {w('move')}
          </button>
          <ConfirmButton
            label={w('cancelMeeting')}
            question={w(m.person.email ? 'cancelAskTold' : 'cancelAsk', {
              email: m.person.email ?? '',
            })}
            onConfirm={cancel}
          />
        </div>
      )}
    </div>
  );
}
