import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { ErrorBox, Field, valueOf } from './field.js';

/** The client's decision on something waiting for her (a text's preview, a letter's PDF). */
export interface ClientDecisionState {
  comment: string;
  setComment(comment: string): void;
  error: string | undefined;
  setError(error: string | undefined): void;
  busy: boolean;
  decide(decision: 'approve' | 'reject'): Promise<void>;
}

/**
 * Approve or ask for changes on task `taskId` through her private link. Asking for changes
 * needs a comment (`sayWhat` is said otherwise); `errorOf` words a refusal for the screen.
 */
export function useClientDecision(
  api: Api,
  taskId: string,
  words: { sayWhat: string; errorOf: (error: unknown) => string | undefined },
  onDone: () => void,
): ClientDecisionState {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'reject'): Promise<void> => {
    if (decision === 'reject' && !comment.trim()) {
      setError(words.sayWhat);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/client/tasks/${taskId}/decision`, { decision, comment });
      setComment('');
      onDone();
    } catch (err) {
      setError(words.errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { comment, setComment, error, setError, busy, decide };
}

/** The error, the comment box and the two buttons under what she decides on. */
export function ClientDecisionControls({
  state,
  labels,
}: {
  state: ClientDecisionState;
  labels: { comment: string; approve: string; askForChanges: string };
}): JSX.Element {
  const { comment, setComment, error, busy, decide } = state;
  return (
    <>
      <ErrorBox message={error} />
      <Field label={labels.comment}>
        {(p) => (
          <textarea {...p} rows={2} value={comment} onInput={(e) => setComment(valueOf(e))} />
        )}
      </Field>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() => void decide('approve')}
        >
          {labels.approve}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')}>
          {labels.askForChanges}
        </button>
      </div>
    </>
  );
}
