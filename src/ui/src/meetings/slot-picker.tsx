import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox } from '../parts/field.js';
import { meetingProblem } from './problems.js';
import { browserZone, clock, dayLabel, localDate, validZone } from './time.js';
import type { SlotList } from './types.js';
import { useWords } from './words.js';

/** Props of the slot picker. */
export interface SlotPickerProps {
  api: Api;
  clientId: string;
  lengthMinutes: number | undefined;
  /** A meeting being moved: its own time does not count as busy. */
  meetingId?: string;
  chosen: string | undefined;
  onChoose: (start: string) => void;
  /** Raised to read the calendar again (after a slot was taken meanwhile). */
  refresh: number;
  /** The person's own zone, when known: their time is shown beside each slot instead of hers. */
  personZone?: string | undefined;
}

/**
 * The next free times, read now from the client's calendar, grouped by day on the client's
 * clock; the secretary's own time beside each when her zone differs. One is picked by a radio
 * button (a keyboard and a screen reader pick it like any choice).
 */
export function SlotPicker(props: SlotPickerProps): JSX.Element {
  const { t } = useI18n();
  const { w, lang } = useWords();
  const [from, setFrom] = useState<string | undefined>();
  const query = new URLSearchParams({ limit: '12' });
  if (props.lengthMinutes) query.set('lengthMinutes', String(props.lengthMinutes));
  if (props.meetingId) query.set('meetingId', props.meetingId);
  if (from) query.set('from', from);
  const list = useData<SlotList>(
    props.api,
    `/api/v1/clients/${props.clientId}/slots?${query.toString()}`,
  );
  const { reload } = list;
  useEffect(() => {
    if (props.refresh > 0) reload();
  }, [props.refresh, reload]);
  const data = list.data;
  // Beside the client's time: the person's when known, else the secretary's own.
  const other = props.personZone || browserZone();
  const otherKey = props.personZone ? 'theirTime' : 'yourTime';
  const days = new Map<string, SlotList['slots']>();
  for (const s of data?.slots ?? []) {
    const day = localDate(s.start, data!.timezone);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  const last = data?.slots.at(-1);
  return (
    <fieldset class="slot-picker">
      <legend>{data ? w('slotsIn', { zone: data.timezone }) : w('slotsTitle')}</legend>
      <ErrorBox message={list.error ? meetingProblem(list.error, w, t).general : undefined} />
      {!data && !list.error && <p aria-live="polite">{w('slotsLoading')}</p>}
      {data && data.slots.length === 0 && <p class="muted">{w('slotsNone')}</p>}
      {data &&
        [...days.entries()].map(([day, slots]) => (
          <div class="slot-day" key={day}>
            <p class="slot-day-name">{dayLabel(slots[0]!.start, data.timezone, lang)}</p>
            <div class="slots">
              {slots.map((s) => (
                <label class={'slot' + (props.chosen === s.start ? ' chosen' : '')} key={s.start}>
                  <input
                    type="radio"
                    name={`slot-${props.meetingId ?? 'new'}`}
                    value={s.start}
                    checked={props.chosen === s.start}
                    onChange={() => props.onChoose(s.start)}
                  />
                  {clock(s.start, data.timezone, lang)}–{clock(s.end, data.timezone, lang)}
                  {other !== data.timezone && validZone(other) && (
                    <span class="meta"> {w(otherKey, { time: clock(s.start, other, lang) })}</span>
                  )}
                </label>
              ))}
            </div>
          </div>
        ))}
      <div class="buttons">
        {from && (
          <button type="button" onClick={() => setFrom(undefined)}>
            {w('slotsFirst')}
          </button>
        )}
        {last && data && data.slots.length >= 12 && (
          <button
            type="button"
            onClick={() => setFrom(new Date(Date.parse(last.start) + 60_000).toISOString())}
          >
            {w('slotsLater')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
