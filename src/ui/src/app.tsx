import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, createApi, csrfFromCookie, type Api } from './api/client.js';
import type { Me, SetupState, User } from './api/types.js';
import { I18nContext, initialLang, makeI18n, useDocumentLang, type Lang } from './i18n/i18n.js';
import { Layout } from './parts/layout.js';
import { go, useRoute } from './parts/route.js';
import { UserLanguage } from './parts/user-language.js';
import { lazyScreen } from './parts/lazy-screen.js';
import { SignIn } from './screens/sign-in.js';
import { Setup } from './screens/setup.js';
import { preloadScreen, Screens, startAt } from './screens/screens.js';

// A client's private page and the unsubscribe page are never the agency's first screen.
const clientPage = lazyScreen(() => import('./screens/client-page.js').then((m) => m.ClientPage));
const unsubscribePage = lazyScreen(() =>
  import('./screens/unsubscribe-page.js').then((m) => m.UnsubscribePage),
);

/**
 * The whole app: the browser's language (sign-in, set-up and the client page use it), who is
 * signed in, and which screen shows. A signed-in user reads the app in their own language.
 */
export function App(): JSX.Element {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(
    () =>
      makeI18n(lang, (l) => {
        localStorage.setItem('sitedesk.lang', l);
        setLangState(l);
      }),
    [lang],
  );
  useDocumentLang(lang);
  const route = useRoute();
  return (
    <I18nContext.Provider value={i18n}>
      {route[0] === 'c' && route[1] ? (
        <clientPage.Screen token={route[1]} />
      ) : route[0] === 'u' && route[1] ? (
        <unsubscribePage.Screen token={route[1]} />
      ) : (
        <AgencyApp route={route} />
      )}
    </I18nContext.Provider>
  );
}

function AgencyApp({ route }: { route: string[] }): JSX.Element {
  const [csrf, setCsrf] = useState<string | undefined>(undefined);
  const api: Api = useMemo(
    () => createApi({ kind: 'session', csrf: () => csrf ?? csrfFromCookie() }),
    [csrf],
  );
  // Once, during the first render (an effect would wait for the first paint): the first
  // screen's chunk and data are fetched while "who am I" is asked.
  useState(() => startAt(route));
  const [user, setUser] = useState<User | null | undefined>(undefined);
  // Whether no account exists yet: then a fresh install opens on the set-up screen (issue 13).
  const [setupOpen, setSetupOpen] = useState(false);
  useEffect(() => {
    api
      .get<Me>('/api/v1/auth/me')
      .then((me) => setUser(me.kind === 'user' ? me.user : null))
      .catch(async (err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
        // Asked only when nobody is signed in; a failed answer means Sign in, as before.
        const setup = await api.get<SetupState>('/api/v1/setup').catch(() => undefined);
        setSetupOpen(setup?.setupOpen === true);
        setUser(null);
      });
    // Only once at start: later sign-ins set the user directly.
  }, []);
  const signedIn = (u: User, token: string): void => {
    setCsrf(token);
    setSetupOpen(false);
    setUser(u);
  };
  if (user === undefined) return <p class="center-note">…</p>;
  if (!user) {
    if (setupOpen)
      return (
        <Setup
          api={api}
          onSignedIn={(u, token) => {
            // Straight to Today as the new administrator.
            go('');
            signedIn(u, token);
          }}
          onClosed={() => setSetupOpen(false)}
        />
      );
    return <SignIn api={api} onSignedIn={signedIn} />;
  }
  const signOut = async (): Promise<void> => {
    await api.send('POST', '/api/v1/auth/logout').catch(() => undefined);
    setCsrf(undefined);
    setUser(null);
  };
  return (
    <UserLanguage api={api} user={user}>
      <Layout user={user} route={route} onSignOut={signOut} onNear={preloadScreen}>
        <Screens api={api} route={route} onSignedOut={() => setUser(null)} />
      </Layout>
    </UserLanguage>
  );
}
