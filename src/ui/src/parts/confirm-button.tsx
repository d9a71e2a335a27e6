import type { JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from './field.js';
import { formErrors } from './errors.js';

/**
 * A button for something that cannot be undone: it first asks, in the page (no browser
 * dialog), with the question focused for screen readers; the API's refusal shows right there.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  onConfirm: () => Promise<void>;
  /** What to say when the API refuses because the thing is still in use (409). */
  inUse?: string;
}): JSX.Element {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const question = useRef<HTMLParagraphElement>(null);
  // At once after the render (not after paint): the button that had the focus is gone, and a
  // quick Tab must continue from the question, not from the top of the page.
  useLayoutEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      setAsking(false);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409 && props.inUse
          ? props.inUse
          : formErrors(err, t).general,
      );
    } finally {
      setBusy(false);
    }
  };
  if (!asking)
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  return (
    <div class="confirm" role="group" aria-label={props.label}>
      <p ref={question} tabIndex={-1}>
        {props.question}
      </p>
      <ErrorBox message={error} />
      <div class="buttons">
        <button type="button" class="danger" disabled={busy} onClick={() => void confirm()}>
          {props.label}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
