import type { JSX } from 'preact';
import type { Site } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';

/** The client's sites as checkboxes (where to publish), with the API's error below. */
export function SitePicker(props: {
  sites: Site[] | undefined;
  picked: string[];
  onChange: (picked: string[]) => void;
  error: string | undefined;
}): JSX.Element {
  const { t } = useI18n();
  return (
    <fieldset aria-describedby={props.error ? 'site-err' : undefined}>
      <legend>{t('targetSites')}</legend>
      {(props.sites ?? []).map((s) => (
        <label key={s.id} class="check">
          <input
            type="checkbox"
            name="site"
            value={s.id}
            checked={props.picked.includes(s.id)}
            onChange={(e) =>
              props.onChange(
                (e.currentTarget as HTMLInputElement).checked
                  ? [...props.picked, s.id]
                  : props.picked.filter((x) => x !== s.id),
              )
            }
          />{' '}
          {s.name} ({t(`siteKind.${s.kind}`)})
        </label>
      ))}
      {props.sites?.length === 0 && <p class="muted">{t('noSitesYet')}</p>}
      {props.error && (
        <p class="error" id="site-err" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
