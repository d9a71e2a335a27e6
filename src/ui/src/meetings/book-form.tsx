import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { fromTask } from './prefill.js';
import { fieldsOf, isSlotTaken, meetingProblem } from './problems.js';
import { SlotPicker } from './slot-picker.js';
import type { BookInput, MeetingView, Rules } from './types.js';
import { useWords } from './words.js';

/** The zones this browser knows, for the person's zone field's suggestions. */
function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * Booking a meeting from a call or mail task: the next free times in the client's time, and
 * the title, person, contact, place and note filled in from the task. A time taken meanwhile
 * is said in words and the free times are read again.
 */
export function BookForm(props: {
  api: Api;
  task: Task;
  rules: Rules;
  onBooked: (meeting: MeetingView) => void;
  onClose: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const { w } = useWords();
  const prefill = fromTask(props.task);
  const [length, setLength] = useState(props.rules.lengths[0]!);
  const [start, setStart] = useState<string | undefined>();
  const [v, setV] = useState({
    title: props.task.title,
    name: prefill.name,
    email: prefill.email,
    contact: prefill.contact,
    placeId: props.rules.places[0]?.id ?? '',
    note: prefill.note,
    zone: '',
  });
  const [refresh, setRefresh] = useState(0);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof v) => (e: Event) => setV({ ...v, [key]: valueOf(e) });

  const book = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!start) {
      setGeneral(w('pickSlot'));
      return;
    }
    setBusy(true);
    setGeneral(undefined);
    setFields({});
    const body: BookInput = {
      start,
      lengthMinutes: length,
      placeId: v.placeId,
      ...(v.title.trim() ? { title: v.title.trim() } : {}),
      ...(v.name.trim()
        ? {
            person: {
              name: v.name.trim(),
              ...(v.email.trim() ? { email: v.email.trim() } : {}),
              ...(v.zone.trim() ? { timezone: v.zone.trim() } : {}),
            },
          }
        : {}),
      ...(v.contact.trim() ? { contact: v.contact.trim() } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
    };
    try {
      const answer = await props.api.send<{ meeting: MeetingView }>(
        'POST',
        `/api/v1/tasks/${props.task.id}/meeting`,
        body,
      );
      props.onBooked(answer.meeting);
    } catch (err) {
      if (isSlotTaken(err)) {
        // Someone (another tab, another secretary, the client) took it: show what is free now.
        setStart(undefined);
        setRefresh((n) => n + 1);
      }
      setFields(fieldsOf(err, w, t));
      setGeneral(meetingProblem(err, w, t, ['title', 'person', 'contact', 'note']).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={book} class="book-meeting" aria-label={w('bookTitle')}>
      <ErrorBox message={general} />
      {props.rules.lengths.length > 1 && (
        <Field label={w('length')}>
          {(p) => (
            <select
              {...p}
              name="length"
              value={String(length)}
              onChange={(e) => {
                setLength(Number(valueOf(e)));
                setStart(undefined);
              }}
            >
              {props.rules.lengths.map((n) => (
                <option key={n} value={String(n)}>
                  {w('minutes', { n })}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <SlotPicker
        api={props.api}
        clientId={props.task.clientId}
        lengthMinutes={length}
        chosen={start}
        onChoose={(s) => {
          setStart(s);
          setGeneral(undefined);
        }}
        refresh={refresh}
        personZone={v.zone.trim() || undefined}
      />
      <div class="row2">
        <Field label={w('meetingTitle')} error={fields.title}>
          {(p) => <input {...p} name="meetingTitle" value={v.title} onInput={set('title')} />}
        </Field>
        <Field label={w('place')} error={fields.placeId}>
          {(p) => (
            <select {...p} name="place" value={v.placeId} onChange={set('placeId')}>
              {props.rules.places.map((place) => (
                <option key={place.id} value={place.id}>
                  {place.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={w('person')} error={fields['person.name']}>
          {(p) => <input {...p} name="person" value={v.name} onInput={set('name')} />}
        </Field>
        <Field label={w('personEmail')} help={w('personEmailHelp')} error={fields['person.email']}>
          {(p) => (
            <input {...p} name="personEmail" type="email" value={v.email} onInput={set('email')} />
          )}
        </Field>
        <Field label={w('personZone')} help={w('personZoneHelp')} error={fields['person.timezone']}>
          {(p) => (
            <input
              {...p}
              name="personZone"
              list="meeting-zones"
              autoComplete="off"
              value={v.zone}
              onInput={set('zone')}
            />
          )}
        </Field>
        <datalist id="meeting-zones">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Field label={w('contact')} error={fields.contact}>
          {(p) => <input {...p} name="contact" value={v.contact} onInput={set('contact')} />}
        </Field>
      </div>
      <Field label={w('note')} error={fields.note}>
        {(p) => <textarea {...p} name="note" rows={2} value={v.note} onInput={set('note')} />}
      </Field>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {w('bookIt')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
