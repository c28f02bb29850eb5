// The customer's ledger, newest first, a page at a time: every accrual, redemption, expiry and manual
// entry with who made it. Fetched again when the customer changes (a grant at another desk, an expiry).
import { useCallback } from 'react';
import type { LoyaltyEntryView } from '../../../../common/api/loyalty.ts';
import { useHub, useHubEvent } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { useKeysetList } from '../../app/useKeysetList.ts';
import { signedPoints } from '../conversation/timelineItems.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { errorText } from '../../ui/errors.ts';

const PAGE_SIZE = 20;

export function LoyaltyHistory({ customerId, labelledBy }: { customerId: string; labelledBy: string }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const fetchPage = useCallback((cursor: string | null, limit: number) => hub.call('loyalty.ledger', { customerId, limit, cursor }), [hub, customerId]);
  const list = useKeysetList<LoyaltyEntryView>(`loyalty:${customerId}`, fetchPage, { pageSize: PAGE_SIZE });
  useHubEvent('customer.changed', (event) => {
    if (event.id === customerId) list.refetchShown();
  });

  if (list.status === 'loading') return <Loading label={t('loyalty:History.loading')} />;
  if (list.status === 'error' && list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) return <EmptyState icon="gift" title={t('loyalty:History.empty')} />;
  return (
    <div className="loyalty-history">
      <div className="table-scroll">
        <table className="table" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">{t('loyalty:History.column.date')}</th>
              <th scope="col">{t('loyalty:History.column.kind')}</th>
              <th scope="col" className="num">
                {t('loyalty:History.column.points')}
              </th>
              <th scope="col">{t('loyalty:History.column.details')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{formatDateTime(entry.createdAt, locale)}</td>
                <td>{t(`conversation:Loyalty.${entry.kind}`)}</td>
                <td className="num">{signedPoints(entry.points, locale)}</td>
                <td>
                  {entry.reason}
                  {entry.expiresAt ? <div className="muted small">{t('loyalty:History.validUntil', { date: formatDate(entry.expiresAt, locale) })}</div> : null}
                  {entry.createdByName ? <div className="muted small">{t('loyalty:History.by', { name: entry.createdByName })}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.moreError ? <Notice tone="error">{errorText(t, list.moreError)}</Notice> : null}
      {list.hasMore ? (
        <button type="button" className="btn" onClick={list.loadMore} disabled={list.loadingMore} aria-busy={list.loadingMore}>
          {list.loadingMore ? <Spinner /> : null} {t('loyalty:History.more')}
        </button>
      ) : null}
    </div>
  );
}
