import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { LangSwitch } from '../parts/lang-switch.js';
import { go } from '../parts/route.js';

/** First start: the first admin, with the one-time set-up token. */
export function Setup(props: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const [form, setForm] = useState({ token: '', username: '', password: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      await props.api.send('POST', '/api/v1/setup', form);
      go('');
    } catch (err) {
      setErrors(formErrors(err, t, ['token', 'username', 'password']));
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
      <form onSubmit={submit} class="card">
        <p>{t('setupHelp')}</p>
        <ErrorBox message={errors.general} />
        <Field label={t('setupToken')} error={errors.fields.token}>
          {(p) => (
            <input
              {...p}
              name="token"
              required
              autoComplete="off"
              value={form.token}
              onInput={set('token')}
            />
          )}
        </Field>
        <Field label={t('username')} error={errors.fields.username}>
          {(p) => (
            <input
              {...p}
              name="username"
              required
              autoComplete="username"
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
          {t('createAdmin')}
        </button>
      </form>
      <p>
        <a href="#/">{t('backToSignIn')}</a>
      </p>
    </main>
  );
}
