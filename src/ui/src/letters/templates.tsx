import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors, type LetterErrors } from './letter-errors.js';
import type { LetterTemplate } from './types.js';
import { useWords } from './words.js';

const EMPTY = { name: '', subject: '', body: '' };

/** Adds a template, or changes `template` (letters written from it keep their words). */
function TemplateForm({
  api,
  clientId,
  template,
  onSaved,
  onCancel,
}: {
  api: Api;
  clientId: string;
  template?: LetterTemplate;
  onSaved: () => void;
  onCancel?: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [v, setV] = useState(
    template ? { name: template.name, subject: template.subject, body: template.body } : EMPTY,
  );
  const [errors, setErrors] = useState<LetterErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      if (template)
        await api.send('PATCH', `/api/v1/clients/${clientId}/letter-templates/${template.id}`, v);
      else {
        await api.send('POST', `/api/v1/clients/${clientId}/letter-templates`, v);
        setV(EMPTY);
      }
      setErrors({ fields: {} });
      onSaved();
    } catch (err) {
      setErrors(letterErrors(err, t, w, ['name', 'subject', 'body']));
    } finally {
      setBusy(false);
    }
  };
  return (
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
      {template && <p class="muted">{w('templateEditNote')}</p>}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {template ? w('templateSave') : w('templateAdd')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {w('cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * The client's templates of recurring letters (reminder, quote cover letter, thank-you): each
 * can be changed or removed (after a question in words), and a form adds another.
 */
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
  const w = useWords();
  const [editing, setEditing] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <section class="card" aria-labelledby="letter-templates">
      <h2 id="letter-templates">{w('templatesTitle')}</h2>
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      {templates?.length === 0 && <p class="muted">{w('templatesNone')}</p>}
      <ul class="rows">
        {(templates ?? []).map((x) => (
          <li key={x.id} class="template-row">
            <span class="task-line">
              <span class="task-title">{x.name}</span>
              <span class="meta">
                {x.subject}
                {x.fields.length > 0 &&
                  ` · ${w('templateFields', { fields: x.fields.join(', ') })}`}
              </span>
            </span>
            <div class="buttons">
              {editing !== x.id && (
                <button
                  type="button"
                  aria-label={w('templateEditNamed', { name: x.name })}
                  onClick={() => {
                    setNotice(undefined);
                    setEditing(x.id);
                  }}
                >
                  {w('edit')}
                </button>
              )}
              <ConfirmButton
                label={w('templateRemove')}
                question={w('templateRemoveQuestion', { name: x.name })}
                onConfirm={async () => {
                  await api.send('DELETE', `/api/v1/clients/${clientId}/letter-templates/${x.id}`);
                  setEditing(undefined);
                  setNotice(w('templateRemoved', { name: x.name }));
                  onChanged();
                }}
              />
            </div>
            {editing === x.id && (
              <TemplateForm
                api={api}
                clientId={clientId}
                template={x}
                onSaved={() => {
                  setEditing(undefined);
                  setNotice(w('templateSaved', { name: x.name }));
                  onChanged();
                }}
                onCancel={() => setEditing(undefined)}
              />
            )}
          </li>
        ))}
      </ul>
      <details class="add-site">
        <summary>{w('templateAdd')}</summary>
        <TemplateForm api={api} clientId={clientId} onSaved={onChanged} />
      </details>
    </section>
  );
}
