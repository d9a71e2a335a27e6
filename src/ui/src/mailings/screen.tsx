import type { JSX } from 'preact';
import { ApiError } from '../api/client.js';
import type { Client, Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import type { MailingsProps } from './index.js';
import { MailingForm } from './mailing-form.js';
import { MailingProgress } from './mailing-progress.js';
import { SuppressionList } from './suppression-list.js';
import type { MailboxChoice, MailingView } from './types.js';
import { useWords } from './words.js';

/**
 * A client's mailings: write one (subject, text in the same editor as every text, recipients
 * pasted or from a CSV, the client's mailbox), test it on herself, send it and watch it go,
 * each recipient's result, and the people who do not want mailings.
 */
export default function MailingsScreen({ api, clientId, mailingId }: MailingsProps): JSX.Element {
  const { t, dateTime } = useI18n();
  const w = useWords();
  const client = useData<Client>(api, `/api/v1/clients/${clientId}`);
  const mailings = useData<{ items: MailingView[] }>(api, `/api/v1/clients/${clientId}/mailings`);
  const boxes = useData<Page<MailboxChoice>>(api, '/api/v1/mailboxes');
  const name = client.data?.name ?? '…';
  if (client.error instanceof ApiError && client.error.status === 404)
    return <p class="error-box">{w('noClient')}</p>;
  if (mailings.error instanceof ApiError && mailings.error.status === 503)
    return <p class="error-box">{w('noMail')}</p>;
  const items = mailings.data?.items ?? [];
  const mailboxes = (boxes.data?.items ?? []).filter(
    (b) => b.clientId === clientId && !b.archivedAt,
  );
  const open = (id: string): void => {
    location.hash = `#/mailings/${clientId}/${id}`;
  };
  return (
    <div class="mailings">
      <p>
        <a href="#/clients">← {w('back')}</a>
      </p>
      <h1>{w('title', { client: name })}</h1>
      <p class="muted">{w('intro')}</p>
      <ErrorBox
        message={
          client.error || mailings.error
            ? formErrors(client.error ?? mailings.error, t).general
            : undefined
        }
      />
      {mailingId && (
        <MailingProgress
          key={mailingId}
          api={api}
          id={mailingId}
          zone={client.data?.timezone}
          onChanged={mailings.reload}
        />
      )}
      {!mailingId && (
        <MailingForm
          api={api}
          clientId={clientId}
          mailboxes={mailboxes}
          language={client.data?.languages[0]}
          onCreated={(id) => {
            mailings.reload();
            open(id);
          }}
        />
      )}
      <section class="card" aria-labelledby="mailings-list">
        <h2 id="mailings-list">{w('listTitle')}</h2>
        {mailings.data && items.length === 0 && <p class="muted">{w('none')}</p>}
        <ul class="rows">
          {items.map((m) => (
            <li key={m.id} class={m.id === mailingId ? 'current' : ''}>
              <span class="task-line">
                <a href={`#/mailings/${clientId}/${m.id}`}>{m.subject}</a>
                <span class="meta">
                  {w(`state.${m.state}` as 'state.ready')} ·{' '}
                  {w('created_at', { at: dateTime(m.createdAt, client.data?.timezone) })}
                </span>
              </span>
            </li>
          ))}
        </ul>
        {mailingId && (
          <p>
            <a href={`#/mailings/${clientId}`}>{w('newTitle')}</a>
          </p>
        )}
      </section>
      <SuppressionList api={api} clientId={clientId} zone={client.data?.timezone} />
    </div>
  );
}
