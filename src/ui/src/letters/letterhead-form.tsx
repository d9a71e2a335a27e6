/**
 * The form of a letterhead: empty to add one, filled from `head` to change it. On a change
 * only what the list does not show is left alone: the logo and signature picture stay unless a
 * new one is picked or she ticks "take it off" (the list carries no image bytes).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors, type LetterErrors } from './letter-errors.js';
import type { Letterhead } from './types.js';
import { useWords } from './words.js';
import { FilePick } from '../parts/file-pick.js';

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

/** The form's values of a saved letterhead. */
const valuesOf = (h: Letterhead): typeof EMPTY => ({
  name: h.name,
  language: h.language,
  dateFormat: h.dateFormat ?? '',
  paper: h.paper,
  addressLayout: h.addressLayout,
  typeface: h.typeface,
  sender: h.sender.join('\n'),
  footer: h.footer.join('\n'),
  signName: h.signature.name,
  signRole: h.signature.role ?? '',
  closing: h.closing ?? '',
  numbering: h.numbering,
});

/**
 * Adds a letterhead (sender, footer, logo, signature, language, date format, paper), or
 * changes `head`: every text field is sent as shown, an emptied optional one as `null`.
 */
export function LetterheadForm({
  api,
  clientId,
  head,
  onSaved,
  onCancel,
}: {
  api: Api;
  clientId: string;
  head?: Letterhead;
  onSaved: () => void;
  onCancel?: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [v, setV] = useState(head ? valuesOf(head) : EMPTY);
  const [logo, setLogo] = useState<File | undefined>();
  const [signImage, setSignImage] = useState<File | undefined>();
  const [dropLogo, setDropLogo] = useState(false);
  const [dropSignImage, setDropSignImage] = useState(false);
  const [errors, setErrors] = useState<LetterErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const set = (key: keyof typeof EMPTY) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  // Added: an empty optional field is left out. Changed: it is cleared with null.
  const optional = (text: string) => (text.trim() ? text : head ? null : undefined);
  const image = async (file: File | undefined, drop: boolean) =>
    file ? { data: await readBase64(file) } : drop ? null : undefined;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = {
        name: v.name,
        language: v.language,
        dateFormat: optional(v.dateFormat),
        paper: v.paper,
        addressLayout: v.addressLayout,
        typeface: v.typeface,
        sender: lines(v.sender),
        footer: lines(v.footer),
        logo: await image(logo, dropLogo),
        signature: {
          name: v.signName,
          role: optional(v.signRole),
          image: await image(signImage, dropSignImage),
        },
        closing: optional(v.closing),
        numbering: v.numbering,
      };
      // JSON leaves out what is undefined: "keep as it is" (changed) or "none" (added).
      if (head) await api.send('PATCH', `/api/v1/clients/${clientId}/letterheads/${head.id}`, body);
      else await api.send('POST', `/api/v1/clients/${clientId}/letterheads`, body);
      if (!head) {
        setV(EMPTY);
        setLogo(undefined);
        setSignImage(undefined);
        setRound((n) => n + 1);
      }
      setErrors({ fields: {} });
      onSaved();
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
    <FilePick
      key={round}
      field={p}
      name={name}
      accept="image/png,image/jpeg"
      button={w('fileChoose')}
      none={w('fileNone')}
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
        <Field
          label={w('headLogo')}
          help={head?.hasLogo ? w('imageKeepHelp') : w('imageHelp')}
          error={f.logo}
        >
          {file('logo', setLogo)}
        </Field>
        <Field
          label={w('headSignImage')}
          help={head?.signature.hasImage ? w('imageKeepHelp') : w('imageHelp')}
          error={f['signature.image']}
        >
          {file('signatureImage', setSignImage)}
        </Field>
      </div>
      {(head?.hasLogo || head?.signature.hasImage) && (
        <div class="row3">
          {head.hasLogo && (
            <label class="check">
              <input
                type="checkbox"
                name="dropLogo"
                checked={dropLogo}
                disabled={logo !== undefined}
                onChange={(e) => setDropLogo((e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              {w('headDropLogo')}
            </label>
          )}
          {head.signature.hasImage && (
            <label class="check">
              <input
                type="checkbox"
                name="dropSignatureImage"
                checked={dropSignImage}
                disabled={signImage !== undefined}
                onChange={(e) => setDropSignImage((e.currentTarget as HTMLInputElement).checked)}
              />{' '}
              {w('headDropSignImage')}
            </label>
          )}
        </div>
      )}
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
      {head && <p class="muted">{w('headEditNote')}</p>}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {head ? w('headSave') : w('headAdd')}
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
