// The frame around every signed-in screen: product, sections, who is signed in, the hub connection,
// language and sign-out.
import { NavLink, Outlet, useLocation } from 'react-router';
import type { Locale } from '../../../common/domain/enums.ts';
import { Icon, Logo, type IconName } from '../ui/Icon.tsx';
import { useCan, useConnectionState, useMe, useSessionStore } from './context.tsx';
import { DeskServices } from './DeskServices.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { currentLocale, useT } from './i18n.ts';
import { useInboxCounts } from './inboxState.ts';
import { PresenceSelect } from './presence.tsx';
import './desk.css';

export function Shell() {
  const { t } = useT();
  const location = useLocation();
  const canConversations = useCan('conversations.read');
  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('shell:SkipToContent')}
      </button>
      <header className="topbar">
        <div className="topbar__brand">
          <Logo />
          <span className="topbar__product">{t('common:Product.name')}</span>
        </div>
        <MainNav />
        <div className="topbar__tools">
          <DeskServices />
          {canConversations ? <PresenceSelect /> : null}
          <ConnectionIndicator />
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function MainNav() {
  const { t } = useT();
  const me = useMe();
  const canCustomers = useCan('customers.read');
  const canUsers = useCan('users.manage');
  const canMerge = useCan('identity.merge');
  const canChannels = useCan('channels.manage');
  const canWorkspace = useCan('workspace.manage');
  const canConversations = useCan('conversations.read');
  const canStoreDesk = useCan('reservations.manage');
  const canTemplates = useCan('templates.author');
  const canReviews = useCan('reviews.manage');
  // Store staff work in their store desk (/store); its header links to the store's details.
  const storesTo = me.role === 'store_staff' && me.storeId ? '/store' : '/stores';
  const ownStore = me.role === 'store_staff' && me.storeId;
  const customers = { to: '/customers', label: t('shell:Nav.customers'), icon: 'users' as IconName, show: canCustomers };
  const stores = { to: storesTo, label: ownStore ? t('shell:Nav.myStore') : t('shell:Nav.stores'), icon: 'store' as IconName, show: true };
  // Store staff start on their store, so it comes first for them.
  const items: Array<{ to: string; label: string; icon: IconName; show: boolean; badge?: boolean }> = [
    { to: '/inbox', label: t('shell:Nav.inbox'), icon: 'inbox', show: canConversations, badge: true },
    ...(ownStore ? [stores, customers] : [customers, stores]),
    { to: '/store', label: t('reservations:Desk.nav'), icon: 'bag', show: canStoreDesk && !ownStore },
    { to: '/templates', label: t('templates:Page.nav'), icon: 'edit', show: canConversations || canTemplates },
    { to: '/review', label: t('review:Nav.workspace'), icon: 'star', show: canReviews },
    { to: '/my-reviews', label: t('review:Nav.mine'), icon: 'check', show: canConversations },
    { to: '/duplicates', label: t('shell:Nav.duplicates'), icon: 'merge', show: canMerge },
    { to: '/users', label: t('shell:Nav.users'), icon: 'shield', show: canUsers },
    { to: '/settings', label: t('shell:Nav.settings'), icon: 'settings', show: canChannels || canWorkspace },
  ];
  return (
    <nav className="topbar__nav" aria-label={t('shell:Nav.label')}>
      <ul>
        {items
          .filter((item) => item.show)
          .map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className="navlink">
                <Icon name={item.icon} />
                <span>{item.label}</span>
                {item.badge ? <InboxBadge /> : null}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** Conversations of mine with unread messages, beside the Inbox nav item. */
function InboxBadge() {
  const { t } = useT();
  const { unreadOf } = useInboxCounts();
  const unread = unreadOf('mine');
  if (unread <= 0) return null;
  return (
    <>
      <span className="nav-badge" aria-hidden="true">
        {unread > 99 ? '99+' : unread}
      </span>
      <span className="visually-hidden">{t('shell:Nav.unread', { count: unread })}</span>
    </>
  );
}

export function ConnectionIndicator() {
  const { t } = useT();
  const state = useConnectionState();
  const text = t(`shell:Connection.${state}`);
  return (
    <div className={`conn conn--${state}`} role="status" aria-live="polite" aria-label={t('shell:Connection.label', { state: text })}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__text">{text}</span>
    </div>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useT();
  const store = useSessionStore();
  const locale = currentLocale(i18n);
  return (
    <label className="lang">
      <Icon name="globe" />
      <span className="visually-hidden">{t('shell:Language.label')}</span>
      <select
        className="lang__select"
        value={locale}
        aria-label={t('shell:Language.label')}
        onChange={(event) => void store.setLocale(event.target.value as Locale)}
      >
        <option value="ru" lang="ru">
          {t('shell:Language.ru')}
        </option>
        <option value="en" lang="en">
          {t('shell:Language.en')}
        </option>
      </select>
    </label>
  );
}

function UserMenu() {
  const { t } = useT();
  const me = useMe();
  const store = useSessionStore();
  const initials = me.displayName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
  return (
    <div className="usermenu">
      <span className="avatar" aria-hidden="true">
        {initials}
      </span>
      <span className="usermenu__who">
        <span className="usermenu__name">{me.displayName}</span>
        <span className="usermenu__role">
          {t(`common:Role.${me.role}`)}
          {me.storeName ? ` · ${me.storeName}` : ''}
        </span>
      </span>
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        onClick={() => {
          window.location.hash = '#/';
          store.signOut(null, true);
        }}
        aria-label={t('shell:SignOut')}
        title={t('shell:SignOut')}
      >
        <Icon name="logout" size={18} />
      </button>
    </div>
  );
}
