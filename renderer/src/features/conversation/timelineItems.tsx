// One view per timeline kind. The list never looks inside an event: a new kind (reservations, marketing
// sends) adds its payload schema in common/domain/timeline.ts and one entry here — the type of
// `timelineItems` fails to compile until it has one.
import { memo, useContext, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { I18nContext } from 'react-i18next';
import type { Channel, MessageStatus } from '../../../../common/domain/enums.ts';
import type { TimelineEvent, TimelineEventOf, TimelineKind } from '../../../../common/domain/timeline.ts';
import { currentLocale } from '../../app/i18n.ts';
import { formatDateTime, formatMoney, formatNumber } from '../../ui/format.ts';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { Spinner } from '../../ui/States.tsx';
import { useRowT } from './useRowT.ts';
import { useSettledInView } from './useSettledInView.ts';
import { ReservationStatusBadge } from '../reserve/parts.tsx';

export interface ItemContext {
  /** The customer's name, for their own messages. */
  customerName: string;
  /** Retry a failed outbound message (message.retry); settles when the hub answered. */
  onRetry: (messageId: string) => Promise<void>;
  /** A short-lived signed URL for a stored file (attachment.link); null when the hub refused. */
  attachmentUrl?: (file: { sha256: string; fileName: string }) => Promise<string | null>;
}

export interface ItemProps<K extends TimelineKind> {
  event: TimelineEventOf<K>;
  ctx: ItemContext;
}

export const channelIcon: Record<Channel, IconName> = { email: 'email', sms: 'sms', telegram: 'telegram', webchat: 'webchat', api: 'api' };

// ── message ──────────────────────────────────────────────────────────────────────────────────────────

const QUOTE_START = /^(>|On .+ wrote:\s*$|.+ пишет:\s*$|-{2,}\s*(Original Message|Исходное сообщение|Forwarded message|Пересылаемое сообщение)\s*-{2,})/i;

/** A plain-text body split into what was written now and the quoted history below it. */
export function splitQuoted(body: string): { main: string; quoted: string | null } {
  const lines = body.split('\n');
  const at = lines.findIndex((line, i) => i > 0 && QUOTE_START.test(line.trim()));
  if (at <= 0) return { main: body, quoted: null };
  const main = lines.slice(0, at).join('\n').trimEnd();
  if (!main) return { main: body, quoted: null };
  return { main, quoted: lines.slice(at).join('\n') };
}

/** The e-mail's sanitised HTML as a document for a sandboxed frame: no scripts, remote images only when allowed. */
export function emailDocument(html: string, { showImages, showQuoted }: { showImages: boolean; showQuoted: boolean }): string {
  // The hub moved remote image addresses to data-remote-src; the frame's own policy blocks them anyway.
  // After "Show images", https images load: the srcdoc frame inherits the desk's CSP, whose img-src allows
  // https: for this (main/server/http/security.ts). Plain http images stay blocked there.
  const body = showImages ? html.replace(/\sdata-remote-src=/g, ' src=') : html;
  const imgSrc = showImages ? 'data: cid: https:' : 'data: cid:';
  const hideQuotes = showQuoted ? '' : 'blockquote,.gmail_quote,.yahoo_quoted,.moz-cite-prefix,#divRplyFwdMsg,#divRplyFwdMsg~*{display:none!important}';
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'">` +
    '<style>body{margin:8px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2330;overflow-wrap:anywhere}' +
    `img{max-width:100%;height:auto}table{max-width:100%}${hideQuotes}</style></head><body>${body}</body></html>`
  );
}

const hasQuotedHtml = (html: string) => /<blockquote|gmail_quote|yahoo_quoted|moz-cite-prefix|divRplyFwdMsg/i.test(html);

