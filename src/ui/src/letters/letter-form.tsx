import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { TextEditor } from '../editor/index.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors, type LetterErrors } from './letter-errors.js';
import type { LetterTask, LetterTemplate, Letterhead, Recipient } from './types.js';
import { useWords } from './words.js';

/** What a new letter starts with when written from a mail or a call. */
export interface LetterStart {
  recipient?: Partial<Recipient>;
  subject?: string;
  replyTo?: string;
}

const FIELDS = [
  'letterheadId',
  'recipient',
  'subject',
  'body',
  'approvalWanted',
  'template',
  'replyTo',
];

/**
 * A letter as she writes it: letterhead, recipient (name, address lines, e-mail), subject and
 * the body in the same editor as the Write screen, a template with its fields (new letters),
 * and whether the client wants to see it first. Saves a new letter or the changes of one.
 */
export function LetterForm({
  api,
  clientId,
  heads,
  templates,
  letter,
  start,
  justSaved,
  onSaved,
}: {
  api: Api;
  clientId: string;
  heads: Letterhead[];
  templates: LetterTemplate[];
  letter?: LetterTask | undefined;
  start?: LetterStart | undefined;
  /** Shows "Saved": the form is made afresh from the saved letter, so the screen remembers it. */
  justSaved?: boolean;
  onSaved: (letter: LetterTask) => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const d = letter?.details;
  const from = start?.recipient ?? {};
  const [headId, setHeadId] = useState(d?.letterheadId ?? heads[0]?.id ?? '');
  const [name, setName] = useState(d?.recipient.name ?? from.name ?? '');
  const [address, setAddress] = useState((d?.recipient.address ?? from.address ?? []).join('\n'));
  const [email, setEmail] = useState(d?.recipient.email ?? from.email ?? '');
  const [subject, setSubject] = useState(d?.subject ?? start?.subject ?? '');
  const [body, setBody] = useState(d?.body ?? '');
  const [approvalWanted, setApprovalWanted] = useState(d?.approvalWanted ?? false);
  const [templateId, setTemplateId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<LetterErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const template = templates.find((x) => x.id === templateId);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    const recipient = {
      name,
      address: address
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    const content = {
      letterheadId: headId,
      recipient,
      body,
      approvalWanted,
      ...(subject.trim() || !template ? { subject } : {}),
    };
    try {
      const answer = letter
        ? await api.send<LetterTask>('PATCH', `/api/v1/letters/${letter.id}`, {
            ...content,
            expectedVersion: letter.version,
          })
        : await api.send<LetterTask>('POST', '/api/v1/letters', {
            clientId,
            ...content,
            ...(start?.replyTo ? { replyTo: start.replyTo } : {}),
            ...(template
              ? {
                  template: {
                    id: template.id,
                    fields: Object.fromEntries(
                      template.fields
                        .filter((f) => f !== 'name' && fields[f]?.trim())
                        .map((f) => [f, fields[f] ?? '']),
                    ),
                  },
                }
              : {}),
          });
      setErrors({ fields: {} });
      setSaved(true);
      onSaved(answer);
    } catch (err) {
      setErrors(letterErrors(err, t, w, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const f = errors.fields;
  return (
    <form class="card letter-form" onSubmit={(e) => void save(e)} aria-labelledby="letter-form">
      <h2 id="letter-form">{letter ? w('letterEdit') : w('letterNew')}</h2>
      <ErrorBox message={errors.general} />
      <div class="row3">
        <Field label={w('letterhead')} error={f.letterheadId}>
          {(p) => (
            <select {...p} value={headId} onChange={(e) => setHeadId(valueOf(e))}>
              {heads.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!letter && templates.length > 0 && (
          <Field label={w('template')} help={w('templateHelp')} error={f.template}>
            {(p) => (
              <select {...p} value={templateId} onChange={(e) => setTemplateId(valueOf(e))}>
                <option value="">{w('templateNone')}</option>
                {templates.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {template && (
        <div class="row3 template-fields">
          {template.fields
            .filter((x) => x !== 'name')
            .map((x) => (
              <Field key={x} label={x} error={f[`template.fields.${x}`]}>
                {(p) => (
                  <input
                    {...p}
                    value={fields[x] ?? ''}
                    onInput={(e) => setFields({ ...fields, [x]: valueOf(e) })}
                  />
                )}
              </Field>
            ))}
        </div>
      )}
      <fieldset>
        <legend>{w('recipient')}</legend>
        <div class="row3">
          <Field label={w('recipientName')} error={f['recipient.name']}>
            {(p) => <input {...p} required value={name} onInput={(e) => setName(valueOf(e))} />}
          </Field>
          <Field
            label={w('recipientEmail')}
            help={w('recipientEmailHelp')}
            error={f['recipient.email']}
          >
            {(p) => (
              <input {...p} type="email" value={email} onInput={(e) => setEmail(valueOf(e))} />
            )}
          </Field>
        </div>
        <Field
          label={w('recipientAddress')}
          help={w('recipientAddressHelp')}
          error={f['recipient.address']}
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              required
              value={address}
              onInput={(e) => setAddress(valueOf(e))}
            />
          )}
        </Field>
      </fieldset>
      <Field
        label={w('subject')}
        help={template ? w('subjectFromTemplate') : undefined}
        error={f.subject}
      >
        {(p) => (
          <input
            {...p}
            required={!template}
            value={subject}
            onInput={(e) => setSubject(valueOf(e))}
          />
        )}
      </Field>
      <TextEditor
        label={w('body')}
        help={template ? w('bodyFromTemplate') : w('bodyHelp')}
        value={body}
        onChange={setBody}
        error={f.body}
        name="letterBody"
        rows={10}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={approvalWanted}
          onChange={(e) => setApprovalWanted((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        {w('approvalWanted')}
      </label>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || heads.length === 0}>
          {letter ? w('saveChanges') : w('saveLetter')}
        </button>
      </div>
      {(saved || justSaved) && (
        <p role="status" class="ok">
          {w('saved')}
        </p>
      )}
    </form>
  );
}
