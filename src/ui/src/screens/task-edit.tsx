import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Priority, Task } from '../api/types.js';
import { useI18n, type T } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { DateTimeField } from '../parts/date-time-field.js';
import { isoToLocalInput, localInputToIso } from '../parts/zoned-time.js';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

// The details a person may correct, per kind (mail and publish details come from elsewhere).
const detailFields: Partial<Record<Task['kind'], { key: string; label: MessageKey }[]>> = {
  call: [
    { key: 'caller', label: 'caller' },
    { key: 'number', label: 'phone' },
    { key: 'message', label: 'message' },
  ],
  'site-edit': [{ key: 'request', label: 'request' }],
};

type Values = Record<string, string> & { callbackWanted?: string };

function valuesOf(task: Task, zone: string): Values {
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const v: Values = {
    title: task.title,
    priority: task.priority,
    dueAt: isoToLocalInput(task.dueAt, zone),
    assignee: task.assignee ?? '',
  };
  for (const f of detailFields[task.kind] ?? []) v[f.key] = text(task.details[f.key]);
  if (task.kind === 'call') v.callbackWanted = task.details.callbackWanted === true ? 'yes' : '';
  return v;
}

/**
 * The API names a wrong common field `body.title`; a wrong detail is found by the service
 * after merging, so it comes as `number` or `details.number`. Each goes next to its field.
 */
function editErrors(err: unknown, t: T, names: string[]): FormErrors {
  const base = formErrors(err, t, names);
  if (!(err instanceof ApiError)) return base;
  const fields = { ...base.fields };
  const placed = new Set<string>();
  for (const d of err.details) {
    const name = names.find((n) =>
      [n, `details.${n}`, `body.${n}`, `body.details.${n}`].includes(d.path),
    );
    if (name) {
      fields[name] ??= d.message;
      placed.add(d.path);
    }
  }
  const unplaced = err.details.filter((d) => !placed.has(d.path));
  if (err.details.length && !unplaced.length) return { fields };
  return { fields, ...(base.general ? { general: base.general } : {}) };
}

/** Changes a task's title, priority, due time (the client's), assignee and its details. */
export function TaskEdit(props: {
  api: Api;
  task: Task;
  zone: string;
  onSaved: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const { task, zone } = props;
  // Filled once: a reload of the task (live events) must not wipe what is being typed.
  const [v, setV] = useState<Values>(() => valuesOf(task, zone));
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const fields = detailFields[task.kind] ?? [];
  const names = ['title', 'priority', 'dueAt', 'assignee', ...fields.map((f) => f.key)];
  const set = (key: string) => (e: Event) => {
    setSaved(false);
    setV({ ...v, [key]: valueOf(e) });
  };
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    const dueAt = v.dueAt ? localInputToIso(v.dueAt, zone) : null;
    if (dueAt === undefined) {
      setErrors({ fields: { dueAt: t('notADate') } });
      setBusy(false);
      return;
    }
    const details: Record<string, unknown> = Object.fromEntries(
      fields.map((f) => [f.key, v[f.key] ?? '']),
    );
    if (task.kind === 'call') details.callbackWanted = v.callbackWanted === 'yes';
    try {
      const next = await props.api.send<Task>('PATCH', `/api/v1/tasks/${task.id}`, {
        title: v.title,
        priority: v.priority,
        dueAt,
        assignee: v.assignee?.trim() ? v.assignee.trim() : null,
        ...(fields.length ? { details } : {}),
        expectedVersion: task.version,
      });
      setV(valuesOf(next, zone));
      setErrors({ fields: {} });
      setSaved(true);
      props.onSaved();
    } catch (err) {
      setErrors(editErrors(err, t, names));
      setOpen(true);
      // A conflict means the task changed meanwhile: fetch it, keep what was typed here.
      if (err instanceof ApiError && err.status === 409) props.onSaved();
    } finally {
      setBusy(false);
    }
  };
  return (
    <details
      class="card"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <h2>{t('editTask')}</h2>
      </summary>
      <form onSubmit={submit} aria-label={t('editTask')}>
        <ErrorBox message={errors.general} />
        <Field label={t('title')} error={errors.fields.title}>
          {(p) => <input {...p} name="title" required value={v.title} onInput={set('title')} />}
        </Field>
        <div class="row3">
          <Field label={t('priority')} error={errors.fields.priority}>
            {(p) => (
              <select {...p} name="priority" value={v.priority} onChange={set('priority')}>
                {priorities.map((x) => (
                  <option key={x} value={x}>
                    {t(`priority.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateTimeField
            label={t('due')}
            name="dueAt"
            error={errors.fields.dueAt}
            help={t('timesInZone', { zone })}
            value={v.dueAt ?? ''}
            onChange={(value) => {
              setSaved(false);
              setV({ ...v, dueAt: value });
            }}
          />
          <Field label={t('assignee')} error={errors.fields.assignee}>
            {(p) => <input {...p} name="assignee" value={v.assignee} onInput={set('assignee')} />}
          </Field>
        </div>
        {fields.map((f) => (
          <Field key={f.key} label={t(f.label)} error={errors.fields[f.key]}>
            {(p) =>
              f.key === 'message' || f.key === 'request' ? (
                <textarea {...p} name={f.key} rows={3} value={v[f.key]} onInput={set(f.key)} />
              ) : (
                <input {...p} name={f.key} value={v[f.key]} onInput={set(f.key)} />
              )
            }
          </Field>
        ))}
        {task.kind === 'call' && (
          <label class="check">
            <input
              type="checkbox"
              checked={v.callbackWanted === 'yes'}
              onChange={(e) =>
                setV({
                  ...v,
                  callbackWanted: (e.currentTarget as HTMLInputElement).checked ? 'yes' : '',
                })
              }
            />{' '}
            {t('callbackWanted')}
          </label>
        )}
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('saving') : t('saveChanges')}
          </button>
        </div>
        {saved && (
          <p role="status" class="ok">
            {t('changesSaved')}
          </p>
        )}
      </form>
    </details>
  );
}