function EmailBody({ html, remoteImages }: { html: string; remoteImages: number }) {
  const { t } = useRowT();
  const [showImages, setShowImages] = useState(false);
  const [showQuoted, setShowQuoted] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // A frame is a whole document to parse and lay out: only for an e-mail the agent stops at.
  const inView = useSettledInView(box);
  const srcDoc = useMemo(() => (inView ? emailDocument(html, { showImages, showQuoted }) : ''), [inView, html, showImages, showQuoted]);
  const quotedHtml = useMemo(() => hasQuotedHtml(html), [html]);
  return (
    <div className="tl-email" ref={box}>
      {remoteImages > 0 && !showImages ? (
        <div className="tl-email__bar">
          <span className="muted small">
            <Icon name="eyeOff" /> {t('conversation:Message.imagesBlocked', { count: remoteImages })}
          </span>
          <button type="button" className="btn btn--small" onClick={() => setShowImages(true)}>
            <Icon name="eye" /> {t('conversation:Message.showImages')}
          </button>
        </div>
      ) : null}
      {inView ? (
        <iframe className="tl-email__frame" sandbox="" srcDoc={srcDoc} title={t('conversation:Message.emailFrame')} referrerPolicy="no-referrer" />
      ) : (
        // The frame's size, so the row measures the same before and after.
        <div className="tl-email__frame" aria-hidden="true" />
      )}
      {quotedHtml ? (
        <button type="button" className="btn btn--ghost btn--small" aria-expanded={showQuoted} onClick={() => setShowQuoted((v) => !v)}>
          {showQuoted ? t('conversation:Message.hideQuoted') : t('conversation:Message.showQuoted')}
        </button>
      ) : null}
    </div>
  );
}

function TextBody({ body }: { body: string }) {
  const { main, quoted } = useMemo(() => splitQuoted(body), [body]);
  return (
    <div className="tl-text">
      <p className="tl-text__body">{main}</p>
      {quoted ? <QuotedText quoted={quoted} /> : null}
    </div>
  );
}

// Its own component so that only messages with a quote pay for the translation hook (rows mount by the
// thousand while scrolling).
function QuotedText({ quoted }: { quoted: string }) {
  const { t } = useRowT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn--ghost btn--small" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? t('conversation:Message.hideQuoted') : t('conversation:Message.showQuoted')}
      </button>
      {open ? <p className="tl-text__body tl-text__quoted">{quoted}</p> : null}
    </>
  );
}

export function formatBytes(size: number, locale: 'ru' | 'en'): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

const statusIcon: Record<MessageStatus, IconName> = { received: 'check', queued: 'clock', sent: 'check', delivered: 'check', read: 'eye', failed: 'alert' };

function DeliveryStatus({ event, ctx }: ItemProps<'message'>) {
  const { t } = useRowT();
  const [busy, setBusy] = useState(false);
  const { status, failureReason, messageId, deliveredVia } = event.payload;
  return (
    <span className={`tl-status tl-status--${status}`}>
      <span className="tl-status__label">
        <Icon name={statusIcon[status]} /> {t(`conversation:Status.${status}`)}
        {deliveredVia ? <span className="muted"> · {t('conversation:Message.deliveredVia', { channel: t(`conversation:Channel.${deliveredVia}`) })}</span> : null}
      </span>
      {status === 'failed' ? (
        <>
          {failureReason ? <span className="tl-status__reason">{failureReason}</span> : null}
          <button
            type="button"
            className="btn btn--small"
            disabled={busy}
            aria-busy={busy}
            onClick={async () => {
              setBusy(true);
              await ctx.onRetry(messageId);
              setBusy(false);
            }}
          >
            {busy ? <Spinner /> : <Icon name="refresh" />} {t('conversation:Message.retry')}
          </button>
        </>
      ) : null}
    </span>
  );
}

const clockFormats = {
  ru: new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }),
};

function Time({ at }: { at: string }) {
  // The locale straight from the provider, not even useRowT's subscription: every item view that renders a
  // Time already re-renders on a language change through its own useRowT.
  const locale = currentLocale(useContext(I18nContext).i18n);
  const clock = clockFormats[locale].format(new Date(at));
  return (
    <time className="tl-item__time" dateTime={at} title={formatDateTime(at, locale)}>
      {clock}
    </time>
  );
}

