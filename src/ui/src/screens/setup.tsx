import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { SetupState, SignedIn, User } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { LangSwitch } from '../parts/lang-switch.js';

/**
 * First start: the screen a fresh install opens on. The first administrator is made with the
 * one-time set-up token, and the answer signs her in (issue 13). When an account appeared
 * meanwhile (made with `sitedesk user add`), it says so and leads to Sign in.
 */
export function Setup(props: {
  api: Api;
  onSignedIn: (user: User, csrf: string) => void;
  /** Set-up turned out to be closed: show Sign in. */
  onClosed: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [form, setForm] = useState({ token: '', username: '', password: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [closed, setClosed] = useState(false);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await props.api.send<SignedIn>('POST', '/api/v1/setup', form);
      props.onSignedIn(res.user, res.csrfToken);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'setup_refused') {
        // Refused: a wrong or old token, or an account exists by now. Only the second closes set-up.
        const state = await props.api.get<SetupState>('/api/v1/setup').catch(() => undefined);
        if (state?.setupOpen === false) setClosed(true);
        else setErrors({ fields: { token: t('setupRefused') } });
      } else {
        setErrors(formErrors(err, t, ['token', 'username', 'password']));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="narrow">
      <div class="corner">
        <LangSwitch />
      </div>
      <h1>{t('setupTitle')}</h1>
      {closed ? (
        <div class="card">
          <p>{t('setupClosed')}</p>
          <a href="#/" onClick={props.onClosed}>
            {t('setupGoSignIn')}
          </a>
        </div>
      ) : (
        <form onSubmit={submit} class="card">
          <p>{t('setupIntro')}</p>
          <ErrorBox message={errors.general} />
          <Field label={t('setupToken')} error={errors.fields.token} help={t('setupTokenHelp')}>
            {(p) => (
              <input
                {...p}
                name="token"
                required
                autoComplete="off"
                spellcheck={false}
                value={form.token}
                onInput={set('token')}
              />
            )}
          </Field>
          <Field label={t('username')} error={errors.fields.username} help={t('setupUsernameHelp')}>
            {(p) => (
              <input
                {...p}
                name="username"
                required
                autoComplete="username"
                autoCapitalize="none"
                value={form.username}
                onInput={set('username')}
              />
            )}
          </Field>
          <Field label={t('password')} error={errors.fields.password} help={t('passwordHelp')}>
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                required
                minLength={12}
                autoComplete="new-password"
                value={form.password}
                onInput={set('password')}
              />
            )}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('setupCreating') : t('createAdmin')}
          </button>
        </form>
      )}
    </main>
  );
}
