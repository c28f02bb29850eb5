// The customer beside the conversation: the same sections as the customer page (shared components),
// compact, live (watched on the hub), with a link to the customer page for editing.
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useCan, useHub, useHubEvent, useHubQuery, useOnReconnect } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { ConsentSection, ContactsSection, LoyaltySection, ProfileSection, RecentOrdersSection } from '../customers/CustomerSections.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { ReservationsSection } from '../reserve/ReservationsSection.tsx';
import { ErrorState, Loading } from '../../ui/States.tsx';

export function CustomerProfile({ customerId }: { customerId: string }) {
  const { t } = useT();
  const hub = useHub();
  const query = useHubQuery('customer.get', { id: customerId });
  const canEdit = useCan('customers.edit');

  useEffect(() => {
    void hub.call('customer.watch', { id: customerId });
    return () => {
      void hub.call('customer.unwatch', { id: customerId });
    };
  }, [hub, customerId]);
  useOnReconnect(() => void hub.call('customer.watch', { id: customerId }));
  useHubEvent('customer.changed', (event) => {
    if (event.id === customerId) query.refresh();
  });

  if (query.state.status === 'loading') return <Loading label={t('conversation:Profile.loading')} />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} title={t('conversation:Profile.loadError')} />;
  const customer = query.state.data;
  return (
    <div className="stack conv-profile">
      <div className="conv-profile__head">
        <span className="avatar" aria-hidden="true">
          {(customer.lastName[0] ?? '') + (customer.firstName[0] ?? '')}
        </span>
        <div>
          <h2 className="conv-profile__name">{customer.fullName}</h2>
          <Link to={`/customers/${customer.id}`} className="small">
            <Icon name={canEdit ? 'edit' : 'external'} /> {canEdit ? t('conversation:Profile.edit') : t('conversation:Profile.open')}
          </Link>
        </div>
      </div>
      <ContactsSection customer={customer} />
      <ProfileSection customer={customer} full={false} />
      <LoyaltySection customer={customer} />
      <ConsentSection customer={customer} />
      <ReservationsSection customerId={customer.id} />
      <RecentOrdersSection customer={customer} compact />
    </div>
  );
}
