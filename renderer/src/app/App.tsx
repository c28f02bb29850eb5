// Providers and routes. Hash routing: the desk is static files (served by the hub or loaded by Electron).
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { HashRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { can, type Permission } from '../../../common/domain/policy.ts';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { CustomerPage } from '../features/customers/CustomerPage.tsx';
import { CustomersPage } from '../features/customers/CustomersPage.tsx';
import { DuplicatesPage } from '../features/identity/DuplicatesPage.tsx';
import { ConversationSlot } from '../features/inbox/ConversationSlot.tsx';
import { InboxPage } from '../features/inbox/InboxPage.tsx';
import { ChannelsPage } from '../features/settings/ChannelsPage.tsx';
import { DeskSettingsPage } from '../features/settings/DeskSettingsPage.tsx';
import { LoyaltySettingsPage } from '../features/loyalty/LoyaltySettingsPage.tsx';
import { StockImportPage } from '../features/stockImport/StockImportPage.tsx';
import { VoiceRulesPage } from '../features/voice/settings/VoiceRulesPage.tsx';
import { StoreDeskPage } from '../features/storeDesk/StoreDeskPage.tsx';
import { StorePage } from '../features/stores/StorePage.tsx';
import { StoresPage } from '../features/stores/StoresPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { TemplatesPage } from '../features/templates/TemplatesPage.tsx';
import { MyReviewPage, MyReviewsPage } from '../features/review/MyReviewsPage.tsx';
import { ReviewByIdPage, ReviewEditorPage } from '../features/review/ReviewEditorPage.tsx';
import { ReviewWorkspacePage } from '../features/review/ReviewWorkspacePage.tsx';
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
        <Route path="store" element={<Requires permission="reservations.manage"><StoreDeskPage /></Requires>} />
        <Route path="duplicates" element={<Requires permission="identity.merge"><DuplicatesPage /></Requires>} />
        <Route path="users" element={<Requires permission="users.manage"><UsersPage /></Requires>} />
        <Route path="templates" element={<Requires permission={['conversations.read', 'templates.author']}><TemplatesPage /></Requires>} />
        <Route path="review" element={<Requires permission="reviews.manage"><ReviewWorkspacePage /></Requires>} />
        <Route path="review/conversations/:conversationId" element={<Requires permission="reviews.manage"><ReviewEditorPage /></Requires>} />
        <Route path="review/reviews/:id" element={<Requires permission="reviews.manage"><ReviewByIdPage /></Requires>} />
        <Route path="my-reviews" element={<Requires permission="conversations.read"><MyReviewsPage /></Requires>} />
        <Route path="my-reviews/:id" element={<Requires permission="conversations.read"><MyReviewPage /></Requires>} />
        <Route path="settings" element={<SettingsLanding />} />
        <Route path="settings/channels" element={<Requires permission="channels.manage"><ChannelsPage /></Requires>} />
        <Route path="settings/desk" element={<Requires permission="workspace.manage"><DeskSettingsPage /></Requires>} />
        <Route path="settings/loyalty" element={<Requires permission="workspace.manage"><LoyaltySettingsPage /></Requires>} />
        <Route path="settings/stock" element={<Requires permission="stock.import"><StockImportPage /></Requires>} />
        <Route path="settings/voice" element={<Requires permission="voice.manage"><VoiceRulesPage /></Requires>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** Where each role starts: whoever works conversations in the inbox, store staff on their store desk, everyone else on customers. */
function Landing() {
  const me = useMe();
  const canCustomers = useCan('customers.read');
  const canConversations = useCan('conversations.read');
  if (canConversations) return <Navigate to="/inbox" replace />;
  if (me.role === 'store_staff' && me.storeId) return <Navigate to="/store" replace />;
  return <Navigate to={canCustomers ? '/customers' : '/stores'} replace />;
}

/** Settings open on the first section the user may change. */
function SettingsLanding() {
  const canChannels = useCan('channels.manage');
  return <Navigate to={canChannels ? '/settings/channels' : '/settings/desk'} replace />;
}

/** Any one of the permissions in a list will do. */
function Requires({ permission, children }: { permission: Permission | Permission[]; children: ReactNode }) {
  const { t } = useT();
  const me = useMe();
  const allowed = (Array.isArray(permission) ? permission : [permission]).some((p) => can(me.role, p));
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
