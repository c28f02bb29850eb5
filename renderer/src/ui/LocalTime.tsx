// A person's or a store's local time now, in their IANA time zone, updating every minute.
import { useT } from '../app/i18n.ts';
import { currentLocale } from '../app/i18n.ts';
import { zonedParts } from '../../../common/domain/time.ts';
import { formatClock, utcOffset } from './format.ts';
import { Icon } from './Icon.tsx';
import { useNow } from './useNow.ts';

/** Before 9:00 or from 21:00 local time: messages and calls wait until morning. */
export function isNight(now: Date, timeZone: string): boolean {
  const { minutes } = zonedParts(now, timeZone);
  return minutes < 9 * 60 || minutes >= 21 * 60;
}

export function LocalTime({ timeZone, showNight = true }: { timeZone: string; showNight?: boolean }) {
  const { t, i18n } = useT();
  const now = useNow();
  let clock: string;
  try {
    clock = formatClock(now, timeZone, currentLocale(i18n));
  } catch {
    return <span className="muted">{t('common:LocalTime.unknownZone', { zone: timeZone })}</span>;
  }
  const night = showNight && isNight(now, timeZone);
  return (
    <span className="local-time">
      <time dateTime={now.toISOString()} aria-label={t('common:LocalTime.label', { time: clock, offset: utcOffset(timeZone, now) })}>
        <span className="local-time__clock">{clock}</span> <span className="muted">{utcOffset(timeZone, now)}</span>
      </time>
      {night ? (
        <span className="badge badge--warn">
          <Icon name="moon" /> {t('common:LocalTime.night')}
        </span>
      ) : null}
    </span>
  );
}
