import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors, type LetterErrors } from './letter-errors.js';
import type { Letterhead } from './types.js';
import { useWords } from './words.js';

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A picked image as base64 (the API takes the bytes inline; it checks type and size). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

// The fields the form shows its problems under.
const HEAD_FIELDS = [
  'name',
  'language',
  'dateFormat',
  'paper',
  'addressLayout',
  'typeface',
  'sender',
  'footer',
  'logo',
  'signature',
  'closing',
  'numbering',
];

const EMPTY = {
  name: '',
  language: 'cs',
  dateFormat: '',
  paper: 'A4',
  addressLayout: 'din5008',
  typeface: 'sans',
  sender: '',
  footer: '',
  signName: '',
  signRole: '',
  closing: '',
  numbering: '{yyyy}/{nnn}',
};

/** Adds a letterhead: sender, footer, logo, signature, language, date format, paper. */
function AddLetterhead({
  api,
  clientId,
  onAdded,
}: {
  api: Api;
  clientId: string;
  onAdded: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [v, setV] = useState(EMPTY);
  const [logo, setLogo] = useState<File | undefined>();
  const [signImage, setSignImage] = useState<File | undefined>();
  const [errors, setErrors] = useState<LetterErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const set = (key: keyof typeof EMPTY) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.send('POST', `/api/v1/clients/${clientId}/letterheads`, {
        name: v.name,
        language: v.language,
        ...(v.dateFormat.trim() ? { dateFormat: v.dateFormat } : {}),
        paper: v.paper,
        addressLayout: v.addressLayout,
        typeface: v.typeface,
        sender: lines(v.sender),
        footer: lines(v.footer),
        ...(logo ? { logo: { data: await readBase64(logo) } } : {}),
        signature: {
          name: v.signName,
          ...(v.signRole.trim() ? { role: v.signRole } : {}),
          ...(signImage ? { image: { data: await readBase64(signImage) } } : {}),
        },
        ...(v.closing.trim() ? { closing: v.closing } : {}),
        numbering: v.numbering,
      });
      setV(EMPTY);
      setLogo(undefined);
      setSignImage(undefined);
      setRound((n) => n + 1);
      setErrors({ fields: {} });
      onAdded();
    } catch (err) {
      setErrors(letterErrors(err, t, w, HEAD_FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const f = errors.fields;
  const select = (key: keyof typeof EMPTY, options: [string, string][]) => (p: object) => (
    <select {...p} value={v[key]} onChange={set(key)}>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
  const file = (name: string, onPick: (f: File | undefined) => void) => (p: object) => (
    <input
      key={round}
      {...p}
      name={name}
      type="file"
      accept="image/png,image/jpeg"
      onChange={(e) => onPick((e.currentTarget as HTMLInputElement).files?.[0])}
    />
  );
  return (
    <form class="letterhead-form" onSubmit={(e) => void submit(e)}>
      <ErrorBox message={errors.general} />
      <div class="row3">
        <Field label={w('headName')} help={w('headNameHelp')} error={f.name}>
          {(p) => <input {...p} required value={v.name} onInput={set('name')} />}
        </Field>
        <Field label={w('headLanguage')} error={f.language}>
          {select('language', [
            ['cs', w('langCs')],
            ['en', w('langEn')],
          ])}
        </Field>
        <Field label={w('headDateFormat')} help={w('headDateFormatHelp')} error={f.dateFormat}>
          {(p) => <input {...p} value={v.dateFormat} onInput={set('dateFormat')} />}
        </Field>
      </div>
      <div class="row3">
        <Field label={w('headPaper')} error={f.paper}>
          {select('paper', [
            ['A4', 'A4'],
            ['Letter', w('paperLetter')],
          ])}
        </Field>
        <Field label={w('headLayout')} error={f.addressLayout}>
          {select('addressLayout', [
            ['din5008', w('layoutWindow')],
            ['plain', w('layoutPlain')],
          ])}
        </Field>
        <Field label={w('headTypeface')} error={f.typeface}>
          {select('typeface', [
            ['sans', w('typefaceSans')],
            ['serif', w('typefaceSerif')],
          ])}
        </Field>
      </div>
      <Field label={w('headSender')} help={w('linesHelp')} error={f.sender}>
        {(p) => <textarea {...p} rows={4} required value={v.sender} onInput={set('sender')} />}
      </Field>
      <Field label={w('headFooter')} help={w('headFooterHelp')} error={f.footer}>
        {(p) => <textarea {...p} rows={2} value={v.footer} onInput={set('footer')} />}
      </Field>
      <div class="row3">
        <Field label={w('headLogo')} help={w('imageHelp')} error={f.logo}>
          {file('logo', setLogo)}
        </Field>
        <Field label={w('headSignImage')} help={w('imageHelp')} error={f['signature.image']}>
          {file('signatureImage', setSignImage)}
        </Field>
      </div>
      <div class="row3">
        <Field label={w('headSignName')} error={f['signature.name'] ?? f.signature}>
          {(p) => <input {...p} required value={v.signName} onInput={set('signName')} />}
        </Field>
        <Field label={w('headSignRole')} error={f['signature.role']}>
          {(p) => <input {...p} value={v.signRole} onInput={set('signRole')} />}
        </Field>
        <Field label={w('headClosing')} help={w('headClosingHelp')} error={f.closing}>
          {(p) => <input {...p} value={v.closing} onInput={set('closing')} />}
        </Field>
      </div>
      <Field label={w('headNumbering')} help={w('headNumberingHelp')} error={f.numbering}>
        {(p) => <input {...p} required value={v.numbering} onInput={set('numbering')} />}
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {w('headAdd')}
      </button>
    </form>
  );
}

/** The client's letterheads, and a form for another. */
export function Letterheads({
  api,
  clientId,
  heads,
  onChanged,
}: {
  api: Api;
  clientId: string;
  heads: Letterhead[] | undefined;
  onChanged: () => void;
}): JSX.Element {
  const w = useWords();
  return (
    <section class="card" aria-labelledby="letterheads">
      <h2 id="letterheads">{w('headsTitle')}</h2>
      {heads?.length === 0 && <p class="muted">{w('headsNone')}</p>}
      <ul class="rows">
        {(heads ?? []).map((h) => (
          <li key={h.id}>
            <span class="task-line">
              <span class="task-title">{h.name}</span>
              <span class="meta">
                {[
                  h.language === 'cs' ? w('langCs') : w('langEn'),
                  h.paper === 'A4' ? 'A4' : w('paperLetter'),
                  h.addressLayout === 'din5008' ? w('layoutWindow') : w('layoutPlain'),
                  w('signedBy', { name: h.signature.name }),
                  h.hasLogo ? w('withLogo') : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span class="meta pre">{h.sender.join('\n')}</span>
            </span>
          </li>
        ))}
      </ul>
      <details class="add-site" open={heads?.length === 0}>
        <summary>{w('headAdd')}</summary>
        <AddLetterhead api={api} clientId={clientId} onAdded={onChanged} />
      </details>
    </section>
  );
}
