import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Discovery, Region } from '../api/region-types.js';
import type { Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { problemWords, siteKindWords } from '../parts/region-words.js';
import { RegionMarking } from './region-marking.js';
import { RegionProblem, RegionRow } from './region-row.js';

/**
 * The pages of a site whose markers are broken, found by the last discovery — those not
 * already shown as a region of the list with its own problem.
 */
function PageProblems({
  site,
  found,
  listed,
}: {
  site: Site;
  found: Discovery;
  listed: Region[];
}): JSX.Element | null {
  const { t } = useI18n();
  const shown = (p: Discovery['problems'][number]): boolean =>
    listed.some((r) => r.page.ref === p.pageRef && r.status !== 'ok' && p.name === r.name);
  const problems = found.problems.filter((p) => !shown(p));
  if (!problems.length) return null;
  return (
    <div class="region-page-problems">
      <p>{t('regions.pageProblems', { site: site.name })}</p>
      {problems.map((p) => {
        const words = problemWords(
          p,
          {
            label: p.name,
            name: p.name,
            page: { ref: p.pageRef, title: p.pageTitle },
            status: 'broken',
          },
          t,
        );
        return words ? <RegionProblem key={`${p.pageRef}-${p.code}`} words={words} /> : null;
      })}
    </div>
  );
}

/** How many of the regions found have their markers in place. */
const ready = (found: Discovery): number => found.regions.filter((r) => r.status === 'ok').length;

/** One site's regions, its Look for regions action and the help for marking a new one. */
function SiteRegions({
  api,
  site,
  regions,
  onChanged,
}: {
  api: Api;
  site: Site;
  regions: Region[];
  onChanged: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<Discovery | undefined>();
  const [error, setError] = useState<string | undefined>();
  const generator = typeof site.settings.generator === 'string' ? site.settings.generator : '';
  const discover = async (): Promise<Discovery | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.send<Discovery>('POST', `/api/v1/sites/${site.id}/regions/discover`);
      setFound(answer);
      onChanged();
      return answer;
    } catch (err) {
      setError(formErrors(err, t).general);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="site-regions" data-site={site.name}>
      <div class="site-head">
        <strong>{site.name}</strong>{' '}
        <span class="kind">{siteKindWords(site.kind, generator, t)}</span>
      </div>
      <div class="buttons">
        <button type="button" onClick={() => void discover()} disabled={busy}>
          {busy ? t('regions.looking') : t('regions.lookFor')}
        </button>
      </div>
      <ErrorBox message={error} />
      {found && (
        <p role="status" class={ready(found) ? 'ok' : 'muted'}>
          {ready(found)
            ? t('regions.foundOn', { site: site.name, count: ready(found) })
            : t('regions.noneOnSite', { site: site.name })}
        </p>
      )}
      {found && <PageProblems site={site} found={found} listed={regions} />}
      {regions.length > 0 && (
        <ul class="rows">
          {regions.map((r) => (
            <RegionRow key={r.id} api={api} region={r} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <RegionMarking site={site} discover={discover} api={api} />
    </li>
  );
}

/**
 * A client's page regions (issue 23): per site the marked parts found, with their state, Update
 * and Rename; Look for regions; and how to mark a new one.
 */
export function ClientRegions({
  api,
  clientId,
  sites,
}: {
  api: Api;
  clientId: string;
  sites: Site[];
}): JSX.Element | null {
  const { t } = useI18n();
  const regions = useData<{ regions: Region[] }>(api, `/api/v1/clients/${clientId}/regions`);
  if (!sites.length) return null;
  const all = regions.data?.regions ?? [];
  return (
    <section class="client-regions" aria-labelledby={`regions-${clientId}`}>
      <h3 id={`regions-${clientId}`}>{t('regions.title')}</h3>
      <p class="help">{t('regions.intro')}</p>
      <ErrorBox message={regions.error ? formErrors(regions.error, t).general : undefined} />
      <ul class="sites">
        {sites.map((s) => (
          <SiteRegions
            key={s.id}
            api={api}
            site={s}
            regions={all.filter((r) => r.siteId === s.id)}
            onChanged={regions.reload}
          />
        ))}
      </ul>
    </section>
  );
}
