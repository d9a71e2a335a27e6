import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import type { ClientTask } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ClientDecisionControls, useClientDecision } from '../parts/client-decision-form.js';
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
  const decision = useClientDecision(
    api,
    task.id,
    { sayWhat: w('clientSayWhat'), errorOf: (err) => letterErrors(err, t, w).general },
    onDone,
  );
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
      <ClientDecisionControls
        state={decision}
        labels={{
          comment: w('clientComment'),
          approve: w('clientApprove'),
          askForChanges: w('clientAskChanges'),
        }}
      />
    </article>
  );
}
