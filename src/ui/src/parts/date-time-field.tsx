import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { Field } from './field.js';
import { formatTyped, parseTyped, type TypedMode } from './zoned-time.js';

const EXAMPLE: Record<TypedMode, string> = {
  datetime: '2031-03-12T09:30',
  date: '2031-03-12',
  time: '09:30',
};

/**
 * A date and time (or a date, or a time) typed as the app's language writes it (issue 14):
 * Chromium's own date and time fields follow the browser's locale (month first, AM/PM),
 * not the app's. A plain text field with the format and an example below, read by
 * zoned-time.ts. `value` is `YYYY-MM-DDTHH:mm` / `YYYY-MM-DD` / `HH:mm` like the native
 * fields; text that is not a date yet is passed on as typed, so the form's own check says so.
 */
export function DateTimeField(props: {
  label: string;
  name?: string;
  mode?: TypedMode;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Said after the format, e.g. whose time it is. */
  help?: string;
  required?: boolean;
}): JSX.Element {
  const { t, lang } = useI18n();
  const mode = props.mode ?? 'datetime';
  // What she typed, and the value it gave: while the value is still that one, her text is
  // shown as typed; a value set from outside (a draft opened) or another language is shown
  // in the app's words. Derived while rendering, so no late effect overwrites her typing.
  const [typed, setTyped] = useState({ text: '', value: '\u0000', lang });
  const own = typed.value === props.value && typed.lang === lang;
  const text = own ? typed.text : formatTyped(props.value, mode, lang);
  const [wrong, setWrong] = useState(false);
  const example = formatTyped(EXAMPLE[mode], mode, lang);
  const hint = t(
    mode === 'date' ? 'dtHintDate' : mode === 'time' ? 'dtHintTime' : 'dtHintDateTime',
    { example },
  );
  const onInput = (e: Event): void => {
    const input = (e.currentTarget as HTMLInputElement).value;
    const value = input.trim() ? (parseTyped(input, mode) ?? input) : '';
    setTyped({ text: input, value, lang });
    setWrong(false);
    props.onChange(value);
  };
  const onBlur = (): void => {
    const parsed = parseTyped(text, mode);
    if (parsed) setTyped({ text: formatTyped(parsed, mode, lang), value: parsed, lang });
    else setWrong(text.trim() !== '');
  };
  const error = props.error ?? (wrong ? t('dtWrong', { example }) : undefined);
  return (
    <Field label={props.label} error={error} help={props.help ? `${hint} ${props.help}` : hint}>
      {(p) => (
        <input
          {...p}
          type="text"
          class={'typed-' + mode}
          name={props.name}
          value={text}
          required={props.required}
          autocomplete="off"
          spellcheck={false}
          placeholder={t(
            mode === 'date' ? 'dtShapeDate' : mode === 'time' ? 'dtShapeTime' : 'dtShapeDateTime',
          )}
          data-value={props.value}
          onInput={onInput}
          onBlur={onBlur}
          // Like the native field: reached by Tab, what is there is replaced by what she types.
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </Field>
  );
}
