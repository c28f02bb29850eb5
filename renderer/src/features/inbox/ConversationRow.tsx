// One conversation in the inbox list: who, where, the latest message, tags, assignee, when, unread,
// the first-response SLA (live, red once overdue) and snoozed-until.
import { memo } from 'react';
import { Link } from 'react-router';
import type { ConversationSummary } from '../../../../common/api/desk.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useNow } from '../../ui/useNow.ts';
import { splitDuration } from './inboxModel.ts';

type T = ReturnType<typeof useT>['t'];

export function durationText(t: T, ms: number): string {
  const { d, h, m, s } = splitDuration(ms);
  if (d > 0) return t('inbox:Duration.dh', { d, h });
  if (h > 0) return t('inbox:Duration.hm', { h, m });
  if (m > 0) return t('inbox:Duration.m', { m });
  return t('inbox:Duration.s', { s });
}

/** Counts down to the first-response deadline every second; red and counting up once it has passed. */
export function SlaTimer({ dueAt }: { dueAt: string }) {
  const { t } = useT();
  const now = useNow(1_000);
  const left = Date.parse(dueAt) - now.getTime();
  const overdue = left <= 0;
  const soon = !overdue && left < 5 * 60_000;
  const text = overdue ? t('inbox:Sla.overdue', { time: durationText(t, -left) }) : t('inbox:Sla.dueIn', { time: durationText(t, left) });
  return (
    <span className={`sla${overdue ? ' sla--overdue' : soon ? ' sla--soon' : ''}`} title={t('inbox:Sla.title')}>
      <Icon name="clock" />
      <span>{text}</span>
    </span>
  );
}

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function RelativeTime({ iso }: { iso: string }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const now = useNow(30_000);
  const diff = Date.parse(iso) - now.getTime();
  let text = t('inbox:Row.justNow');
  if (Math.abs(diff) >= 7 * 86_400_000) text = formatDateTime(iso, locale);
  else {
    const format = new Intl.RelativeTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { numeric: 'auto', style: 'short' });
    for (const [unit, size] of units) {
      if (Math.abs(diff) >= size) {
        text = format.format(Math.trunc(diff / size), unit);
        break;
      }
    }
  }
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale)} className="conv-row__time">
      {text}
    </time>
  );
}

export const ConversationRow = memo(function ConversationRow({
  conversation: c,
  selected,
  active,
  onToggle,
}: {
  conversation: ConversationSummary;
  selected: boolean;
  active: boolean;
  onToggle: (id: string, checked: boolean, range: boolean) => void;
}) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const channel = c.lastChannel ?? c.channel;
  const preview =
    c.preview === null ? t('inbox:Row.noMessages') : c.lastDirection === 'note' ? t('inbox:Row.notePreview', { text: c.preview }) : c.lastDirection === 'outbound' ? t('inbox:Row.youPreview', { text: c.preview }) : c.preview;
  return (
    <div className={`conv-row${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}${c.unreadCount > 0 ? ' is-unread' : ''}`}>
      <input
        type="checkbox"
        className="conv-row__check"
        checked={selected}
        aria-label={t('inbox:Row.select', { name: c.customerName })}
        onChange={(event) => onToggle(c.id, event.target.checked, (event.nativeEvent as MouseEvent).shiftKey === true)}
      />
      <span className="conv-row__channel">
        <Icon name={channel} label={t(`desk:Channel.${channel}`)} />
      </span>
      <div className="conv-row__body">
        <div className="conv-row__line">
          <Link to={`/inbox/${c.id}`} className="conv-row__name rowlink" aria-current={active ? 'page' : undefined}>
            {c.customerName}
          </Link>
          {c.unreadCount > 0 ? (
            <>
              <span className="conv-row__unread" aria-hidden="true">
                {c.unreadCount > 99 ? '99+' : c.unreadCount}
              </span>
              <span className="visually-hidden">{t('inbox:Row.unread', { count: c.unreadCount })}</span>
            </>
          ) : null}
          <RelativeTime iso={c.lastActivityAt} />
        </div>
        <p className="conv-row__preview">
          {c.subject ? <span className="conv-row__subject">{c.subject} — </span> : null}
          {preview}
        </p>
        <div className="conv-row__meta">
          {c.firstResponseDueAt && !c.firstResponseAt && c.status !== 'resolved' ? <SlaTimer dueAt={c.firstResponseDueAt} /> : null}
          {c.status === 'snoozed' && c.snoozedUntil ? (
            <span className="conv-row__snoozed">
              <Icon name="moon" /> {t('inbox:Row.snoozedUntil', { time: formatDateTime(c.snoozedUntil, locale) })}
            </span>
          ) : null}
          {c.tags.length > 0 ? (
            <ul className="conv-row__tags" aria-label={t('inbox:Row.tags')}>
              {c.tags.slice(0, 4).map((tag) => (
                <li key={tag} className="conv-tag">
                  {tag}
                </li>
              ))}
              {c.tags.length > 4 ? <li className="conv-tag conv-tag--more">+{c.tags.length - 4}</li> : null}
            </ul>
          ) : null}
          <span className="conv-row__assignee">
            <Icon name="user" />
            <span>{c.assigneeName ?? t('inbox:Row.unassigned')}</span>
          </span>
        </div>
      </div>
    </div>
  );
});
