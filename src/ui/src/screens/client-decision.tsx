import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { createApi } from '../api/client.js';
import type { ClientPreview, ClientTask } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ClientDecisionControls, useClientDecision } from '../parts/client-decision-form.js';
import { PreviewFrame } from './preview-frame.js';

type LinkApi = ReturnType<typeof createApi>;

/** What changed since the version she saw before: the title, lines gone and lines new. */
function Changes({ task }: { task: ClientTask }): JSX.Element | null {
  const { t } = useI18n();
  const changes = task.approval?.changes;
  if (!changes) return null;
  const nothing = !changes.title && !changes.added.length && !changes.removed.length;
  return (
    <div class="changes">
      <h4>{t('whatChanged', { round: (task.approval?.round ?? 2) - 1 })}</h4>
      {nothing ? (
        <p>{t('nothingChanged')}</p>
      ) : (
        <ul>
          {changes.title && (
            <li>{t('titleChanged', { from: changes.title.from, to: changes.title.to })}</li>
          )}
          {changes.removed.map((line, n) => (
            <li key={`r${n}`} class="removed">
              <del>{line}</del>
            </li>
          ))}
          {changes.added.map((line, n) => (
            <li key={`a${n}`} class="added">
              <ins>{line}</ins>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A text waiting for the client: which version, the secretary's note, what changed, the
 * styled preview as each chosen site will show it, and Approve / Ask for changes.
 */
export function ClientDecision({
  api,
  task,
  request,
  onDone,
}: {
  api: LinkApi;
  task: ClientTask;
  /** The request this text answers, in her words. */
  request?: string;
  onDone: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const decision = useClientDecision(
    api,
    task.id,
    { sayWhat: t('sayWhatToChange'), errorOf: (err) => formErrors(err, t, ['comment']).general },
    onDone,
  );
  const { setError } = decision;
  const [preview, setPreview] = useState<string | undefined>();
  // The preview is what she decides on: it is there without asking.
  useEffect(() => {
    api
      .send<ClientPreview>('POST', `/api/v1/client/tasks/${task.id}/preview`)
      .then((p) => setPreview(p.url))
      .catch((err: unknown) => setError(formErrors(err, t).general));
  }, [api, task.id, task.approval?.round]);
  const approval = task.approval;
  return (
    <article class="subcard decision" aria-label={task.contentTitle ?? task.title}>
      <h3>{task.contentTitle ?? task.title}</h3>
      <p class="meta">
        {approval ? t('versionN', { round: approval.round }) : ''}
        {request ? ` · ${t('forYourRequest')}: ` : ''}
        {request && <q>{request}</q>}
      </p>
      {approval?.note && (
        <p class="note-from">
          <strong>{t('noteFromSecretary')}:</strong> <span class="pre">{approval.note}</span>
        </p>
      )}
      <Changes task={task} />
      {preview && <PreviewFrame url={preview} forClient />}
      <ClientDecisionControls
        state={decision}
        labels={{ comment: t('comment'), approve: t('approve'), askForChanges: t('askForChanges') }}
      />
      {approval?.publishWhenApproved && <p class="muted">{t('approvePublishes')}</p>}
    </article>
  );
}
