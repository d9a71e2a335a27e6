import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Page, Publication, Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';
import { FailureReason } from '../parts/failure.js';
import { readFailure } from '../parts/publish-cause.js';
import { ConflictChoice } from './conflict-choice.js';

// Being published by a runner whose lease ran out: its process is gone, another takes over.
const stalled = (p: Publication): boolean =>
  p.state === 'publishing' && !!p.leaseUntil && Date.parse(p.leaseUntil) < Date.now();

// Stopped because someone else changed the same place of the page on the site.
const conflicted = (p: Publication): boolean =>
  !!p.lastError && readFailure(p.lastError).cause === 'git_conflict';

/** Live per-site progress of one publish task, with the live page link and retry on failure. */
export function Progress({
  api,
  taskId,
  sites,
  focus = true,
  title,
}: {
  api: Api;
  taskId: string;
  sites: Site[];
  /** Scroll to it and focus its heading (right after publishing); not on the task's page. */
  focus?: boolean;
  /** The heading, when not "Progress". */
  title?: string;
}): JSX.Element {
  const { t } = useI18n();
  const pubs = useData<Page<Publication>>(api, `/api/v1/publications?taskId=${taskId}`);
  useLive(api, (e) => {
    if (e.type.startsWith('publication') || e.type === 'reset') pubs.reload();
  });
  const name = new Map(sites.map((s) => [s.id, s.name]));
  const heading = useRef<HTMLHeadingElement>(null);
  // Brings the progress into view (and to screen readers) as soon as publishing starts.
  useEffect(() => {
    if (!focus) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [taskId, focus]);
  return (
    <section class="card" aria-labelledby="prog">
      <h2 id="prog" ref={heading} tabIndex={-1}>
        {title ?? t('progress')}
      </h2>
      <ul class="rows" aria-live="polite">
        {(pubs.data?.items ?? []).map((p) => (
          <li key={p.id} data-state={p.state}>
            <span>{name.get(p.siteId) ?? p.siteId}</span>
            <span class={'badge pub-' + p.state}>{t(`pub.${p.state}`)}</span>
            {p.url && p.state === 'published' && (
              <a href={p.url} target="_blank" rel="noopener noreferrer">
                {t('viewLive')}
              </a>
            )}
            {p.state === 'pending' && p.lastError && (
              // Being tried again: why the last attempt failed, and when the next one is.
              <FailureReason error={p.lastError} />
            )}
            {stalled(p) && <span class="meta failure">{t('pubStalled')}</span>}
            {p.state === 'failed' && conflicted(p) && (
              // Someone else's overlapping edit: her choice publishes again, Retry would not help.
              <>
                <FailureReason error={p.lastError} />
                <ConflictChoice api={api} publicationId={p.id} onDecided={pubs.reload} />
              </>
            )}
            {((p.state === 'failed' && !conflicted(p)) || stalled(p)) && (
              <>
                {p.state === 'failed' && <FailureReason error={p.lastError} />}
                <button
                  type="button"
                  onClick={() =>
                    void api
                      .send('POST', `/api/v1/publications/${p.id}/retry`)
                      .then(pubs.reload, pubs.reload)
                  }
                >
                  {t('actionRetry')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
