import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Page } from '../api/types.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';

interface Suppression {
  email: string;
  reason: string;
  at: string;
}

/**
 * A client's suppression list (issue 24): who unsubscribed from mailings (or was added by
 * hand), skipped by every mailing; add an address, download the list. Collapsed, so the
 * client card stays short on a phone. Nothing when the server runs without mail (503).
 */
export function ClientSuppressions({
  api,
  clientId,
}: {
  api: Api;
  clientId: string;
}): JSX.Element | null {
  const { t, dateTime } = useI18n();
  const path = `/api/v1/clients/${clientId}/suppressions`;
  const list = useData<Page<Suppression>>(api, path);
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  if (list.error instanceof ApiError && list.error.status === 503) return null;
  const items = list.data?.items ?? [];
  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    setErrors({ fields: {} });
    try {
      await api.send('POST', path, { email: email.trim() });
      setEmail('');
      list.reload();
    } catch (err) {
      setErrors(formErrors(err, t, ['email']));
    }
  };
  return (
    <details class="client-suppressions">
      <summary>
        {t('supTitle')} <span class="count">{items.length}</span>
      </summary>
      <ErrorBox message={list.error ? formErrors(list.error, t).general : undefined} />
      {list.data && (
        <p class="muted">{items.length ? t('supCount', { n: items.length }) : t('supNone')}</p>
      )}
      {items.length > 0 && (
        <ul class="rows">
          {items.map((s) => (
            <li key={s.email}>
              <span class="task-line">
                <strong>{s.email}</strong>
                <span class="meta">
                  {t(`supReason.${s.reason}` as MessageKey)} · {dateTime(s.at)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form class="suppress-add" onSubmit={add}>
        <ErrorBox message={errors.general} />
        <Field label={t('supAdd')} error={errors.fields.email}>
          {(p) => (
            <input
              {...p}
              name="suppressEmail"
              type="email"
              required
              value={email}
              onInput={(e) => setEmail(valueOf(e))}
            />
          )}
        </Field>
        <button type="submit">{t('supAddButton')}</button>
      </form>
      {items.length > 0 && (
        <a href={`${path}/export`} download="suppressions.csv">
          {t('supExport')}
        </a>
      )}
    </details>
  );
}
