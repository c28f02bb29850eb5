// Providers and routes. Hash routing: the desk is static files (served by the hub or loaded by Electron).
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { HashRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../../common/domain/policy.ts';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { CustomerPage } from '../features/customers/CustomerPage.tsx';
import { CustomersPage } from '../features/customers/CustomersPage.tsx';
import { DuplicatesPage } from '../features/identity/DuplicatesPage.tsx';
import { ConversationSlot } from '../features/inbox/ConversationSlot.tsx';
import { InboxPage } from '../features/inbox/InboxPage.tsx';
import { ChannelsPage } from '../features/settings/ChannelsPage.tsx';
import { DeskSettingsPage } from '../features/settings/DeskSettingsPage.tsx';
import { StorePage } from '../features/stores/StorePage.tsx';
import { StoresPage } from '../features/stores/StoresPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { EmptyState } from '../ui/States.tsx';
import { SessionProvider, useCan, useMe, useSession } from './context.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useT } from './i18n.ts';
import { Shell } from './Shell.tsx';
import type { SessionStore } from './sessionStore.ts';

export function App({ store, i18n }: { store: SessionStore; i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider store={store}>
        <HashRouter>
          <Root />
        </HashRouter>
      </SessionProvider>
    </I18nextProvider>
  );
}

function Root() {
  const { session } = useSession();
  const location = useLocation();
  // Signed out, every address shows sign-in; after signing in the same address opens.
  if (!session) {
    return (
      <ErrorBoundary resetKey={location.pathname}>
        <SignInPage />
      </ErrorBoundary>
    );
  }
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Landing />} />
        <Route path="inbox" element={<Requires permission="conversations.read"><InboxPage /></Requires>}>
          <Route path=":conversationId" element={<ConversationSlot />} />
        </Route>
        <Route path="customers" element={<Requires permission="customers.read"><CustomersPage /></Requires>} />
        <Route path="customers/:id" element={<Requires permission="customers.read"><CustomerPage /></Requires>} />
        <Route path="stores" element={<StoresPage />} />
        <Route path="stores/:id" element={<StorePage />} />
        <Route path="duplicates" element={<Requires permission="identity.merge"><DuplicatesPage /></Requires>} />
        <Route path="users" element={<Requires permission="users.manage"><UsersPage /></Requires>} />
        <Route path="settings" element={<SettingsLanding />} />
        <Route path="settings/channels" element={<Requires permission="channels.manage"><ChannelsPage /></Requires>} />
        <Route path="settings/desk" element={<Requires permission="workspace.manage"><DeskSettingsPage /></Requires>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** Where each role starts: whoever works conversations in the inbox, store staff on their store, everyone else on customers. */
function Landing() {
  const me = useMe();
  const canCustomers = useCan('customers.read');
  const canConversations = useCan('conversations.read');
  if (canConversations) return <Navigate to="/inbox" replace />;
  if (me.role === 'store_staff' && me.storeId) return <Navigate to={`/stores/${me.storeId}`} replace />;
  return <Navigate to={canCustomers ? '/customers' : '/stores'} replace />;
}

/** Settings open on the first section the user may change. */
function SettingsLanding() {
  const canChannels = useCan('channels.manage');
  return <Navigate to={canChannels ? '/settings/channels' : '/settings/desk'} replace />;
}

function Requires({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useT();
  const allowed = useCan(permission);
  if (allowed) return children;
  return (
    <div className="page">
      <EmptyState icon="lock" title={t('shell:NoAccess.title')}>
        <p>{t('shell:NoAccess.body')}</p>
        <Link to="/" className="btn">
          {t('shell:NoAccess.home')}
        </Link>
      </EmptyState>
    </div>
  );
}

function NotFound() {
  const { t } = useT();
  return (
    <div className="page">
      <EmptyState icon="search" title={t('shell:NotFound.title')}>
        <Link to="/" className="btn">
          {t('shell:NotFound.home')}
        </Link>
      </EmptyState>
    </div>
  );
}
