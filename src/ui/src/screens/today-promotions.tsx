import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import type { Client, LivePromotion, Page, Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData, useLive } from '../parts/data.js';

/** Words of when a promotion is shown: live until its end, or being taken down after it. */
export function LiveUntil({
  endsAt,
  timeZone,
}: {
  endsAt: string;
  timeZone: string | undefined;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const date = dateTime(endsAt, timeZone);
  const ended = endsAt <= new Date().toISOString();
  return (
    <span class={ended ? 'badge badge-failed' : 'badge badge-done'}>
      {t(ended ? 'promo.takingDown' : 'promo.liveUntil', { date })}
    </span>
  );
}

/** Today's "Live now": each promotion on a site now, until when, and its live pages. */
export function LivePromotions(props: {
  api: Api;
  clients: Map<string, Client>;
  sites: Site[];
}): JSX.Element {
  const { t } = useI18n();
  const live = useData<Page<LivePromotion>>(props.api, '/api/v1/promotions/live');
  useLive(props.api, () => live.reload());
  const siteName = new Map(props.sites.map((s) => [s.id, s.name]));
  const items = live.data?.items ?? [];
  return (
    <section aria-labelledby="today-live" class="card">
      <h2 id="today-live">
        {t('promo.liveNow')} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="muted">{t('promo.noneLive')}</p>
      ) : (
        <ul class="rows">
          {items.map((p) => {
            const client = props.clients.get(p.clientId);
            return (
              <li key={p.taskId}>
                <span class="task-line">
                  <a href={'#/tasks/' + p.taskId} class="task-title">
                    {p.title}
                  </a>
                  <span class="meta">
                    {client?.name}
                    {p.sites.map((s) =>
                      s.url ? (
                        <>
                          {' · '}
                          <a key={s.siteId} href={s.url} target="_blank" rel="noopener noreferrer">
                            {t('promo.onSite', { site: siteName.get(s.siteId) ?? '' })}
                          </a>
                        </>
                      ) : null,
                    )}
                  </span>
                </span>
                <LiveUntil endsAt={p.endsAt} timeZone={client?.timezone} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
