import type { ReactNode } from 'react';
import { LANGS, type MessageKey, useI18n } from '../i18n/index.js';
import { useSession, useUser } from '../lib/session.js';
import { Link } from './Link.js';
import { Party } from './Party.js';

export interface NavItem {
  path: string;
  label: MessageKey;
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset className="lang" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          onClick={() => setLang(l)}
          title={l === 'en' ? 'English' : 'Русский'}
        >
          {l === 'en' ? 'EN' : 'RU'}
        </button>
      ))}
    </fieldset>
  );
}

export function Layout({ nav, current, children }: { nav: NavItem[]; current: string; children: ReactNode }) {
  const { t } = useI18n();
  const user = useUser();
  const { signOut } = useSession();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <div className="who">
          <Party code={user.party} />
          <span>
            {user.name} · {t(`role.${user.role}`)}
          </span>
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()}>
            {t('signout')}
          </button>
        </div>
      </header>
      <nav className="side" aria-label={t('nav.label')}>
        <ul>
          {nav.map((n) => (
            <li key={n.path}>
              <Link to={n.path} className={current === n.path ? 'active' : undefined}>
                <span aria-current={current === n.path ? 'page' : undefined}>{t(n.label)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
