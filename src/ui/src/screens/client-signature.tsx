import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';

/**
 * The client's mail signature (issue 15): plain text the server puts under every reply sent from
 * the client's mailboxes. Kept with the client's contact details, so one client signs the same
 * way from each of its mailboxes.
 */
export function ClientSignature(props: {
  api: Api;
  client: Client;
  onSaved: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [value, setValue] = useState(props.client.contact.signature ?? '');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    try {
      const { signature: _old, ...rest } = props.client.contact;
      const contact = value.trim() ? { ...rest, signature: value.trim() } : rest;
      await props.api.send('PATCH', `/api/v1/clients/${props.client.id}`, { contact });
      setErrors({ fields: {} });
      setSaved(true);
      props.onSaved();
    } catch (err) {
      setErrors(formErrors(err, t, ['contact']));
    }
  };
  return (
    <details class="client-signature">
      <summary>
        {t('signatureTitle')}
        {!props.client.contact.signature && <span class="muted"> · {t('signatureNone')}</span>}
      </summary>
      <form onSubmit={save}>
        <ErrorBox message={errors.general} />
        <Field label={t('signatureText')} help={t('signatureHelp')} error={errors.fields.contact}>
          {(p) => (
            <textarea
              {...p}
              name="signature"
              rows={4}
              maxLength={2000}
              value={value}
              onInput={(e) => {
                setSaved(false);
                setValue(valueOf(e));
              }}
            />
          )}
        </Field>
        <div class="buttons">
          <button type="submit">{t('signatureSave')}</button>
        </div>
        {saved && (
          <p class="ok" role="status">
            {t('signatureSaved')}
          </p>
        )}
      </form>
    </details>
  );
}
