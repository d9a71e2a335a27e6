import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { forwardCause } from '../parts/mail-causes.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Where the urgent forward of a mail stands, in words: going, not yet (and why, and when it
 * tries again by itself), forwarded, or failed — with "Send again now" while it has not gone.
 */
export function ForwardLine(props: {
  api: Api;
  taskId: string;
  urgent: Record<string, unknown>;
  zone: string | undefined;
  onChanged: () => void;
}): JSX.Element | null {
  const { t, dateTime } = useI18n();
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const u = props.urgent;
  const state = text(u.state);
  const to = text(u.to);
  const detail = text(u.detail);
  const at = (v: unknown) => (text(v) ? dateTime(text(v), props.zone) : '');
  let words: string;
  if (state === 'retrying')
    words = t('fwd.retrying', { to, cause: t(forwardCause(detail)), next: at(u.next) });
  else if (state === 'failed') words = t('fwd.failed', { to, cause: t(forwardCause(detail)) });
  else if (state === 'pending') words = t('fwd.pending', { to });
  else if (state === 'forwarded') words = t('mdUrgent.forwarded', { to, at: at(u.at) });
  else if (state === 'no-address') words = t('mdUrgent.no-address');
  else return null;
  const again = async (): Promise<void> => {
    setError(undefined);
    try {
      await props.api.send('POST', `/api/v1/tasks/${props.taskId}/forward-again`);
      setQueued(true);
      props.onChanged();
    } catch (err) {
      setError(formErrors(err, t).general);
    }
  };
  const stuck = state === 'retrying' || state === 'failed';
  return (
    <div class="forward-state">
      <p class={stuck ? 'failure' : ''}>{words}</p>
      {stuck && !queued && (
        <button type="button" onClick={() => void again()}>
          {t('fwdSendAgain')}
        </button>
      )}
      {queued && <p aria-live="polite">{t('fwdQueued')}</p>}
      {stuck && detail && (
        <details>
          <summary>{t('technicalDetails')}</summary>
          <span class="pre">{detail}</span>
        </details>
      )}
      <ErrorBox message={error} />
    </div>
  );
}

/**
 * A reply that has not gone out (issue 24): waiting for the mail server (why, the next try) or
 * refused — with "Send again now"; a sent one is the plain line the caller shows.
 */
export function ReplyWaiting(props: {
  api: Api;
  taskId: string;
  reply: { to: string[]; state: string; detail: string; next: string };
  zone: string | undefined;
  onChanged: () => void;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { reply } = props;
  const values = {
    to: reply.to.join(', '),
    cause: t(forwardCause(reply.detail)),
    next: reply.next ? dateTime(reply.next, props.zone) : '…',
  };
  const again = async (): Promise<void> => {
    setError(undefined);
    try {
      await props.api.send('POST', `/api/v1/tasks/${props.taskId}/reply-again`);
      setQueued(true);
      props.onChanged();
    } catch (err) {
      setError(formErrors(err, t).general);
    }
  };
  return (
    <div class="forward-state">
      <p class="failure">
        {t(reply.state === 'failed' ? 'replyRefusedLine' : 'replyWaitingLine', values)}
      </p>
      {queued ? (
        <p aria-live="polite">{t('fwdQueued')}</p>
      ) : (
        <button type="button" onClick={() => void again()}>
          {t('fwdSendAgain')}
        </button>
      )}
      <details>
        <summary>{t('technicalDetails')}</summary>
        <span class="pre">{reply.detail}</span>
      </details>
      <ErrorBox message={error} />
    </div>
  );
}
