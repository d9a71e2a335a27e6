import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { forwardCause } from '../parts/mail-causes.js';
import type { MailingWithRecipients } from './types.js';
import { useWords } from './words.js';

const TEST_TO_KEY = 'sitedesk.mailings.testTo';
/** How often a mailing that is going is asked again, in ms (the API has no stream of it). */
const POLL_MS = 1_000;

const going = (state: string | undefined): boolean => state === 'running' || state === 'waiting';

function savedTestTo(): string {
  try {
    return localStorage.getItem(TEST_TO_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * One mailing: a test to herself, Send (asked once), its progress while it goes (asked again
 * every second), why it waits, Stop and Carry on, and each recipient's result in words.
 */
export function MailingProgress(props: {
  api: Api;
  id: string;
  zone: string | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const w = useWords();
  const path = `/api/v1/mailings/${props.id}`;
  const [mailing, setMailing] = useState<MailingWithRecipients | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  const [testTo, setTestTo] = useState(savedTestTo);
  const [testNote, setTestNote] = useState<string | undefined>();
  const [stopped, setStopped] = useState(false);
  useEffect(() => {
    let live = true;
    props.api
      .get<MailingWithRecipients>(path)
      .then((m) => {
        if (!live) return;
        setMailing((before) => {
          if (before && before.state !== m.state) props.onChanged();
          return m;
        });
        setError(undefined);
      })
      .catch((err: unknown) => live && setError(formErrors(err, t).general));
    return () => {
      live = false;
    };
  }, [path, tick]);
  useEffect(() => {
    if (!going(mailing?.state)) return;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [mailing, tick]);
  if (!mailing) return <ErrorBox message={error} />;
  const c = mailing.counts;
  const total = mailing.recipients.length;
  // A recipient the mail server failed for is tried again: not done, not "not delivered".
  const failed = mailing.recipients.filter((r) => r.state === 'failed' && !r.retryable).length;
  const done = (c.sent ?? 0) + (c.skipped ?? 0) + failed;
  const start = async (): Promise<void> => {
    setStopped(false);
    await props.api.send('POST', `${path}/start`, {});
    setTick((n) => n + 1);
  };
  const stop = async (): Promise<void> => {
    setError(undefined);
    try {
      await props.api.send('POST', `${path}/stop`);
      setStopped(true);
      setTick((n) => n + 1);
    } catch (err) {
      setError(formErrors(err, t).general);
    }
  };
  const test = async (e: Event): Promise<void> => {
    e.preventDefault();
    setTestNote(undefined);
    setError(undefined);
    try {
      const sent = await props.api.send<{ to: string }>('POST', `${path}/test`, { to: testTo });
      try {
        localStorage.setItem(TEST_TO_KEY, testTo);
      } catch {
        // A browser that stores nothing asks again next time.
      }
      setTestNote(w('testSent', { to: sent.to }));
    } catch (err) {
      setError(formErrors(err, t, ['to']).general ?? formErrors(err, t, ['to']).fields.to);
    }
  };
  const waitingCause = mailing.report?.stoppedBecause;
  // A refused address is the recipient's server's answer, not the client's (as for a forward).
  const cause = (detail: string): string => {
    const key = forwardCause(detail);
    return key === 'fwdCause.refused' ? w('cause.refused') : t(key);
  };
  return (
    <section class="card mailing" aria-labelledby="mailing-open">
      <h2 id="mailing-open">{mailing.subject}</h2>
      <p>
        <strong>{w(`state.${mailing.state}` as 'state.ready')}</strong>
        {total > 0 && ` · ${w('progress', { done, total })}`}
      </p>
      <progress max={total} value={done} aria-label={w('progress', { done, total })} />
      <p class="meta">{w('counts', { sent: c.sent ?? 0, skipped: c.skipped ?? 0, failed })}</p>
      {mailing.state === 'waiting' && (
        <p class="failure">
          {w('waiting', {
            cause: cause(waitingCause ?? ''),
            at: mailing.nextAttemptAt ? dateTime(mailing.nextAttemptAt, props.zone) : '…',
          })}
        </p>
      )}
      {stopped && mailing.state === 'stopped' && <p role="status">{w('stopped')}</p>}
      <ErrorBox message={error} />
      {mailing.state === 'ready' && (
        <form class="mailing-test" onSubmit={test}>
          <Field label={w('testTo')}>
            {(p) => (
              <input
                {...p}
                name="testTo"
                type="email"
                required
                value={testTo}
                onInput={(e) => setTestTo(valueOf(e))}
              />
            )}
          </Field>
          <button type="submit">{w('testSend')}</button>
          {testNote && <p role="status">{testNote}</p>}
        </form>
      )}
      <div class="actions">
        {mailing.state === 'ready' && (
          <ConfirmButton
            label={w('send', { n: total })}
            question={w('sendQuestion', { subject: mailing.subject, n: total })}
            onConfirm={start}
          />
        )}
        {(mailing.state === 'stopped' || mailing.state === 'waiting') && (
          <button
            type="button"
            onClick={() =>
              void start().catch((err: unknown) => setError(formErrors(err, t).general))
            }
          >
            {w('resume')}
          </button>
        )}
        {mailing.state === 'running' && (
          <button type="button" onClick={() => void stop()}>
            {w('stop')}
          </button>
        )}
      </div>
      <details class="mailing-recipients" open={total <= 50}>
        <summary>{w('resultTitle')}</summary>
        <ul class="rows">
          {mailing.recipients.map((r) => (
            <li key={r.email} class={`recipient-${r.state}`}>
              <span class="task-line">
                <strong>{r.name ? `${r.name} <${r.email}>` : r.email}</strong>
                <span class="meta">
                  {r.state === 'failed' && r.retryable
                    ? w('rState.retrying', { cause: cause(r.detail ?? '') })
                    : r.state === 'failed'
                      ? w('rState.failed', { cause: cause(r.detail ?? '') })
                      : w(`rState.${r.state}` as 'rState.sent')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
