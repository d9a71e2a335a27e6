import type { JSX } from 'preact';
import { useI18n } from '../i18n/i18n.js';
import { causeWords, notWorking, type SiteView } from './site-view.js';

/**
 * The client's sites as checkboxes (where to publish), with the API's error below. A site
 * whose last check failed cannot be chosen: it is shown disabled with the reason (issue 14).
 */
export function SitePicker(props: {
  sites: SiteView[] | undefined;
  picked: string[];
  onChange: (picked: string[]) => void;
  error: string | undefined;
}): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const anyBroken = (props.sites ?? []).some(notWorking);
  return (
    <fieldset aria-describedby={props.error ? 'site-err' : undefined}>
      <legend>{t('targetSites')}</legend>
      {(props.sites ?? []).map((s) => {
        const broken = notWorking(s);
        return (
          <label key={s.id} class={broken ? 'check check-disabled' : 'check'}>
            <input
              type="checkbox"
              name="site"
              value={s.id}
              disabled={broken}
              checked={!broken && props.picked.includes(s.id)}
              aria-describedby={broken ? `site-why-${s.id}` : undefined}
              onChange={(e) =>
                props.onChange(
                  (e.currentTarget as HTMLInputElement).checked
                    ? [...props.picked, s.id]
                    : props.picked.filter((x) => x !== s.id),
                )
              }
            />
            <span>
              {s.name} ({t(`siteKind.${s.kind}`)})
              {broken && (
                <span class="meta why-disabled" id={`site-why-${s.id}`}>
                  {' — '}
                  {t('sitePickerNotWorking', { cause: causeWords(s.check?.cause, i18n) })}
                </span>
              )}
            </span>
          </label>
        );
      })}
      {anyBroken && <p class="help">{t('sitePickerFix')}</p>}
      {props.sites?.length === 0 && <p class="muted">{t('noSitesYet')}</p>}
      {props.error && (
        <p class="error" id="site-err" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
