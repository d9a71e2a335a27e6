import type { JSX } from 'preact';
import { Field, valueOf } from './field.js';

/**
 * The text of a region being updated. A plain Markdown textarea for now; kept on its own so the
 * rich editor component (being built beside this) can take its place with the same props.
 */
export function RegionTextField({
  label,
  help,
  value,
  error,
  onChange,
}: {
  label: string;
  help?: string;
  /** Markdown. */
  value: string;
  error?: string | undefined;
  onChange: (markdown: string) => void;
}): JSX.Element {
  return (
    <Field label={label} help={help} error={error}>
      {(p) => (
        <textarea
          {...p}
          name="regionText"
          rows={8}
          value={value}
          onInput={(e) => onChange(valueOf(e))}
        />
      )}
    </Field>
  );
}
