// The customer list: a keyset list (app/useKeysetList.ts) of customers, patched when a customer on it
// changes on another desk.
import type { CustomerDetail, CustomerListItem } from '../../../../common/api/customers.ts';
import { maskIdentity } from '../../../../common/domain/contacts.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import { useHub, useHubEvent } from '../../app/context.tsx';
import { useKeysetList, type KeysetList } from '../../app/useKeysetList.ts';

export const PAGE_SIZE = 50;

export type CustomerList = KeysetList<CustomerListItem>;

/** The list row for a customer fetched in full: list rows always show masked contacts. */
export function listItemFromDetail(detail: CustomerDetail, previous: CustomerListItem): CustomerListItem {
  const pick = (kind: 'phone' | 'email') => {
    const ofKind = detail.identities.filter((identity) => identity.kind === kind);
    const chosen = ofKind.find((identity) => identity.preferred) ?? ofKind[0];
    if (!chosen) return null;
    if (chosen.masked) return chosen.value;
    return maskIdentity(kind, normalizeIdentity(kind, chosen.value) ?? chosen.value);
  };
  return {
    ...previous,
    fullName: detail.fullName,
    city: detail.city,
    phoneMasked: pick('phone'),
    emailMasked: pick('email'),
    loyaltyTier: detail.loyalty?.tier ?? previous.loyaltyTier,
    loyaltyBalance: detail.loyalty?.balance ?? previous.loyaltyBalance,
    updatedAt: detail.updatedAt,
  };
}

export function useCustomerList(q: string): CustomerList {
  const hub = useHub();
  const list = useKeysetList<CustomerListItem>(q, (cursor, limit) => hub.call('customer.list', { q, cursor, limit }), { pageSize: PAGE_SIZE });
  const { update } = list;

  // Another desk edited a customer on this list: fetch that one and patch its row.
  useHubEvent('customer.changed', (event) => {
    const row = list.items.find((item) => item.id === event.id);
    if (!row || row.updatedAt >= event.updatedAt) return;
    void hub.call('customer.get', { id: event.id }).then((result) => {
      if (!result.ok) return;
      update((items) => items.map((item) => (item.id === event.id ? listItemFromDetail(result.data, item) : item)));
    });
  });

  return list;
}
