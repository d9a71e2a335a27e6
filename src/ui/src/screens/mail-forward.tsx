import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The mail server's technical answer, said as its cause (the outbox keeps it in `detail`). */
export function forwardCause(detail: string): MessageKey {
  if (/no password|password_missing/i.test(detail)) return 'fwdCause.noPassword';
  if (/STARTTLS/i.test(detail)) return 'fwdCause.starttls';
  if (/login refused|EAUTH|authenticat/i.test(detail)) return 'fwdCause.login';
  if (/\b5\d\d\b|no such user|refused the address|recipient/i.test(detail))
    return 'fwdCause.refused';
  if (
    /ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND|timed? ?out|connect|closed/i.test(detail)
  )
    return 'fwdCause.down';
  return 'fwdCause.other';
}

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
