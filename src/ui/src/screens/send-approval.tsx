import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';

/**
 * "Send to the client for approval": a note to the client and whether her approval publishes
 * at once. `save` saves what is on screen first and answers the text's id.
 */
export function SendForApproval({
  api,
  save,
  siteIds,
  clientName,
  onSent,
  onError,
}: {
  api: Api;
  save: () => Promise<string>;
  siteIds: string[];
  clientName: string;
  onSent?: (task: Task) => void;
  /** Errors of the text's own fields (shown by the editor next to them). */
  onError?: (err: unknown) => boolean;
}): JSX.Element {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [publishWhenApproved, setPublishWhenApproved] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<Task | undefined>();
  const send = async (): Promise<void> => {
    setError(undefined);
    setSent(undefined);
    if (siteIds.length === 0) {
      setError(t('pickSite'));
      return;
    }
    setBusy(true);
    try {
      const id = await save();
      const task = await api.send<Task>('POST', `/api/v1/content-items/${id}/approval`, {
        siteIds,
        publishWhenApproved,
        ...(note.trim() ? { note } : {}),
      });
      setNote('');
      setSent(task);
      onSent?.(task);
    } catch (err) {
      if (!onError?.(err)) setError(formErrors(err, t, ['note', 'siteIds']).general);
    } finally {
      setBusy(false);
    }
  };
  const round = sent?.details.approval as { round?: number } | undefined;
  return (
    <fieldset class="send-approval">
      <legend>{t('sendForApproval')}</legend>
      <ErrorBox message={error} />
      <Field label={t('noteToClient')} help={t('noteToClientHelp')}>
        {(p) => <textarea {...p} rows={2} value={note} onInput={(e) => setNote(valueOf(e))} />}
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={publishWhenApproved}
          onChange={(e) => setPublishWhenApproved((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        {t('publishWhenApproved')}
      </label>
      <div class="buttons">
        <button type="button" onClick={() => void send()} disabled={busy}>
          {t('sendForApprovalBtn')}
        </button>
      </div>
      {sent && (
        <p role="status" class="ok">
          {t('sentForApproval', { client: clientName, round: round?.round ?? 1 })}{' '}
          <a href={'#/tasks/' + sent.id}>{t('openThread')}</a>
        </p>
      )}
    </fieldset>
  );
}
