import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Discovery, Region } from '../api/region-types.js';
import type { Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Field, valueOf } from '../parts/field.js';
import {
  markerBlock,
  problemWords,
  regionNameFrom,
  regionPlace,
  siteKindWords,
} from '../parts/region-words.js';
import { RegionProblem } from './region-row.js';

type CheckResult =
  { found: Region } | { notFound: true; problems: Discovery['problems'] } | undefined;

/**
 * How to mark a part of a page on this kind of site (a WordPress Custom HTML block, a Ghost HTML
 * card, two comment lines in a git page), the lines to paste with a Copy button, and Check,
 * which looks for regions on the site and says whether the new one is there.
 */
export function RegionMarking({
  api,
  site,
  discover,
}: {
  api: Api;
  site: Site;
  /** Runs discovery on the site (and shows its result beside the site); undefined on failure. */
  discover: () => Promise<Discovery | undefined>;
}): JSX.Element {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [copied, setCopied] = useState<boolean | undefined>();
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<CheckResult>();
  const lines = useRef<HTMLTextAreaElement>(null);
  const generator = typeof site.settings.generator === 'string' ? site.settings.generator : '';
  // Until she types a name, the lines show the example's ("Opening hours" → opening-hours).
  const name = regionNameFrom(label || t('regions.exampleName'));
  const block = markerBlock(
    name || regionNameFrom(t('regions.exampleName')),
    t('regions.helpSampleText'),
  );
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(block);
      setCopied(true);
    } catch {
      // No clipboard permission (or no secure context): the lines are selected for Ctrl+C.
      lines.current?.select();
      setCopied(false);
    }
  };
  const check = async (): Promise<void> => {
    setChecking(true);
    setResult(undefined);
    const answer = await discover();
    setChecking(false);
    if (!answer) return;
    const found = answer.regions.find((r) => r.name === name && r.status === 'ok');
    if (!found) {
      setResult({ notFound: true, problems: answer.problems.filter((p) => p.name === name) });
      return;
    }
    setResult({ found });
    // Her own words for the part ("Otevírací doba") rather than the one made from the marker.
    if (label.trim() && found.label !== label.trim())
      await api
        .send('PATCH', `/api/v1/regions/${found.id}`, { label: label.trim() })
        .catch(() => undefined);
  };
  return (
    <details class="region-marking">
      <summary>
        {t('regions.helpTitle')} —{' '}
        {t('regions.helpFor', {
          site: site.name,
          kind: siteKindWords(site.kind, generator, t),
        })}
      </summary>
      <Field
        label={t('regions.helpName')}
        help={t('regions.helpNameExample', { example: t('regions.exampleName') })}
        error={label && !name ? t('regions.helpNameMissing') : undefined}
      >
        {(p) => (
          <input
            {...p}
            value={label}
            onInput={(e) => {
              setLabel(valueOf(e));
              setCopied(undefined);
              setResult(undefined);
            }}
          />
        )}
      </Field>
      <p>{t(`regions.help.${site.kind}`)}</p>
      <textarea
        ref={lines}
        class="marker-lines"
        readOnly
        rows={3}
        aria-label={t('regions.markerLines')}
        value={block}
      />
      <div class="buttons">
        <button type="button" onClick={() => void copy()}>
          {t('regions.copy')}
        </button>
        <button type="button" onClick={() => void check()} disabled={checking || !name}>
          {checking ? t('regions.checking') : t('regions.check')}
        </button>
      </div>
      {copied !== undefined && (
        <p role="status" class={copied ? 'ok' : 'help'}>
          {copied ? t('regions.copied') : t('regions.copyFailed')}
        </p>
      )}
      {result && 'found' in result && (
        <p role="status" class="ok-box">
          {t('regions.checkFound', { place: regionPlace(result.found, t) })}
        </p>
      )}
      {result && 'notFound' in result && (
        <div role="status">
          <p class="error-box">{t('regions.checkNotFound', { site: site.name })}</p>
          {result.problems.map((p) => {
            const words = problemWords(
              p,
              {
                label: label || name,
                name,
                page: { ref: p.pageRef, title: p.pageTitle },
                status: 'broken',
              },
              t,
            );
            return words ? <RegionProblem key={p.pageRef} words={words} /> : null;
          })}
        </div>
      )}
    </details>
  );
}
