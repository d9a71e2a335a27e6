import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';

/**
 * Remove or archive a mailbox, or read an archived one again (issue 24). A mailbox whose mails
 * are kept in tasks cannot be removed (the server answers 409): archiving stops reading it
 * and keeps everything.
 */
export function MailboxEndButtons(props: {
  api: Api;
  id: string;
  address: string;
  archivedAt: string | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const archive = async (archived: boolean): Promise<void> => {
    await props.api.send('PATCH', `/api/v1/mailboxes/${props.id}`, { archived });
    props.onChanged();
  };
  if (props.archivedAt) {
    return (
      <>
        <button
          type="button"
          onClick={() => {
            setError(undefined);
            archive(false).catch((err: unknown) => setError(formErrors(err, t).general));
          }}
        >
          {t('mbxRestore')}
        </button>
        <ErrorBox message={error} />
      </>
    );
  }
  return (
    <>
      <ConfirmButton
        label={t('mbxArchive')}
        question={t('mbxArchiveQuestion', { address: props.address })}
        onConfirm={() => archive(true)}
      />
      <ConfirmButton
        label={t('mbxRemove')}
        question={t('mbxRemoveQuestion', { address: props.address })}
        inUse={t('mbxInUseArchive')}
        onConfirm={async () => {
          await props.api.send('DELETE', `/api/v1/mailboxes/${props.id}`);
          props.onChanged();
        }}
      />
    </>
  );
}
