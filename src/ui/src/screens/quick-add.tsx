import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { useNarrow } from '../parts/narrow.js';
import { displayTitle } from '../parts/task-bits.js';

type Kind = 'call' | 'mail' | 'site-edit';

const empty = {
  clientId: '',
  caller: '',
  number: '',
  message: '',
  callbackWanted: false,
  from: '',
  subject: '',
  body: '',
  request: '',
  priority: 'normal',
};

/** Quick add of a call message, a mail or a site edit; what was typed stays on an error. */
export function QuickAdd(props: { api: Api; clients: Client[]; onAdded: () => void }): JSX.Element {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('call');
  const [v, setV] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(!useNarrow());
  const set = (key: keyof typeof empty) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const clientId = v.clientId || props.clients[0]?.id || '';
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setDone(undefined);
    const now = new Date().toISOString();
    const details =
      kind === 'call'
        ? {
            caller: v.caller,
            number: v.number,
            at: now,
            message: v.message,
            callbackWanted: v.callbackWanted,
          }
        : kind === 'mail'
          ? { from: v.from, subject: v.subject, body: v.body, receivedAt: now }
          : { request: v.request };
    try {
      const task = await props.api.send<Task>('POST', '/api/v1/tasks', {
        clientId,
        kind,
        priority: v.priority,
        details,
      });
      setDone(t('added', { title: displayTitle(task, t) }));
      setV({ ...empty, clientId });
      setErrors({ fields: {} });
      props.onAdded();
    } catch (err) {
      const fe = formErrors(err, t, ['clientId', 'details']);
      const d = (name: string): string | undefined =>
        err && typeof err === 'object' && 'forField' in err
          ? (err as { forField(f: string): string | undefined }).forField(`details.${name}`)
          : undefined;
      setErrors({
        general: fe.general,
        fields: {
          ...fe.fields,
          caller: d('caller') ?? '',
          number: d('number') ?? '',
          from: d('from') ?? '',
          request: d('request') ?? '',
        },
      });
    } finally {
      setBusy(false);
    }
  };
  const fe = (name: string): string | undefined => errors.fields[name] || undefined;
  return (
    // Folded on a phone, so her tasks come first; one tap opens it (and it stays open).
    <details
      class="card quick-add"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <h2>{t('quickAdd')}</h2>
        {!open && (
          <span class="fold-plus" aria-hidden="true">
            +
          </span>
        )}
      </summary>
      <div class="tabs" role="radiogroup" aria-label={t('quickAdd')}>
        {(
          [
            ['call', 'quickCall'],
            ['mail', 'quickMail'],
            ['site-edit', 'quickEdit'],
          ] as const
        ).map(([k, label]) => (
          <label key={k} class={kind === k ? 'tab on' : 'tab'}>
            <input
              type="radio"
              name="quick-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {t(label)}
          </label>
        ))}
      </div>
      <form onSubmit={submit}>
        <ErrorBox message={errors.general} />
        <div class="row2">
          <Field label={t('client')} error={fe('clientId')}>
            {(p) => (
              <select {...p} name="clientId" value={clientId} onChange={set('clientId')} required>
                {props.clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('priority')}>
            {(p) => (
              <select {...p} name="priority" value={v.priority} onChange={set('priority')}>
                {(['low', 'normal', 'high', 'urgent'] as const).map((x) => (
                  <option key={x} value={x}>
                    {t(`priority.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {kind === 'call' && (
          <>
            <div class="row2">
              <Field label={t('caller')} error={fe('caller')}>
                {(p) => (
                  <input {...p} name="caller" required value={v.caller} onInput={set('caller')} />
                )}
              </Field>
              <Field label={t('phone')} error={fe('number')}>
                {(p) => (
                  <input
                    {...p}
                    name="number"
                    type="tel"
                    required
                    value={v.number}
                    onInput={set('number')}
                  />
                )}
              </Field>
            </div>
            <Field label={t('message')}>
              {(p) => (
                <textarea
                  {...p}
                  name="message"
                  rows={3}
                  value={v.message}
                  onInput={set('message')}
                />
              )}
            </Field>
            <label class="check">
              <input
                type="checkbox"
                checked={v.callbackWanted}
                onChange={(e) =>
                  setV({ ...v, callbackWanted: (e.currentTarget as HTMLInputElement).checked })
                }
              />{' '}
              {t('callbackWanted')}
            </label>
          </>
        )}
        {kind === 'mail' && (
          <>
            <Field label={t('mailFrom')} error={fe('from')}>
              {(p) => (
                <input
                  {...p}
                  name="from"
                  type="email"
                  required
                  value={v.from}
                  onInput={set('from')}
                />
              )}
            </Field>
            <Field label={t('subject')}>
              {(p) => <input {...p} name="subject" value={v.subject} onInput={set('subject')} />}
            </Field>
            <Field label={t('body')}>
              {(p) => <textarea {...p} name="body" rows={3} value={v.body} onInput={set('body')} />}
            </Field>
          </>
        )}
        {kind === 'site-edit' && (
          <Field label={t('request')} error={fe('request')}>
            {(p) => (
              <textarea
                {...p}
                name="request"
                rows={3}
                required
                value={v.request}
                onInput={set('request')}
              />
            )}
          </Field>
        )}
        <button type="submit" class="primary" disabled={busy || !clientId}>
          {busy ? t('saving') : t('add')}
        </button>
        {done && (
          <p role="status" class="ok">
            {done}
          </p>
        )}
      </form>
    </details>
  );
}
