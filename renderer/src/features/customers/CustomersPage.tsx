// Customers: one search box (name in Cyrillic or Latin, phone in any format, email, loyalty card) over a
// virtualised, server-paged table that loads the next page as you scroll (and by a button).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CustomerListItem } from '../../../../common/api/customers.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText } from '../../ui/errors.ts';
import { formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Spinner } from '../../ui/States.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { TierBadge } from './parts.tsx';
import { useCustomerList } from './useCustomerList.ts';
import { useWatchCustomers } from './useWatchCustomers.ts';

const ROW_HEIGHT = 48;
/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 15;

export function CustomersPage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const q = useDebounced(text.trim(), 300);
  const list = useCustomerList(q);
  const searchRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('customers:List.title'));

  // Keep the search in the address, so Back from a customer returns to the same list.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setParams(q ? { q } : {}, { replace: true });
  }, [q, params, setParams]);

  // "/" focuses the search from anywhere on the page.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const searching = list.status === 'loading' && list.items.length > 0;

  return (
    <div className="page page--fill">
      <header className="page__header">
        <div>
          <h1>{t('customers:List.title')}</h1>
          <p className="page__subtitle muted">{t('customers:List.subtitle')}</p>
        </div>
      </header>
      <div className="toolbar">
        <div className="search">
          <Icon name="search" className="search__icon" />
          <input
            ref={searchRef}
            type="search"
            className="input search__input"
            aria-label={t('customers:List.searchLabel')}
            placeholder={t('customers:List.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          {searching || (text.trim() !== q && text.trim()) ? <Spinner /> : text ? null : <kbd className="search__kbd" aria-hidden="true">/</kbd>}
        </div>
        <p className="toolbar__count muted" role="status" aria-live="polite">
          {list.status === 'ready'
            ? list.hasMore
              ? t('customers:List.countMore', { count: list.items.length })
              : t('customers:List.count', { count: list.items.length })
            : ''}
        </p>
      </div>
      {list.status === 'error' && list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} title={t('customers:List.loadError')} />
      ) : list.status === 'loading' && list.items.length === 0 ? (
        <Loading label={t('customers:List.loading')} />
      ) : list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState icon="users" title={q ? t('customers:List.emptyState', { q }) : t('customers:List.emptyAll')}>
          {q ? <p>{t('customers:List.emptyHint')}</p> : null}
        </EmptyState>
      ) : (
        <CustomerTable
          items={list.items}
          dimmed={searching}
          hasMore={list.hasMore && list.status === 'ready'}
          loadingMore={list.loadingMore}
          moreError={list.moreError ? errorText(t, list.moreError) : null}
          endText={q ? t('customers:List.end') : t('customers:List.endAll')}
          onLoadMore={list.loadMore}
        />
      )}
    </div>
  );
}

const columns = ['name', 'city', 'phone', 'email', 'tier', 'balance'] as const;

function CustomerTable({
  items,
  dimmed,
  hasMore,
  loadingMore,
  moreError,
  onLoadMore,
  endText,
}: {
  endText: string;
  items: CustomerListItem[];
  dimmed: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onLoadMore: () => void;
}) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
    onChange: (instance) => {
      const last = instance.getVirtualItems().at(-1);
      if (last && hasMore && !loadingMore && !moreError && last.index >= items.length - PREFETCH_ROWS) onLoadMore();
    },
  });

  const virtualItems = virtualizer.getVirtualItems();
  useWatchCustomers(virtualItems.map((v) => items[v.index]?.id).filter((id): id is string => Boolean(id)));

  // A short first page (a tall window) leaves nothing to scroll: fetch on until the view is full.
  useEffect(() => {
    const element = scrollRef.current;
    if (element && hasMore && !loadingMore && !moreError && element.scrollHeight <= element.clientHeight + ROW_HEIGHT) onLoadMore();
  }, [items.length, hasMore, loadingMore, moreError, onLoadMore]);

  // The row focus is moving to (it may not be rendered yet when keys repeat fast).
  const pendingFocus = useRef<number | null>(null);
  const focusRow = (index: number) => {
    if (index < 0 || index >= items.length) return;
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`)?.focus();
      if (pendingFocus.current === index) pendingFocus.current = null;
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = pendingFocus.current ?? Number(row.dataset.index);
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    if (step) {
      event.preventDefault();
      focusRow(Math.max(0, Math.min(items.length - 1, index + step)));
    } else if (event.key === 'Home' && event.ctrlKey) {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      event.preventDefault();
      focusRow(items.length - 1);
    }
  };

  return (
    <div className={`vtable-wrap${dimmed ? ' is-dimmed' : ''}`}>
      <div
        className="vtable"
        role="table"
        aria-label={t('customers:List.tableLabel')}
        aria-rowcount={hasMore ? -1 : items.length + 1}
        aria-busy={dimmed || loadingMore}
      >
        <div role="rowgroup" className="vtable__head">
          <div role="row" aria-rowindex={1} className="vtable__row vtable__row--head">
            {columns.map((column) => (
              <span key={column} role="columnheader" className={`vtable__cell col-${column}`}>
                {t(`customers:List.column.${column}`)}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" ref={scrollRef} className="vtable__body" onKeyDown={onKeyDown}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualItems.map((virtual) => {
              const item = items[virtual.index];
              if (!item) return null;
              return (
                <div
                  key={virtual.key}
                  role="row"
                  aria-rowindex={virtual.index + 2}
                  data-index={virtual.index}
                  className="vtable__row"
                  style={{ transform: `translateY(${virtual.start}px)`, height: ROW_HEIGHT }}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a')) return;
                    void navigate(`/customers/${item.id}`, { state: { fromList: true } });
                  }}
                >
                  <span role="cell" className="vtable__cell col-name">
                    <Link to={`/customers/${item.id}`} state={{ fromList: true }} className="rowlink">
                      {item.fullName}
                    </Link>
                  </span>
                  <span role="cell" className="vtable__cell col-city">
                    {item.city ?? <span className="muted">—</span>}
                  </span>
                  <span role="cell" className="vtable__cell col-phone mono">
                    {item.phoneMasked ?? <span className="muted">—</span>}
                  </span>
                  <span role="cell" className="vtable__cell col-email">
                    {item.emailMasked ?? <span className="muted">—</span>}
                  </span>
                  <span role="cell" className="vtable__cell col-tier">
                    {item.loyaltyTier ? <TierBadge tier={item.loyaltyTier} /> : <span className="muted">—</span>}
                  </span>
                  <span role="cell" className="vtable__cell col-balance num">
                    {item.loyaltyBalance !== null ? (
                      <>
                        {formatNumber(item.loyaltyBalance, locale)} <span className="muted">{t('customers:Loyalty.pointsShort')}</span>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="vtable__foot">
        {moreError ? (
          <span className="field__error" role="alert">
            {moreError}
          </span>
        ) : null}
        {hasMore || moreError ? (
          <button type="button" className="btn" onClick={onLoadMore} disabled={loadingMore} aria-busy={loadingMore}>
            {loadingMore ? <Spinner /> : null}
            {loadingMore ? t('customers:List.loadingMore') : t('customers:List.loadMore')}
          </button>
        ) : items.length > 0 ? (
          <span className="muted">{endText}</span>
        ) : null}
      </div>
    </div>
  );
}
