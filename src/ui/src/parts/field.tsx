import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid'?: boolean;
    'aria-describedby'?: string;
  }) => ComponentChildren;
}

/** A labelled control with its help text and the API's error for it right below. */
export function Field({ label, error, help, children }: FieldProps): JSX.Element {
  const id = useId();
  const describedBy = [help ? id + '-help' : '', error ? id + '-error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={'field' + (error ? ' field-error' : '')}>
      <label for={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {help && (
        <p class="help" id={id + '-help'}>
          {help}
        </p>
      )}
      {error && (
        <p class="error" id={id + '-error'} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A message box for an error that concerns no single field. */
export function ErrorBox({ message }: { message: string | undefined }): JSX.Element | null {
  if (!message) return null;
  return (
    <p class="error-box" role="alert">
      {message}
    </p>
  );
}

/** Text of an input event target. */
export function valueOf(e: Event): string {
  return (e.currentTarget as HTMLInputElement).value;
}
