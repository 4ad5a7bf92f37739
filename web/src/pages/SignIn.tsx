import { type FormEvent, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox.js';
import { LanguageSwitch } from '../components/Layout.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../lib/session.js';

export function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(name.trim(), password);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">
          {t('app.name')} — {t('signin.title')}
        </h1>
        <p className="muted">{t('app.tagline')}</p>
        <label htmlFor="signin-name">{t('signin.name')}</label>
        <input
          id="signin-name"
          name="username"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          // biome-ignore lint/a11y/noAutofocus: the sign-in form is the only thing on the page.
          autoFocus
        />
        <label htmlFor="signin-password">{t('signin.password')}</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error !== undefined && <ErrorBox error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
        <p className="muted small">{t('signin.hint')}</p>
      </form>
    </main>
  );
}
