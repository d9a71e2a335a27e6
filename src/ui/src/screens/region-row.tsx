import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Region } from '../api/region-types.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { problemWords, regionPlace, type RegionProblemWords } from '../parts/region-words.js';

const badgeClass = { ok: 'badge-approved', missing: 'badge-failed', broken: 'badge-failed' };

// A marker inside a sentence, kept on one line where it fits (it is to be typed exactly).
const MARKER = /(<!-- \/?sitedesk:\S* -->)/;

function WithMarkers({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text.split(MARKER).map((part, n) =>
        n % 2 === 1 ? (
          <code class="marker" key={n}>
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** What went wrong with a region's markers and how to put them back, in her words. */
export function RegionProblem({ words }: { words: RegionProblemWords }): JSX.Element {
  const { t } = useI18n();
  return (
    <div class="error-box region-problem" role="status">
      <p>{words.what}</p>
      <p>
        <WithMarkers text={t('regions.howToFix', { fix: words.fix })} />
      </p>
    </div>
  );
}

/** One region of a client's site: where it is, whether it is ready, Update and Rename. */
export function RegionRow({
  api,
  region,
  onChanged,
}: {
  api: Api;
  region: Region;
  onChanged: () => void;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [label, setLabel] = useState(region.label);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const problem = problemWords(region.problem, region, t);
  const rename = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      await api.send('PATCH', `/api/v1/regions/${region.id}`, { label });
      setErrors({ fields: {} });
      setRenaming(false);
      onChanged();
    } catch (err) {
      setErrors(formErrors(err, t, ['label']));
    }
  };
  return (
    <li class="region" data-region={region.name}>
      <span class="task-line">
        <span class="task-title">{region.label}</span>
        <span class="meta">{regionPlace(region, t)}</span>
        <span class="meta">
          {t('regions.checkedAt', { when: dateTime(region.checkedAt) })}
          {region.updatedAt
            ? ` ${t('regions.changedAt', { when: dateTime(region.updatedAt) })}`
            : ''}
        </span>
      </span>
      <span class={`badge ${badgeClass[region.status]}`}>
        {t(`regions.status.${region.status}`)}
      </span>
      <span class="buttons">
        {region.status === 'ok' && (
          <a
            class="button"
            href={`#/regions/${region.id}`}
            aria-label={t('regions.updateLabel', { label: region.label })}
          >
            {t('regions.update')}
          </a>
        )}
        <button type="button" aria-expanded={renaming} onClick={() => setRenaming(!renaming)}>
          {t('regions.rename')}
        </button>
        {region.page.url && (
          <a class="button" href={region.page.url} target="_blank" rel="noopener noreferrer">
            {t('regions.openPage')}
          </a>
        )}
      </span>
      {problem && <RegionProblem words={problem} />}
      {renaming && (
        <form class="region-rename" onSubmit={(e) => void rename(e)}>
          <ErrorBox message={errors.general} />
          <Field label={t('regions.labelField')} error={errors.fields.label}>
            {(p) => <input {...p} required value={label} onInput={(e) => setLabel(valueOf(e))} />}
          </Field>
          <div class="buttons">
            <button type="submit" class="primary">
              {t('save')}
            </button>
            <button
              type="button"
              onClick={() => {
                setLabel(region.label);
                setRenaming(false);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** On a region update's task page: the way back to change the text again. */
export function RegionAgain({ regionId }: { regionId: string }): JSX.Element | null {
  const { t } = useI18n();
  if (!regionId) return null;
  return (
    <section class="card" aria-labelledby="region-again">
      <h2 id="region-again">{t('regions.againTitle')}</h2>
      <a class="button" href={`#/regions/${regionId}`}>
        {t('regions.again')}
      </a>
    </section>
  );
}
