import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox, Field } from '../parts/field.js';

/** A git conflict: the file on the site and what sitedesk would write. */
type Conflict = Answer<'/api/v1/publications/{id}/conflict', 'get'>;

/** The lines of `text`, each marked when the other version does not have it. */
function Version(props: { text: string; other: string; label: string; id: string }) {
  const others = new Set(props.other.split('\n'));
  return (
    <figure class="conflict-side" aria-labelledby={props.id}>
      <figcaption id={props.id}>{props.label}</figcaption>
      <pre class="conflict-text">
        {props.text.split('\n').map((line, i) => (
          <span key={i} class={others.has(line) ? undefined : 'differs'}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}

/**
 * Someone else changed this page on the site where sitedesk changed it too (issue 17): both
 * versions side by side, the lines that differ marked, and her choice — keep theirs, use
 * ours, or edit — after which the publication goes out again.
 */
export function ConflictChoice({
  api,
  publicationId,
  onDecided,
}: {
  api: Api;
  publicationId: string;
  onDecided: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<{ text?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const conflict = useData<Conflict>(
    api,
    open ? `/api/v1/publications/${publicationId}/conflict` : undefined,
  );
  const decide = (body: Record<string, string>): void => {
    if (!conflict.data) return;
    setBusy(true);
    setProblem({});
    api
      .send('POST', `/api/v1/publications/${publicationId}/conflict`, {
        ...body,
        version: conflict.data.version,
      })
      .then(
        () => {
          setOpen(false);
          setEditing(undefined);
          onDecided();
        },
        (error: unknown) => {
          const errors = formErrors(error, t, ['text']);
          setProblem({ text: errors.fields.text, general: errors.general });
          conflict.reload();
        },
      )
      .finally(() => setBusy(false));
  };
  if (!open)
    return (
      <button type="button" class="primary" onClick={() => setOpen(true)}>
        {t('conflictCompare')}
      </button>
    );
  const c = conflict.data;
  return (
    <div class="git-conflict" role="group" aria-label={t('conflictTitle')}>
      <p>{t('conflictExplain')}</p>
      {conflict.error !== undefined && <p class="error">{t('conflictGone')}</p>}
      {c && editing === undefined && (
        <>
          <div class="conflict-pair">
            <Version
              id={`theirs-${publicationId}`}
              label={t('conflictTheirs')}
              text={c.theirs}
              other={c.ours}
            />
            <Version
              id={`ours-${publicationId}`}
              label={t('conflictOurs')}
              text={c.ours}
              other={c.theirs}
            />
          </div>
          <p class="meta">{t('conflictMarked')}</p>
          <div class="buttons">
            <button type="button" disabled={busy} onClick={() => decide({ choice: 'theirs' })}>
              {t('conflictKeepTheirs')}
            </button>
            <button type="button" disabled={busy} onClick={() => decide({ choice: 'ours' })}>
              {t('conflictUseOurs')}
            </button>
            <button type="button" disabled={busy} onClick={() => setEditing(c.ours)}>
              {t('conflictEdit')}
            </button>
          </div>
        </>
      )}
      {c && editing !== undefined && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            decide({ choice: 'edit', text: editing });
          }}
        >
          <Field label={t('conflictEditLabel')} help={t('conflictEditHelp')} error={problem.text}>
            {(props) => (
              <textarea
                {...props}
                class="conflict-edit"
                rows={14}
                value={editing}
                onInput={(e) => setEditing(e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="buttons">
            <button type="submit" class="primary" disabled={busy}>
              {t('conflictPublishEdit')}
            </button>
            <button type="button" disabled={busy} onClick={() => setEditing(undefined)}>
              {t('conflictBack')}
            </button>
          </div>
        </form>
      )}
      <ErrorBox message={problem.general} />
    </div>
  );
}
