// One customer: name, contacts, local time, consent, loyalty and recent orders; an edit mode for roles
// that may edit. Watched on the hub while open, so another desk's edit appears here by itself.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import { useCan, useHub, useHubEvent, useHubQuery, useOnReconnect } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Icon } from '../../ui/Icon.tsx';
import { LocalTime } from '../../ui/LocalTime.tsx';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { CustomerEditForm } from './CustomerEditForm.tsx';
import { ConsentSection, ContactsSection, LoyaltySection, ProfileSection, RecentOrdersSection } from './CustomerSections.tsx';
import { ReservationsSection } from '../reserve/ReservationsSection.tsx';

export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const hub = useHub();
  const query = useHubQuery('customer.get', { id });
  const canEdit = useCan('customers.edit');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [changedWhileViewing, setChangedWhileViewing] = useState(false);
  const customer = query.state.data;
  usePageTitle(customer?.fullName ?? t('customers:Page.title'));

  // Watch this customer on the hub while the page is open (and again after a reconnect).
  useEffect(() => {
    void hub.call('customer.watch', { id });
    return () => {
      void hub.call('customer.unwatch', { id });
    };
  }, [hub, id]);
  useOnReconnect(() => void hub.call('customer.watch', { id }));

  useHubEvent('customer.changed', (event) => {
    if (event.id !== id) return;
    if (customer && event.updatedAt <= customer.updatedAt) return;
    query.refresh();
    if (!editing) setChangedWhileViewing(true);
  });

  if (query.state.status === 'loading') return <Loading label={t('customers:Page.loading')} />;
  if (query.state.status === 'error') {
    const error = query.state.error;
    return (
      <div className="page">
        <BackLink />
        {error.code === 'NOT_FOUND' ? (
          <EmptyState icon="user" title={t('customers:Page.notFound')} />
        ) : (
          <ErrorState error={error} onRetry={query.reload} title={t('customers:Page.loadError')} />
        )}
      </div>
    );
  }
  const data = query.state.data;

  return (
    <div className="page">
      <BackLink />
      <header className="page__header customer__header">
        <div className="customer__title">
          <span className="avatar avatar--lg" aria-hidden="true">
            {(data.lastName[0] ?? '') + (data.firstName[0] ?? '')}
          </span>
          <div>
            <h1>{data.fullName}</h1>
            <p className="page__subtitle muted">
              {data.city ? (
                <>
                  <Icon name="pin" /> {data.city} ·{' '}
                </>
              ) : null}
              <LocalTime timeZone={data.timeZone} />
            </p>
          </div>
        </div>
        {canEdit && !editing ? (
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => {
              setSaved(false);
              setChangedWhileViewing(false);
              setEditing(true);
            }}
          >
            <Icon name="edit" /> {t('customers:Page.edit')}
          </button>
        ) : null}
      </header>

      {saved && !editing ? <Notice tone="success">{t('customers:Edit.saved')}</Notice> : null}
      {changedWhileViewing && !editing && !saved ? <Notice tone="info">{t('customers:Page.updatedLive')}</Notice> : null}

      {editing ? (
        <CustomerEditForm
          customer={data}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            query.setData(next);
            setEditing(false);
            setSaved(true);
          }}
          onReload={query.reload}
        />
      ) : (
        <CustomerView customer={data} />
      )}
    </div>
  );
}

function BackLink() {
  const { t } = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const fromList = (location.state as { fromList?: boolean } | null)?.fromList === true;
  return (
    <Link
      to="/customers"
      className="backlink"
      onClick={(event) => {
        // Back to the same search and scroll position when we came from the list.
        if (!fromList) return;
        event.preventDefault();
        void navigate(-1);
      }}
    >
      <Icon name="back" /> {t('customers:Page.back')}
    </Link>
  );
}

function CustomerView({ customer }: { customer: CustomerDetail }) {
  return (
    <div className="grid-2">
      <div className="stack">
        <ContactsSection customer={customer} />
        <ProfileSection customer={customer} />
      </div>
      <div className="stack">
        <LoyaltySection customer={customer} />
        <ConsentSection customer={customer} />
        <ReservationsSection customerId={customer.id} />
      </div>
      <div className="grid-2__full">
        <RecentOrdersSection customer={customer} />
      </div>
    </div>
  );
}
