import type { StoreView } from '../../../../common/api/stores.ts';
import { useT } from '../../app/i18n.ts';
import { useNow } from '../../ui/useNow.ts';
import { openStatus } from '../../../../common/domain/openingHours.ts';

/** "Open · until 22:00" / "Closed · opens tomorrow at 10:00", in the store's time zone. */
export function OpenBadge({ store }: { store: Pick<StoreView, 'openingHours' | 'timeZone'> }) {
  const { t } = useT();
  const now = useNow();
  const status = openStatus(store.openingHours, store.timeZone, now);
  if (status.open) {
    return (
      <span className="openstate">
        <span className="badge badge--ok">{t('stores:Open.open')}</span>
        <span className="muted small">{t('stores:Open.until', { time: status.closesAt })}</span>
      </span>
    );
  }
  const next = status.opensAt;
  return (
    <span className="openstate">
      <span className="badge badge--neutral">{t('stores:Open.closed')}</span>
      {next ? (
        <span className="muted small">
          {next.today
            ? t('stores:Open.opensToday', { time: next.time })
            : next.tomorrow
              ? t('stores:Open.opensTomorrow', { time: next.time })
              : t('stores:Open.opensOn', { day: t(`stores:Weekday.${next.day}`), time: next.time })}
        </span>
      ) : null}
    </span>
  );
}
