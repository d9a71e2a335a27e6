import type { ComponentChildren, JSX } from 'preact';
import type { User } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { LangSwitch } from './lang-switch.js';

const nav: [string, MessageKey][] = [
  ['today', 'navToday'],
  ['tasks', 'navTasks'],
  ['clients', 'navClients'],
  ['write', 'navEditor'],
  ['schedules', 'navSchedules'],
];
// Operator facts (secret store, variables) are for admins only (issue 14).
const systemNav: [string, MessageKey] = ['system', 'navSystem'];

/** Header with the menu, the language switch and sign-out; the screen below. */
export function Layout(props: {
  user: User;
  route: string[];
  onSignOut: () => void;
  /** The pointer or focus is on the menu entry of `path` (its screen may be fetched ahead). */
  onNear?: (path: string) => void;
  children: ComponentChildren;
}): JSX.Element {
  const { t } = useI18n();
  const current = props.route[0] ?? 'today';
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <header class="top">
        <span class="brand">{t('appName')}</span>
        <nav aria-label={t('mainNav')}>
          <ul>
            {(props.user.role === 'admin' ? [...nav, systemNav] : nav).map(([path, key]) => (
              <li key={path}>
                <a
                  href={'#/' + path}
                  aria-current={current === path ? 'page' : undefined}
                  onPointerEnter={() => props.onNear?.(path)}
                  onFocus={() => props.onNear?.(path)}
                >
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="top-tools">
          <LangSwitch />
          <span class="who">{t('signedInAs', { name: props.user.username })}</span>
          <button type="button" class="link-button" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
