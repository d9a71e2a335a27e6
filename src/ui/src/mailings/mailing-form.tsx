import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { TextEditor } from '../editor/index.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import type { CreatedMailing, MailboxChoice } from './types.js';
import { useWords } from './words.js';
import { FilePick } from '../parts/file-pick.js';

/**
 * Pasted addresses, one a line for the API: separated by new lines, commas, semicolons or
 * spaces as people paste them from a mail program or a spreadsheet column. A file is sent as
 * it is (its header names the columns, and names may contain commas).
 */
function pastedList(text: string): string {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part.includes('@'))
    .join('\n');
}

/** Writing a new mailing: subject, text, recipients, mailbox; saved, not sent yet. */
export function MailingForm(props: {
  api: Api;
  clientId: string;
  mailboxes: MailboxChoice[];
  language: string | undefined;
  onCreated: (id: string) => void;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [subject, setSubject] = useState('');
  const [markdown, setMarkdown] = useState('');
  const [recipients, setRecipients] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | undefined>();
  const [mailboxId, setMailboxId] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedMailing | undefined>();
  const chosenBox = mailboxId || props.mailboxes[0]?.id || '';
  if (props.mailboxes.length === 0)
    return (
      <section class="card" aria-labelledby="mailing-new">
        <h2 id="mailing-new">{w('newTitle')}</h2>
        <p class="muted">{w('noMailbox')}</p>
      </section>
    );
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setErrors({ fields: {} });
    try {
      const answer = await props.api.send<CreatedMailing>(
        'POST',
        `/api/v1/clients/${props.clientId}/mailings`,
        {
          subject,
          markdown,
          mailboxId: chosenBox,
          csv: file ? file.text : pastedList(recipients),
          ...(props.language ? { language: props.language } : {}),
        },
      );
      setCreated(answer);
      if (answer.problems.length === 0) props.onCreated(answer.mailing.id);
    } catch (err) {
      setErrors(formErrors(err, t, ['subject', 'markdown', 'csv', 'mailboxId']));
    } finally {
      setBusy(false);
    }
  };
  const chooseFile = async (e: Event): Promise<void> => {
    const picked = (e.currentTarget as HTMLInputElement).files?.[0];
    setFile(picked ? { name: picked.name, text: await picked.text() } : undefined);
  };
  return (
    <form class="card mailing-form" onSubmit={submit} aria-labelledby="mailing-new">
      <h2 id="mailing-new">{w('newTitle')}</h2>
      <ErrorBox message={errors.general} />
      <Field label={w('subject')} error={errors.fields.subject}>
        {(p) => (
          <input
            {...p}
            name="subject"
            required
            maxLength={200}
            value={subject}
            onInput={(e) => setSubject(valueOf(e))}
          />
        )}
      </Field>
      <TextEditor
        label={w('text')}
        name="mailingText"
        rows={8}
        value={markdown}
        error={errors.fields.markdown}
        onChange={setMarkdown}
      />
      <Field label={w('recipients')} help={w('recipientsHelp')} error={errors.fields.csv}>
        {(p) => (
          <textarea
            {...p}
            name="recipients"
            rows={5}
            disabled={file !== undefined}
            value={file ? file.text : recipients}
            onInput={(e) => setRecipients(valueOf(e))}
          />
        )}
      </Field>
      <Field label={w('csvFile')}>
        {(p) => (
          <FilePick
            field={p}
            name="recipientsFile"
            accept=".csv,text/csv,text/plain"
            button={w('fileChoose')}
            none={w('fileNone')}
            onChange={(e) => void chooseFile(e)}
          />
        )}
      </Field>
      {file && (
        <p class="muted">
          {w('csvLoaded', { file: file.name, n: file.text.split(/\r?\n/).filter(Boolean).length })}
        </p>
      )}
      <Field label={w('mailbox')} error={errors.fields.mailboxId}>
        {(p) => (
          <select
            {...p}
            name="mailbox"
            value={chosenBox}
            onChange={(e) => setMailboxId(valueOf(e))}
          >
            {props.mailboxes.map((b) => (
              <option key={b.id} value={b.id}>
                {b.settings.address}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!created && (
        <button type="submit" class="primary" disabled={busy}>
          {w('create')}
        </button>
      )}
      {created && (
        <div role="status">
          <p>{w('created', { n: created.recipients, suppressed: created.suppressed })}</p>
          {created.problems.length > 0 && (
            <>
              <p>{w('problemsTitle')}</p>
              <ul>
                {created.problems.map((pr) => (
                  <li key={pr.line}>
                    {w('problem', {
                      line: pr.line,
                      value: pr.value,
                      problem: w(`problem.${pr.problem}`),
                    })}
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => props.onCreated(created.mailing.id)}>
                {w('open')}
              </button>
            </>
          )}
        </div>
      )}
    </form>
  );
}
