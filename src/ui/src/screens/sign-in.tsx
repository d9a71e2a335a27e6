import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { RequestBody } from '../api/schema.js';
import type { SignedIn, User } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';
import { LangSwitch } from '../parts/lang-switch.js';

/**
 * The sign-in screen. It has no "First start?" link: while no account exists the app opens on
 * the set-up screen instead (issue 13), and once one exists there is nothing to set up.
 */
export function SignIn(props: {
  api: Api;
  onSignedIn: (user: User, csrf: string) => void;
}): JSX.Element {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await props.api.send<SignedIn>('POST', '/api/v1/auth/login', {
        username,
        password,
      } satisfies RequestBody<'/api/v1/auth/login', 'post'>);
      props.onSignedIn(res.user, res.csrfToken);
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="narrow">
      <div class="corner">
        <LangSwitch />
      </div>
      <h1>{t('signInTitle')}</h1>
      <form onSubmit={submit} class="card">
        <ErrorBox message={error} />
        <Field label={t('username')}>
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              required
              value={username}
              onInput={(e) => setUsername(valueOf(e))}
            />
          )}
        </Field>
        <Field label={t('password')}>
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(valueOf(e))}
            />
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
