import type { JSX } from 'preact';
import { TextEditor } from '../editor/index.js';

/**
 * The text of a region being updated: the same editor as every other text (formatting as in a
 * word processor, or plain Markdown when she prefers it), loaded only when this screen opens.
 */
export function RegionTextField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  /** Markdown. */
  value: string;
  error?: string | undefined;
  onChange: (markdown: string) => void;
}): JSX.Element {
  return (
    <TextEditor
      label={label}
      name="regionText"
      rows={8}
      value={value}
      error={error}
      onChange={onChange}
    />
  );
}
