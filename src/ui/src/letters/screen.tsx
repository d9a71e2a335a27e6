import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import type { Client, TaskWithHistory } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { Dictation } from './dictation.js';
import type { LettersProps } from './index.js';
import { LetterForm } from './letter-form.js';
import { LetterSend } from './letter-send.js';
import { startFrom } from './letter-start.js';
import { Letterheads } from './letterheads.js';
import { PdfView } from './pdf-view.js';
import { Register } from './register.js';
import { Templates } from './templates.js';
import type { LetterTask, LetterTemplate, Letterhead } from './types.js';
import { useWords } from './words.js';

/** The client's letterheads and templates, as every letter view needs them. */
function useHeads(api: LettersProps['api'], clientId: string) {
  const heads = useData<{ items: Letterhead[] }>(api, `/api/v1/clients/${clientId}/letterheads`);
  const templates = useData<{ items: LetterTemplate[] }>(
    api,
    `/api/v1/clients/${clientId}/letter-templates`,
  );
  return { heads, templates };
}

/** A new letter, from the client or from a mail or call task (`fromTask`). */
function NewLetter({ api, clientId, fromTask }: LettersProps & { fromTask?: string }): JSX.Element {
  const w = useWords();
  const { heads, templates } = useHeads(api, clientId);
  const from = useData<TaskWithHistory>(api, fromTask ? `/api/v1/tasks/${fromTask}` : undefined);
  if (!heads.data || !templates.data || (fromTask && !from.data && !from.error))
    return <p class="center-note">…</p>;
  if (heads.data.items.length === 0)
    return (
      <p class="card">
        {w('needLetterhead')} <a href={`#/letters/${clientId}`}>{w('headsTitle')}</a>
      </p>
    );
  return (
    <LetterForm
      api={api}
      clientId={clientId}
      heads={heads.data.items}
      templates={templates.data.items}
      start={startFrom(from.data?.task)}
      onSaved={(letter) => {
        location.hash = `#/letters/${clientId}/l/${letter.id}`;
      }}
    />
  );
}

/** One letter: its text, the voice messages, the real PDF, approval and sending. */
function OneLetter({
  api,
  clientId,
  id,
  clientName,
  zone,
}: LettersProps & { id: string; clientName: string; zone: string | undefined }): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const { heads, templates } = useHeads(api, clientId);
  const letter = useData<LetterTask>(api, `/api/v1/letters/${id}`);
  const [saved, setSaved] = useState(false);
  // Her client's decision and the outbox's progress show without a reload.
  useLive(api, (e) => {
    if (JSON.stringify(e.data).includes(id)) letter.reload();
  });
  if (letter.error) return <ErrorBox message={formErrors(letter.error, t).general} />;
  if (!letter.data || !heads.data || !templates.data) return <p class="center-note">…</p>;
  const x = letter.data;
  const number = x.details.delivery?.number;
  return (
    <>
      <p class="meta">
        <a href={`#/tasks/${x.id}`}>{w('openTask')}</a>
      </p>
      {!x.details.delivery && (
        <LetterForm
          key={x.version}
          api={api}
          clientId={clientId}
          heads={heads.data.items}
          templates={templates.data.items}
          letter={x}
          justSaved={saved}
          onSaved={() => {
            setSaved(true);
            letter.reload();
          }}
        />
      )}
      {x.details.delivery && (
        <section class="card">
          <h2>{x.details.subject}</h2>
          <p class="meta">
            {x.details.recipient.name}
            {x.details.recipient.email ? ` <${x.details.recipient.email}>` : ''}
          </p>
        </section>
      )}
      <Dictation api={api} letter={x} onChanged={letter.reload} />
      <section class="card" aria-labelledby="letter-pdf">
        <h2 id="letter-pdf">{number ? w('pdfSent', { number }) : w('pdfDraft')}</h2>
        <PdfView
          api={api}
          path={`/api/v1/letters/${x.id}/pdf`}
          version={`${x.version}`}
          fileName={number ? `${number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf` : 'draft.pdf'}
        />
      </section>
      <LetterSend
        api={api}
        letter={x}
        clientName={clientName}
        zone={zone}
        onChanged={letter.reload}
      />
    </>
  );
}

/**
 * The client's letters: `#/letters/<client>` her letterheads and register, `…/new[/<task>]` a
 * new letter (from a mail or call task), `…/l/<letter>` one letter.
 */
export default function LettersScreen(props: LettersProps): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const { api, clientId, view, id } = props;
  const client = useData<Client>(api, `/api/v1/clients/${clientId}`);
  const { heads, templates } = useHeads(api, clientId);
  if (client.error instanceof ApiError && client.error.status === 404)
    return <p class="error-box">{w('noClient')}</p>;
  const name = client.data?.name ?? '…';
  return (
    <div class="letters">
      <p class="back-links">
        <a href="#/clients">← {w('backClients')}</a>
        {view !== 'overview' && <a href={`#/letters/${clientId}`}>← {w('backLetters')}</a>}
      </p>
      <h1>
        {w(view === 'new' ? 'titleNew' : view === 'letter' ? 'titleLetter' : 'title', {
          client: name,
        })}
      </h1>
      <ErrorBox message={client.error ? formErrors(client.error, t).general : undefined} />
      {view === 'overview' && (
        <>
          <p class="muted">{w('intro')}</p>
          <p>
            <a class="button primary" href={`#/letters/${clientId}/new`}>
              {w('writeLetter')}
            </a>
          </p>
          <Letterheads
            api={api}
            clientId={clientId}
            heads={heads.data?.items}
            onChanged={heads.reload}
          />
          <Templates
            api={api}
            clientId={clientId}
            templates={templates.data?.items}
            onChanged={templates.reload}
          />
          <Register api={api} clientId={clientId} />
        </>
      )}
      {view === 'new' && <NewLetter {...props} {...(id ? { fromTask: id } : {})} />}
      {view === 'letter' && id && (
        <OneLetter key={id} {...props} id={id} clientName={name} zone={client.data?.timezone} />
      )}
    </div>
  );
}
