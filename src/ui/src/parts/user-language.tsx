import type { ComponentChildren, JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { User } from '../api/types.js';
import { I18nContext, makeI18n, useDocumentLang, useI18n, type Lang } from '../i18n/i18n.js';

/**
 * The signed-in user's language around the agency screens: the one saved on the user, else
 * the browser's. The language switch inside saves the choice on the user (not the browser),
 * so it follows her to the phone; a failed save goes back and says so.
 */
export function UserLanguage(props: {
  api: Api;
  user: User;
  children: ComponentChildren;
}): JSX.Element {
  const outer = useI18n();
  const [lang, setLang] = useState<Lang>(props.user.language ?? outer.lang);
  const [failed, setFailed] = useState(false);
  const i18n = useMemo(
    () => ({
      ...makeI18n(lang, (next) => {
        const before = lang;
        setLang(next);
        setFailed(false);
        props.api.send('PUT', '/api/v1/auth/me/language', { language: next }).catch(() => {
          setLang(before);
          setFailed(true);
        });
      }),
      saveFailed: failed,
    }),
    [lang, failed, props.api],
  );
  useDocumentLang(lang);
  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
}
