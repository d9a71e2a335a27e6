import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors, type LetterErrors } from './letter-errors.js';
import type { LetterTemplate } from './types.js';
import { useWords } from './words.js';

const EMPTY = { name: '', subject: '', body: '' };

/** The client's templates of recurring letters (reminder, quote cover letter, thank-you). */
export function Templates({
  api,
  clientId,
  templates,
  onChanged,
}: {
  api: Api;
  clientId: string;
  templates: LetterTemplate[] | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [v, setV] = useState(EMPTY);
  const [errors, setErrors] = useState<LetterErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.send('POST', `/api/v1/clients/${clientId}/letter-templates`, v);
      setV(EMPTY);
      setErrors({ fields: {} });
      onChanged();
    } catch (err) {
      setErrors(letterErrors(err, t, w, ['name', 'subject', 'body']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="letter-templates">
      <h2 id="letter-templates">{w('templatesTitle')}</h2>
      {templates?.length === 0 && <p class="muted">{w('templatesNone')}</p>}
      <ul class="rows">
        {(templates ?? []).map((x) => (
          <li key={x.id}>
            <span class="task-line">
              <span class="task-title">{x.name}</span>
              <span class="meta">
                {x.subject}
                {x.fields.length > 0 &&
                  ` · ${w('templateFields', { fields: x.fields.join(', ') })}`}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <details class="add-site">
        <summary>{w('templateAdd')}</summary>
        <form class="template-form" onSubmit={(e) => void submit(e)}>
          <ErrorBox message={errors.general} />
          <Field label={w('templateName')} error={errors.fields.name}>
            {(p) => <input {...p} required value={v.name} onInput={set('name')} />}
          </Field>
          <Field label={w('subject')} error={errors.fields.subject}>
            {(p) => <input {...p} required value={v.subject} onInput={set('subject')} />}
          </Field>
          <Field label={w('templateBody')} help={w('templateBodyHelp')} error={errors.fields.body}>
            {(p) => <textarea {...p} rows={6} required value={v.body} onInput={set('body')} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            {w('templateAdd')}
          </button>
        </form>
      </details>
    </section>
  );
}