type FileRef = TimelineEventOf<'message'>['payload']['attachments'][number];

/** A file of a message: a link (signed, fetched when shown) and, for pictures, a lazy thumbnail. */
function AttachmentChip({ file, ctx, locale }: { file: FileRef; ctx: ItemContext; locale: 'ru' | 'en' }) {
  const { t } = useRowT();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const image = file.contentType.startsWith('image/');
  const { attachmentUrl } = ctx;
  const chip = useRef<HTMLLIElement>(null);
  // Links are signed by the hub one command each: not for the files of every row scrolled past.
  const inView = useSettledInView(chip);
  useEffect(() => {
    if (!attachmentUrl || !inView) return;
    let live = true;
    void attachmentUrl(file).then((signed) => {
      if (!live) return;
      if (signed) setUrl(signed);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [attachmentUrl, file, inView]);
  const label = (
    <>
      <Icon name={image ? 'eye' : 'paperclip'} /> {file.fileName} <span className="muted small">{formatBytes(file.size, locale)}</span>
    </>
  );
  return (
    <li ref={chip} className={`chip tl-attachment${image && url ? ' tl-attachment--image' : ''}`} title={file.contentType}>
      {url ? (
        // `download`: saved, never opened in the desk's own window (Electron refuses pop-ups, and navigating
        // away would leave the desk); the link is same-origin, so the attribute is honoured.
        <a href={url} download={file.fileName} rel="noopener noreferrer" aria-label={t('conversation:Message.openFile', { name: file.fileName })}>
          {image ? <img className="tl-thumb" src={url} alt="" loading="lazy" decoding="async" /> : null}
          {label}
        </a>
      ) : (
        <span>{label}</span>
      )}
      {failed ? <span className="muted small"> · {t('conversation:Message.fileUnavailable')}</span> : null}
    </li>
  );
}

function MessageItem({ event, ctx }: ItemProps<'message'>) {
  const { t, locale } = useRowT();
  const p = event.payload;
  const inbound = p.direction === 'inbound';
  const author = inbound ? ctx.customerName : (p.authorName ?? t('conversation:Message.automatic'));
  return (
    <div className={`tl-item tl-message tl-message--${p.direction}${p.status === 'failed' ? ' tl-message--failed' : ''}`}>
      <header className="tl-item__head">
        <Icon name={channelIcon[p.channel]} label={t(`conversation:Channel.${p.channel}`)} />
        <span className="tl-item__author">{author}</span>
        <span className="muted small">{inbound ? t('conversation:Message.inbound') : t('conversation:Message.outbound')}</span>
        {p.automatic ? <span className="badge">{t('conversation:Message.auto')}</span> : null}
        <Time at={event.at} />
      </header>
      {p.subject ? <p className="tl-message__subject">{p.subject}</p> : null}
      {p.html ? <EmailBody html={p.html} remoteImages={p.remoteImages} /> : <TextBody body={p.body} />}
      {p.attachments.length > 0 ? (
        <ul className="tl-attachments" aria-label={t('conversation:Message.attachments')}>
          {p.attachments.map((file) => (
            <AttachmentChip key={file.sha256 + file.fileName} file={file} ctx={ctx} locale={locale} />
          ))}
        </ul>
      ) : null}
      {!inbound ? <DeliveryStatus event={event} ctx={ctx} /> : null}
    </div>
  );
}

// ── note ─────────────────────────────────────────────────────────────────────────────────────────────

function NoteItem({ event }: ItemProps<'note'>) {
  const { t } = useRowT();
  return (
    <div className="tl-item tl-note">
      <header className="tl-item__head">
        <Icon name="edit" />
        <span className="tl-item__author">{event.payload.authorName}</span>
        <span className="badge badge--warn">{t('conversation:Note.label')}</span>
        <Time at={event.at} />
      </header>
      <p className="tl-text__body">{event.payload.body}</p>
    </div>
  );
}

// ── order ────────────────────────────────────────────────────────────────────────────────────────────

function OrderItem({ event }: ItemProps<'order'>) {
  const { t } = useRowT();
  const p = event.payload;
  return (
    <div className="tl-item tl-fact tl-order">
      <Icon name="bag" />
      <span className="tl-fact__title">{t('conversation:Order.title', { number: p.number })}</span>
      <span className={`badge order-kind order-kind--${p.kind}`}>{t(`customers:Orders.kind.${p.kind}`)}</span>
      <span className="muted">{p.storeName ?? t('conversation:Order.online')}</span>
      <span className="muted small">{t('conversation:Order.items', { count: p.itemCount })}</span>
      <span className="muted small">{p.status}</span>
      <span className="tl-fact__amount">{formatMoney(p.totalKopecks)}</span>
      <Time at={event.at} />
    </div>
  );
}

// ── loyalty ──────────────────────────────────────────────────────────────────────────────────────────

export function signedPoints(points: number, locale: 'ru' | 'en'): string {
  const sign = points > 0 ? '+' : points < 0 ? '−' : '';
  return `${sign}${formatNumber(Math.abs(points), locale)}`;
}

function LoyaltyItem({ event }: ItemProps<'loyalty'>) {
  const { t, locale } = useRowT();
  const p = event.payload;
  return (
    <div className={`tl-item tl-fact tl-loyalty tl-loyalty--${p.points >= 0 ? 'plus' : 'minus'}`}>
      <Icon name="gift" />
      <span className="tl-fact__title">{t(`conversation:Loyalty.${p.entryKind}`)}</span>
      {p.reason ? <span className="muted">{p.reason}</span> : null}
      <span className="tl-fact__amount" aria-label={t('conversation:Loyalty.points', { count: p.points, points: signedPoints(p.points, locale) })}>
        {signedPoints(p.points, locale)}
      </span>
      <Time at={event.at} />
    </div>
  );
}

// ── reservation ──────────────────────────────────────────────────────────────────────────────────────

function ReservationItem({ event }: ItemProps<'reservation'>) {
  const { t, locale } = useRowT();
  const p = event.payload;
  return (
    <div className={`tl-item tl-fact tl-reservation tl-reservation--${p.status}`}>
      <Icon name="bag" />
      <span className="tl-fact__title">{t('reservations:Timeline.title', { code: p.code })}</span>
      <ReservationStatusBadge status={p.status} />
      <span>{t('reservations:Timeline.item', { product: p.productName, quantity: p.quantity })}</span>
      <span className="muted">{p.storeName}</span>
      <span className="muted small">{t('reservations:Timeline.until', { time: formatDateTime(p.holdUntil, locale) })}</span>
      <span className="muted small">{p.byName ? t('reservations:Timeline.by', { name: p.byName }) : t('reservations:Timeline.byHub')}</span>
      {p.note ? <span className="muted small">{p.note}</span> : null}
      <Time at={event.at} />
    </div>
  );
}

// ── registry ─────────────────────────────────────────────────────────────────────────────────────────

export const timelineItems: { [K in TimelineKind]: ComponentType<ItemProps<K>> } = {
  message: MessageItem,
  note: NoteItem,
  order: OrderItem,
  loyalty: LoyaltyItem,
  reservation: ReservationItem,
};

function UnknownItem() {
  const { t } = useRowT();
  return <div className="tl-item tl-fact muted">{t('conversation:Timeline.unknownKind')}</div>;
}

/** One event; memoised, so scrolling (which re-renders the rows) does not re-render unchanged events. */
export const TimelineItem = memo(function TimelineItem({ event, ctx }: { event: TimelineEvent; ctx: ItemContext }) {
  const View = timelineItems[event.kind] as ComponentType<ItemProps<TimelineKind>> | undefined;
  // An event of a kind this desk does not know yet (a newer hub): say so rather than break the list.
  if (!View) return <UnknownItem />;
  return <View event={event as TimelineEventOf<TimelineKind>} ctx={ctx} />;
});
