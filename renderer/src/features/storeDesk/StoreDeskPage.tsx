// The store desk (/store), made for a tablet between customers: the queue of reservations to confirm,
// prepare, hand over or cancel, a caller's reservation found by code or phone, and the store's stock.
// Store staff see only their own store (the hub enforces it); supervisors and admins pick a store.
import { useId, useRef, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { StoreView } from '../../../../common/api/stores.ts';
import { useHubQuery, useMe } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { SelectField } from '../../ui/Field.tsx';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/States.tsx';
import { placeOf } from '../reserve/parts.tsx';
import { OpenBadge } from '../stores/parts.tsx';
import { FindTab } from './FindTab.tsx';
import { QueueTab } from './QueueTab.tsx';
import { StockTab } from './StockTab.tsx';
import './storeDesk.css';

const tabs = ['queue', 'find', 'stock'] as const;
type Tab = (typeof tabs)[number];
const tabIcon: Record<Tab, IconName> = { queue: 'bag', find: 'search', stock: 'store' };

export function StoreDeskPage() {
  const { t } = useT();
  const me = useMe();
  const stores = useHubQuery('store.list', {});
  const [params, setParams] = useSearchParams();
  const list = stores.state.data ?? [];
  const storeId = params.get('store') ?? me.storeId ?? list[0]?.id ?? null;
  const store = list.find((s) => s.id === storeId) ?? null;
  usePageTitle(store?.name ?? t('reservations:Desk.title'));

  if (stores.state.status === 'loading') return <Loading label={t('reservations:Desk.loading')} />;
  if (stores.state.status === 'error') {
    return (
      <div className="page">
        <ErrorState error={stores.state.error} onRetry={stores.reload} title={t('reservations:Desk.loadError')} />
      </div>
    );
  }
  if (!store) {
    return (
      <div className="page">
        <EmptyState icon="store" title={t('reservations:Desk.noStore')} />
      </div>
    );
  }

  const choose = (id: string) =>
    setParams((p) => {
      p.set('store', id);
      return p;
    });

  return (
    <div className="page store-desk">
      <header className="page__header store-desk__header">
        <div className="customer__title">
          <span className="avatar avatar--lg avatar--store" aria-hidden="true">
            <Icon name="store" size={22} />
          </span>
          <div>
            <h1>{store.name}</h1>
            <p className="page__subtitle muted">
              <Icon name="pin" /> {placeOf(store)} ·{' '}
              <Link to={`/stores/${store.id}`}>{t('reservations:Desk.storeDetails')}</Link>
            </p>
          </div>
        </div>
        <div className="store-desk__tools">
          {list.length > 1 ? <StorePicker stores={list} value={store.id} onChange={choose} /> : null}
          <OpenBadge store={store} />
        </div>
      </header>
      <DeskTabs key={store.id} storeId={store.id} />
    </div>
  );
}

function StorePicker({ stores, value, onChange }: { stores: StoreView[]; value: string; onChange: (id: string) => void }) {
  const { t } = useT();
  return (
    <SelectField label={t('reservations:Desk.store')} value={value} onChange={(event) => onChange(event.target.value)} className="store-desk__picker">
      {stores.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </SelectField>
  );
}

/** ARIA tabs; the chosen one is in the address (?tab=), so a reload or a bookmark keeps it. */
function DeskTabs({ storeId }: { storeId: string }) {
  const { t } = useT();
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const asked = params.get('tab');
  const tab: Tab = tabs.find((candidate) => candidate === asked) ?? 'queue';
  const select = (next: Tab, focus = false) => {
    setParams(
      (p) => {
        p.set('tab', next);
        return p;
      },
      { replace: true },
    );
    if (focus) refs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.indexOf(tab);
    const to = event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(at + tabs.length - 1) % tabs.length] : undefined;
    if (!to) return;
    event.preventDefault();
    select(to, true);
  };
  return (
    <>
      <div className="store-desk__tabs" role="tablist" aria-label={t('reservations:Desk.tabs')} onKeyDown={onKeyDown}>
        {tabs.map((name) => (
          <button
            key={name}
            ref={(el) => {
              refs.current[name] = el;
            }}
            id={`${ids}-${name}-tab`}
            type="button"
            role="tab"
            className="store-desk__tab"
            aria-selected={tab === name}
            aria-controls={`${ids}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => select(name)}
          >
            <Icon name={tabIcon[name]} /> {t(`reservations:Desk.tab.${name}`)}
          </button>
        ))}
      </div>
      <div id={`${ids}-panel`} role="tabpanel" aria-labelledby={`${ids}-${tab}-tab`} className="store-desk__panel">
        {tab === 'queue' ? <QueueTab storeId={storeId} /> : null}
        {tab === 'find' ? <FindTab storeId={storeId} /> : null}
        {tab === 'stock' ? <StockTab storeId={storeId} /> : null}
      </div>
    </>
  );
}
