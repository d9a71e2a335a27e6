import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { DateTimeField } from '../parts/date-time-field.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { letterErrors } from './letter-errors.js';
import { day } from './register.js';
import type { LetterTask } from './types.js';
import { useWords, type W } from './words.js';

/** Today in the browser's calendar, as `YYYY-MM-DD` (the day she posts it). */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Where the letter stands once it went out, in her words. */
function deliveryWords(
  letter: LetterTask,
  w: W,
  when: (iso: string) => string,
  lang: string,
): string {
  const d = letter.details.delivery;
  if (!d) return '';
  const values = {
    number: d.number,
    email: letter.details.recipient.email ?? '',
    at: d.at ? (d.at.length === 10 ? day(d.at, lang) : when(d.at)) : '',
  };
  return w(`delivery.${d.state}`, values);
}

/** The client's approval of the letter: ask for it, and what she answered. */
function Approval({
  api,
  letter,
  clientName,
  zone,
  onChanged,
}: {
  api: Api;
  letter: LetterTask;
  clientName: string;
  zone: string | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const w = useWords();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const a = letter.details.approval;
  const ask = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/letters/${letter.id}/approval`, note.trim() ? { note } : {});
      setNote('');
      onChanged();
    } catch (err) {
      setError(letterErrors(err, t, w).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset class="send-approval">
      <legend>{w('approvalTitle')}</legend>
      {a && (
        <p role="status" class={a.state === 'approved' ? 'ok' : ''}>
          {w(`approval.${a.state}`, {
            client: clientName,
            round: a.round,
            when: dateTime(a.sentAt, zone),
          })}
          {a.comment && (
            <>
              {' '}
              <q class="pre">{a.comment}</q>
            </>
          )}
        </p>
      )}
      {a?.state !== 'approved' && (
        <>
          <ErrorBox message={error} />
          <Field label={w('noteToClient')}>
            {(p) => <textarea {...p} rows={2} value={note} onInput={(e) => setNote(valueOf(e))} />}
          </Field>
          <div class="buttons">
            <button type="button" disabled={busy} onClick={() => void ask()}>
              {a ? w('askAgain') : w('askApproval')}
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}

/**
 * Sending: by e-mail from the client's mailbox, or recorded as printed and posted on a day;
 * once gone, where it stands — and for an unsure or failed one, "It arrived" / "Send again".
 */
export function LetterSend({
  api,
  letter,
  clientName,
  zone,
  onChanged,
}: {
  api: Api;
  letter: LetterTask;
  clientName: string;
  /** The client's time zone: times are said in hers, as the letter's date is. */
  zone: string | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t, dateTime, lang } = useI18n();
  const w = useWords();
  const [postedOn, setPostedOn] = useState(today);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const d = letter.details;
  const call = async (path: string, body: object): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `/api/v1/letters/${letter.id}/${path}`, body);
      onChanged();
    } catch (err) {
      setError(letterErrors(err, t, w, []).general);
    } finally {
      setBusy(false);
    }
  };
  const blocked = d.approvalWanted && d.approval?.state !== 'approved';
  return (
    <section class="card" aria-labelledby="letter-send">
      <h2 id="letter-send">{w('sendTitle')}</h2>
      <ErrorBox message={error} />
      {d.delivery ? (
        <>
          <p
            role="status"
            class={d.delivery.state === 'unsure' || d.delivery.state === 'failed' ? 'warn' : 'ok'}
          >
            {deliveryWords(letter, w, (iso) => dateTime(iso, zone), lang)}
          </p>
          {d.delivery.state === 'unsure' && <p>{w('unsureExplain')}</p>}
          {(d.delivery.state === 'unsure' || d.delivery.state === 'failed') && (
            <div class="buttons">
              {d.delivery.state === 'unsure' && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void call('resend', { answer: 'arrived' })}
                >
                  {w('itArrived')}
                </button>
              )}
              <button
                type="button"
                disabled={busy}
                onClick={() => void call('resend', { answer: 'send-again' })}
              >
                {w('sendAgain')}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          {d.approvalWanted && (
            <Approval
              api={api}
              letter={letter}
              clientName={clientName}
              zone={zone}
              onChanged={onChanged}
            />
          )}
          {blocked && <p class="muted">{w('waitsForApproval')}</p>}
          <div class="buttons">
            <button
              type="button"
              class="primary"
              disabled={busy || blocked || !d.recipient.email}
              onClick={() => void call('send', {})}
            >
              {d.recipient.email
                ? w('sendByMail', { email: d.recipient.email })
                : w('noEmailToSend')}
            </button>
          </div>
          <div class="row3 posted">
            {/* Typed as the app's language writes dates (issue 14), not the browser's
                month-first native field ("12/06/2026" on a Czech screen). */}
            <DateTimeField
              label={w('postedOn')}
              mode="date"
              value={postedOn}
              onChange={setPostedOn}
            />
          </div>
          <div class="buttons">
            <button
              type="button"
              disabled={busy || blocked || !postedOn}
              onClick={() => void call('posted', { postedOn })}
            >
              {w('markPosted')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
