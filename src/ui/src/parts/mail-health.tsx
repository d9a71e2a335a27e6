import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { MailboxHealth, Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from './data.js';
import { hintOf } from './mail-causes.js';

/** Health changes without a task event, so the card asks again now and then. */
const REFRESH_MS = 30_000;

/** States that need nothing from her: working, starting up, or archived on purpose. */
const fine = new Set(['healthy', 'starting', 'archived']);

/**
 * Today's "Mailboxes" card: each mailbox that stopped answering, since when, and what to do.
 * Nothing at all when no mail desk runs (503) or there is no mailbox.
 */
export function MailHealthCard({ api }: { api: Api }): JSX.Element | null {
  const { t, dateTime } = useI18n();
  const health = useData<Page<MailboxHealth>>(api, '/api/v1/mail/health');
  const { reload } = health;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  if (health.error instanceof ApiError && health.error.status === 503) return null;
  const items = health.data?.items ?? [];
  if (!health.error && items.length === 0) return null;
  const sick = items.filter((x) => !fine.has(x.state));
  return (
    <section aria-labelledby="today-mailboxes" class="card">
      <h2 id="today-mailboxes">
        {t('todayMailboxes')} <span class="count">{sick.length}</span>
      </h2>
      {health.error ? (
        <p class="muted">{t('mailHealthUnknown')}</p>
      ) : sick.length === 0 ? (
        <p class="muted">{t('mailAllHealthy')}</p>
      ) : (
        <ul class="rows">
          {sick.map((box) => (
            <li key={box.mailboxId}>
              <span class="task-line">
                <strong>{box.address}</strong>
                {box.since && (
                  <span class="meta">
                    {t(box.state === 'unhealthy' ? 'mailUnhealthySince' : 'mailNotReadSince', {
                      since: dateTime(box.since),
                    })}
                  </span>
                )}
                <span class="meta failure">
                  {t(hintOf(box))}
                  {box.reason && (
                    <details>
                      <summary>{t('technicalDetails')}</summary>
                      <span class="pre">{box.reason}</span>
                    </details>
                  )}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
