import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { formatTyped, parseTyped } from './zoned-time.js';

/**
 * A time of day typed as the app's language writes it (24-hour), for rows of times where a
 * labelled field with its help would be too much (a week of working hours). Chromium's own
 * time field follows the browser's locale: "07:00 AM" on a Czech screen (issue 14's reason
 * for DateTimeField). `value` is `HH:mm`; text that is not a time yet is passed on as typed,
 * so the form's own check says so.
 */
export function TimeInput(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}): JSX.Element {
  const { t, lang } = useI18n();
  const [typed, setTyped] = useState({ text: '', value: '\u0000', lang });
  const own = typed.value === props.value && typed.lang === lang;
  return (
    <input
      type="text"
      class="typed-time"
      inputMode="numeric"
      autocomplete="off"
      name={props.name}
      aria-label={props.label}
      placeholder={t('dtShapeTime')}
      value={own ? typed.text : formatTyped(props.value, 'time', lang)}
      onInput={(e) => {
        const text = e.currentTarget.value;
        const value = parseTyped(text, 'time') ?? text;
        setTyped({ text, value, lang });
        props.onChange(value);
      }}
    />
  );
}
