import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { languages, useI18n, type Lang } from '../i18n/i18n.js';

/** The language picker (saved on the signed-in user, else in this browser). */
export function LangSwitch(): JSX.Element {
  const { t, lang, setLang, saveFailed } = useI18n();
  const id = useId();
  return (
    <span class="lang">
      <label for={id}>{t('language')}</label>
      <select
        id={id}
        value={lang}
        onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}
      >
        {Object.entries(languages).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
      {saveFailed && (
        <span class="error" role="alert">
          {t('languageNotSaved')}
        </span>
      )}
    </span>
  );
}
