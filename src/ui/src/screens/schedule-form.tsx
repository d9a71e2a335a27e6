import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { TextEditor } from '../editor/index.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { DateTimeField } from '../parts/date-time-field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ruleInWords, rruleDays, weekdayNames } from '../parts/rule-words.js';

/** A new weekly update: days, time (the client's), sites, and the text each run publishes. */
export function ScheduleForm(props: {
  api: Api;
  clients: Client[];
  sites: Site[];
  onAdded: () => void;
}): JSX.Element {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [v, setV] = useState({ clientId: '', name: '', time: '08:00', title: '', markdown: '' });
  const [days, setDays] = useState<string[]>(['MO']);
  const [picked, setPicked] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const clientId = v.clientId || props.clients[0]?.id || '';
  const client = props.clients.find((c) => c.id === clientId);
  const [hour, minute] = v.time.split(':');
  const rule = {
    kind: 'rrule' as const,
    expression: `FREQ=WEEKLY;BYDAY=${days.join(',')};BYHOUR=${Number(hour ?? 8)};BYMINUTE=${Number(minute ?? 0)}`,
  };
  const set = (key: keyof typeof v) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      await props.api.send('POST', '/api/v1/schedules', {
        clientId,
        name: v.name,
        rule,
        siteIds: picked,
        template: { title: v.title, slug: 'update-{{date}}', markdown: v.markdown },
      });
      setV({ ...v, name: '', title: '', markdown: '' });
      setErrors({ fields: {} });
      props.onAdded();
    } catch (err) {
      setErrors(formErrors(err, t, ['name', 'rule', 'siteIds', 'template']));
    }
  };
  const names = weekdayNames(lang);
  return (
    <details class="card">
      <summary>
        <h2>{t('addSchedule')}</h2>
      </summary>
      <form onSubmit={submit}>
        <ErrorBox message={errors.general} />
        <div class="row2">
          <Field label={t('client')}>
            {(p) => (
              <select {...p} value={clientId} onChange={set('clientId')}>
                {props.clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleName')} error={errors.fields.name}>
            {(p) => <input {...p} required value={v.name} onInput={set('name')} />}
          </Field>
        </div>
        <fieldset>
          <legend>{t('scheduleDays')}</legend>
          {rruleDays.map((d, i) => (
            <label key={d} class="check inline-check">
              <input
                type="checkbox"
                checked={days.includes(d)}
                onChange={(e) =>
                  setDays(
                    (e.currentTarget as HTMLInputElement).checked
                      ? rruleDays.filter((x) => x === d || days.includes(x))
                      : days.filter((x) => x !== d),
                  )
                }
              />{' '}
              {names[i]}
            </label>
          ))}
        </fieldset>
        <DateTimeField
          mode="time"
          label={t('scheduleTime')}
          name="time"
          required
          error={errors.fields.rule}
          value={v.time}
          onChange={(time) => setV({ ...v, time })}
        />
        {days.length > 0 && (
          <p class="rule">{ruleInWords(rule, client?.timezone ?? 'UTC', i18n)}</p>
        )}
        <fieldset>
          <legend>{t('targetSites')}</legend>
          {props.sites
            .filter((s) => s.clientId === clientId)
            .map((s) => (
              <label key={s.id} class="check">
                <input
                  type="checkbox"
                  checked={picked.includes(s.id)}
                  onChange={(e) =>
                    setPicked(
                      (e.currentTarget as HTMLInputElement).checked
                        ? [...picked, s.id]
                        : picked.filter((x) => x !== s.id),
                    )
                  }
                />{' '}
                {s.name}
              </label>
            ))}
          {errors.fields.siteIds && (
            <p class="error" role="alert">
              {errors.fields.siteIds}
            </p>
          )}
        </fieldset>
        <Field label={t('title')} help={t('templateHelp')} error={errors.fields.template}>
          {(p) => <input {...p} required value={v.title} onInput={set('title')} />}
        </Field>
        <TextEditor
          label={t('editorText')}
          rows={4}
          required
          value={v.markdown}
          onChange={(markdown) => setV((prev) => ({ ...prev, markdown }))}
        />
        <button type="submit" class="primary" disabled={days.length === 0}>
          {t('addScheduleSubmit')}
        </button>
      </form>
    </details>
  );
}
