// Under the loyalty figures of a profile: grant goodwill points (roles with loyalty.adjust) and open the
// ledger's history. The balance itself refreshes through the customer.changed push the hub sends.
import { useId, useState } from 'react';
import { useCan } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Notice } from '../../ui/States.tsx';
import { GrantPointsDialog } from './GrantPointsDialog.tsx';
import { LoyaltyHistory } from './LoyaltyHistory.tsx';

export function LoyaltyActions({ customerId, balance }: { customerId: string; balance: number }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const canAdjust = useCan('loyalty.adjust');
  const canHistory = useCan('customers.history.read');
  const historyId = useId();
  const [granting, setGranting] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [granted, setGranted] = useState<{ points: number; balance: number } | null>(null);
  if (!canAdjust && !canHistory) return null;
  return (
    <div className="loyalty__actions">
      {granted ? (
        <Notice tone="success">
          {t(granted.points > 0 ? 'loyalty:Grant.granted' : 'loyalty:Grant.corrected', {
            count: Math.abs(granted.points),
            points: formatNumber(Math.abs(granted.points), locale),
            balance: formatNumber(granted.balance, locale),
          })}
        </Notice>
      ) : null}
      <div className="form-actions">
        {canAdjust ? (
          <button type="button" className="btn" onClick={() => setGranting(true)}>
            <Icon name="gift" /> {t('loyalty:Grant.open')}
          </button>
        ) : null}
        {canHistory ? (
          <button type="button" className="btn btn--ghost" aria-expanded={showHistory} aria-controls={historyId} onClick={() => setShowHistory((v) => !v)}>
            <Icon name="clock" /> {showHistory ? t('loyalty:History.hide') : t('loyalty:History.show')}
          </button>
        ) : null}
      </div>
      {showHistory ? (
        <section id={historyId} aria-label={t('loyalty:History.title')}>
          <h3 id={`${historyId}-title`} className="visually-hidden">
            {t('loyalty:History.title')}
          </h3>
          <LoyaltyHistory customerId={customerId} labelledBy={`${historyId}-title`} />
        </section>
      ) : null}
      {granting ? (
        <GrantPointsDialog
          customerId={customerId}
          balance={balance}
          onClose={() => setGranting(false)}
          onGranted={(result) => {
            setGranting(false);
            setGranted({ points: result.entry.points, balance: result.balance });
          }}
        />
      ) : null}
    </div>
  );
}
