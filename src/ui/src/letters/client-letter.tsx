import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { ClientTask } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors } from './letter-errors.js';
import { PdfView } from './pdf-view.js';
import { useWords } from './words.js';

/**
 * A letter waiting for the client on her private page: to whom it goes, the secretary's note,
 * the real PDF, and Approve / Ask for changes with a comment (as for a text's preview).
 */
export function ClientLetter({
  api,
  task,
  onDone,
}: {
  api: Api;
  task: ClientTask;
  onDone: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'reject'): Promise<void> => {
    if (decision === 'reject' && !comment.trim()) {
      setError(w('clientSayWhat'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/client/tasks/${task.id}/decision`, { decision, comment });
      setComment('');
      onDone();
    } catch (err) {
      setError(letterErrors(err, t, w).general);
    } finally {
      setBusy(false);
    }
  };
  const subject = task.letter?.subject ?? task.title;
  return (
    <article class="subcard decision" aria-label={subject}>
      <h3>{w('clientLetterTitle', { subject })}</h3>
      <p class="meta">
        {w('clientLetterTo', { name: task.letter?.recipient ?? '' })}
        {task.approval ? ` · ${w('clientVersion', { round: task.approval.round })}` : ''}
      </p>
      {task.approval?.note && (
        <p class="note-from">
          <strong>{w('clientNote')}:</strong> <span class="pre">{task.approval.note}</span>
        </p>
      )}
      <PdfView
        api={api}
        path={`/api/v1/client/tasks/${task.id}/pdf`}
        version={`${task.approval?.round ?? 0}-${task.updatedAt}`}
        fileName={w('clientPdfName')}
      />
      <ErrorBox message={error} />
      <Field label={w('clientComment')}>
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
          {w('clientApprove')}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')}>
          {w('clientAskChanges')}
        </button>
      </div>
    </article>
  );
}
