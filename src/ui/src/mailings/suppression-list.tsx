import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { useData } from '../parts/data.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import type { SuppressionView } from './types.js';
import { useWords } from './words.js';
import { FilePick } from '../parts/file-pick.js';

/**
 * A client's suppression list: who unsubscribed, whose mail came back, who was added by hand —
 * every mailing skips them. Add one, take one off, add a CSV file's addresses, download it.
 */
export function SuppressionList(props: {
  api: Api;
  clientId: string;
  /** The client's time zone: when each address came on the list, in the client's time. */
  zone: string | undefined;
}): JSX.Element {
  const { api, clientId, zone } = props;
  const { t, dateTime } = useI18n();
  const w = useWords();
  const path = `/api/v1/clients/${clientId}/suppressions`;
  const list = useData<Page<SuppressionView>>(api, path);
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [note, setNote] = useState<string | undefined>();
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
  const importFile = async (e: Event): Promise<void> => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setNote(undefined);
    setErrors({ fields: {} });
    try {
      const answer = await api.send<{ added: number }>('POST', `${path}/import`, {
        csv: await file.text(),
      });
      setNote(w('supImported', { n: answer.added }));
      list.reload();
    } catch (err) {
      setErrors(formErrors(err, t, ['csv']));
    } finally {
      input.value = '';
    }
  };
  return (
    <section class="card suppressions" aria-labelledby="suppressions">
      <h2 id="suppressions">
        {w('supTitle')} <span class="count">{items.length}</span>
      </h2>
      <ErrorBox message={list.error ? formErrors(list.error, t).general : undefined} />
      {list.data && (
        <p class="muted">{items.length ? w('supCount', { n: items.length }) : w('supNone')}</p>
      )}
      {items.length > 0 && (
        <ul class="rows">
          {items.map((s) => (
            <li key={s.email}>
              <span class="task-line">
                <strong>{s.email}</strong>
                <span class="meta">
                  {w(`supReason.${s.reason}` as 'supReason.manual')} · {dateTime(s.at, zone)}
                </span>
              </span>
              <ConfirmButton
                label={w('supRemove')}
                question={w('supRemoveQuestion', { email: s.email })}
                onConfirm={async () => {
                  await api.send('DELETE', `${path}/${encodeURIComponent(s.email)}`);
                  list.reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <form class="suppress-add" onSubmit={add}>
        <ErrorBox message={errors.general ?? errors.fields.csv} />
        <Field label={w('supAdd')} error={errors.fields.email}>
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
        <button type="submit">{w('supAddButton')}</button>
      </form>
      <Field label={w('supImport')}>
        {(p) => (
          <FilePick
            field={p}
            name="suppressFile"
            accept=".csv,text/csv,text/plain"
            button={w('fileChoose')}
            none={w('fileNone')}
            onChange={(e) => void importFile(e)}
          />
        )}
      </Field>
      {note && <p role="status">{note}</p>}
      {items.length > 0 && (
        <p>
          <a href={`${path}/export`} download="suppressions.csv">
            {w('supExport')}
          </a>
        </p>
      )}
    </section>
  );
}
