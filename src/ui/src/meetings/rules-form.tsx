import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { fieldsOf, meetingProblem } from './problems.js';
import {
  WEEKDAYS,
  type Hours,
  type Place,
  type Rules,
  type RulesInput,
  type Weekday,
} from './types.js';
import { useWords } from './words.js';
import { TimeInput } from '../parts/time-input.js';

const STEPS = [5, 10, 15, 20, 30, 60] as const;

/** A place id the API accepts, made from its kind, unique among `taken`. */
function placeId(kind: Place['kind'], taken: Set<string>): string {
  let id: string = kind;
  for (let n = 2; taken.has(id); n++) id = `${kind}-${n}`;
  return id;
}

/** The lengths as she types them ("30, 60") → minutes; NaN for what is not a number. */
const parseLengths = (text: string): number[] =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((x) => Number(x));

/**
 * The client's meeting rules: working hours per weekday (the client's time), the meeting
 * lengths offered, the free time kept around meetings, how soon and how far ahead a meeting
 * may be booked, and the places (office, phone, video link).
 */
export function RulesForm(props: {
  api: Api;
  clientId: string;
  rules: Rules;
  timezone: string;
  onSaved: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const { w } = useWords();
  const [hours, setHours] = useState<Record<Weekday, Hours[]>>(props.rules.hours);
  const [lengths, setLengths] = useState(props.rules.lengths.join(', '));
  const [nums, setNums] = useState({
    bufferMinutes: String(props.rules.bufferMinutes),
    noticeHours: String(props.rules.noticeMinutes / 60),
    aheadDays: String(props.rules.aheadDays),
    stepMinutes: String(props.rules.stepMinutes),
  });
  const [places, setPlaces] = useState<Place[]>(props.rules.places);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  const setDay = (day: Weekday, first: Hours | undefined): void => {
    setSaved(false);
    setHours({ ...hours, [day]: first ? [first, ...hours[day].slice(1)] : [] });
  };
  const setPlace = (i: number, change: Partial<Place>): void => {
    setSaved(false);
    setPlaces(places.map((p, j) => (j === i ? { ...p, ...change } : p)));
  };
  const num = (key: keyof typeof nums) => (e: Event) => {
    setSaved(false);
    setNums({ ...nums, [key]: valueOf(e) });
  };
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setGeneral(undefined);
    setFields({});
    setSaved(false);
    const body: RulesInput = {
      hours,
      lengths: parseLengths(lengths),
      bufferMinutes: Number(nums.bufferMinutes),
      noticeMinutes: Math.round(Number(nums.noticeHours) * 60),
      aheadDays: Number(nums.aheadDays),
      stepMinutes: Number(nums.stepMinutes) as Rules['stepMinutes'],
      places: places.map((p) => ({
        id: p.id,
        kind: p.kind,
        label: p.label.trim(),
        ...(p.detail?.trim() ? { detail: p.detail.trim() } : {}),
      })),
    };
    try {
      await props.api.send('PUT', `/api/v1/clients/${props.clientId}/meeting-rules`, body);
      setSaved(true);
      props.onSaved();
    } catch (err) {
      const found = fieldsOf(err, w, t);
      setFields(found);
      setGeneral(Object.keys(found).length ? w('rulesFix') : meetingProblem(err, w, t).general);
    }
  };
  // The first wrong field below `prefix` (hours.mon.0.to → the Monday row).
  const errorAt = (prefix: string): string | undefined =>
    Object.entries(fields).find(([path]) => path === prefix || path.startsWith(prefix + '.'))?.[1];
  return (
    <form onSubmit={save} aria-label={w('rulesTitle')}>
      <p class="muted">{w('rulesIntro', { zone: props.timezone })}</p>
      <ErrorBox message={general} />
      <fieldset class="meeting-hours">
        <legend>{w('hoursTitle')}</legend>
        {WEEKDAYS.map((day) => {
          const first = hours[day][0];
          const error = errorAt(`hours.${day}`);
          return (
            <div class="meeting-day" key={day}>
              <label class="inline-check">
                <input
                  type="checkbox"
                  name={`works-${day}`}
                  checked={!!first}
                  onChange={(e) =>
                    setDay(
                      day,
                      (e.currentTarget as HTMLInputElement).checked
                        ? { from: '09:00', to: '17:00' }
                        : undefined,
                    )
                  }
                />{' '}
                {w(`day.${day}`)}
              </label>
              {first ? (
                <span class="meeting-span">
                  <TimeInput
                    name={`from-${day}`}
                    label={w('hoursFrom', { day: w(`day.${day}`) })}
                    value={first.from}
                    onChange={(from) => setDay(day, { ...first, from })}
                  />
                  –
                  <TimeInput
                    name={`to-${day}`}
                    label={w('hoursTo', { day: w(`day.${day}`) })}
                    value={first.to}
                    onChange={(to) => setDay(day, { ...first, to })}
                  />
                </span>
              ) : (
                <span class="muted">{w('dayOff')}</span>
              )}
              {error && (
                <p class="error" role="alert">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      <div class="row2">
        <Field label={w('lengths')} help={w('lengthsHelp')} error={errorAt('lengths')}>
          {(p) => (
            <input
              {...p}
              name="lengths"
              inputMode="numeric"
              value={lengths}
              onInput={(e) => {
                setSaved(false);
                setLengths(valueOf(e));
              }}
            />
          )}
        </Field>
        <Field label={w('buffer')} help={w('bufferHelp')} error={errorAt('bufferMinutes')}>
          {(p) => (
            <input
              {...p}
              name="buffer"
              type="number"
              min={0}
              max={240}
              value={nums.bufferMinutes}
              onInput={num('bufferMinutes')}
            />
          )}
        </Field>
        <Field label={w('notice')} help={w('noticeHelp')} error={errorAt('noticeMinutes')}>
          {(p) => (
            <input
              {...p}
              name="notice"
              type="number"
              min={0}
              step="0.5"
              value={nums.noticeHours}
              onInput={num('noticeHours')}
            />
          )}
        </Field>
        <Field label={w('ahead')} help={w('aheadHelp')} error={errorAt('aheadDays')}>
          {(p) => (
            <input
              {...p}
              name="ahead"
              type="number"
              min={1}
              max={365}
              value={nums.aheadDays}
              onInput={num('aheadDays')}
            />
          )}
        </Field>
        <Field label={w('step')} error={errorAt('stepMinutes')}>
          {(p) => (
            <select {...p} name="step" value={nums.stepMinutes} onChange={num('stepMinutes')}>
              {STEPS.map((s) => (
                <option key={s} value={String(s)}>
                  {w('stepEvery', { n: s })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>{w('placesTitle')}</legend>
        {places.map((p, i) => (
          <div class="row3 meeting-place" key={p.id}>
            <Field label={w('placeKind')}>
              {(a) => (
                <select
                  {...a}
                  name={`place-kind-${i}`}
                  value={p.kind}
                  onChange={(e) => setPlace(i, { kind: valueOf(e) as Place['kind'] })}
                >
                  <option value="office">{w('kind.office')}</option>
                  <option value="phone">{w('kind.phone')}</option>
                  <option value="video">{w('kind.video')}</option>
                </select>
              )}
            </Field>
            <Field label={w('placeLabel')} error={errorAt(`places.${i}.label`)}>
              {(a) => (
                <input
                  {...a}
                  name={`place-label-${i}`}
                  required
                  value={p.label}
                  onInput={(e) => setPlace(i, { label: valueOf(e) })}
                />
              )}
            </Field>
            <Field
              label={w('placeDetail')}
              help={w(`detailHelp.${p.kind}`)}
              error={errorAt(`places.${i}.detail`)}
            >
              {(a) => (
                <input
                  {...a}
                  name={`place-detail-${i}`}
                  value={p.detail ?? ''}
                  onInput={(e) => setPlace(i, { detail: valueOf(e) })}
                />
              )}
            </Field>
            {places.length > 1 && (
              <button
                type="button"
                class="place-remove"
                onClick={() => {
                  setSaved(false);
                  setPlaces(places.filter((_, j) => j !== i));
                }}
              >
                {w('placeRemove')}
              </button>
            )}
          </div>
        ))}
        {places.length < 10 && (
          <button
            type="button"
            onClick={() => {
              setSaved(false);
              setPlaces([
                ...places,
                {
                  id: placeId('phone', new Set(places.map((p) => p.id))),
                  kind: 'phone',
                  label: '',
                },
              ]);
            }}
          >
            {w('placeAdd')}
          </button>
        )}
      </fieldset>
      <div class="buttons">
        <button type="submit" class="primary">
          {w('rulesSave')}
        </button>
      </div>
      {saved && (
        <p class="ok" role="status">
          {w('rulesSaved')}
        </p>
      )}
    </form>
  );
}
