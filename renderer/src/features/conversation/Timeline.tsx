// The customer's timeline: a virtualised, dynamically measured list anchored at its end (prepending older
// pages keeps what is on screen in place), paging both ways as the agent scrolls, a "new messages"
// divider, day separators, jump to a date, and live events that follow the bottom or wait behind a button.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TimelineEvent } from '../../../../common/domain/timeline.ts';
import type { SequencedEvent } from '../../../../common/realtime/events.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Spinner } from '../../ui/States.tsx';
import { useTimelineEvents } from './services.ts';
import { dayKey, isBeyondNewerEnd } from './timelineModel.ts';
import { TimelineItem, type ItemContext } from './timelineItems.tsx';
import type { TimelineController } from './useTimeline.ts';

const ESTIMATED_ROW = 96;
/** Start fetching the next page this many screens from either end, so it lands before a fast scroll gets there. */
const PREFETCH_SCREENS = 3;
const AT_BOTTOM_PX = 48;
const HIGHLIGHT_MS = 2500;

const dayFormats = {
  ru: new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }),
};

// Day keys by event object (pages keep their objects as the window moves): a page arriving while the agent
// scrolls re-derives the separators of the whole window, and only its own events need Intl for that.
const eventDays = new WeakMap<TimelineEvent, string>();
function eventDay(event: TimelineEvent): string {
  let day = eventDays.get(event);
  if (day === undefined) eventDays.set(event, (day = dayKey(event.at)));
  return day;
}

export function TimelineView({ timeline, customerId, itemContext }: { timeline: TimelineController; customerId: string; itemContext: ItemContext }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const { state } = timeline;
  const { events } = state;
  const scroller = useRef<HTMLDivElement>(null);
  const [pendingNew, setPendingNew] = useState(0);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  /** The event the agent was taken to (a search hit): marked for assistive tech after the highlight fades. */
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [jumpDate, setJumpDate] = useState('');

  const getItemKey = useCallback((index: number) => events[index]?.id ?? index, [events]);
  // Which events open a new day: worked out when the window changes, not for every row on every frame.
  const dayStarts = useMemo(() => {
    const starts = new Set<string>();
    let previous = '';
    for (const event of events) {
      const day = eventDay(event);
      if (day !== previous) starts.add(event.id);
      previous = day;
    }
    return starts;
  }, [events]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    getItemKey,
    // Rows on the first render (from the end, where a conversation opens) instead of one more pass once the
    // scroller has been measured; the real sizes replace these before anything is painted.
    initialRect: { width: 0, height: window.innerHeight },
    initialOffset: () => Math.max(0, events.length * ESTIMATED_ROW - window.innerHeight),
    overscan: 8,
    // Scroll updates render with React's normal batching instead of a synchronous render per scroll event:
    // a fast scroll through thousands of events otherwise stacks long tasks.
    useFlushSync: false,
    // Keyed anchoring: when older events are prepended (or the window trimmed) the event on screen stays put.
    anchorTo: 'end',
  });

  const atBottom = () => {
    const el = scroller.current;
    if (!el) return true;
    return el.scrollHeight - el.scrollTop - el.clientHeight <= AT_BOTTOM_PX;
  };

  // Scroll where the controller asks (open, jump, own send, live follow).
  const handled = useRef(0);
  useLayoutEffect(() => {
    const request = timeline.scroll;
    if (!request || request.nonce === handled.current || events.length === 0) return;
    handled.current = request.nonce;
    if (request.to === 'bottom') {
      virtualizer.scrollToIndex(events.length - 1, { align: 'end' });
      return;
    }
    const index = events.findIndex((event) => event.id === request.id);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: request.align });
    if (request.highlight) {
      setHighlightId(request.id);
      setCurrentId(request.id);
    }
  }, [timeline.scroll, events, virtualizer]);

  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightId]);

  const { loadOlder, loadNewer, hasOlder, hasNewer } = { ...timeline, hasOlder: state.hasOlder, hasNewer: state.hasNewer };
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const ahead = el.clientHeight * PREFETCH_SCREENS;
    if (el.scrollTop < ahead && hasOlder) loadOlder();
    if (el.scrollHeight - el.scrollTop - el.clientHeight < ahead && hasNewer) loadNewer();
    if (!hasNewer && atBottom()) setPendingNew(0);
  };

  // A short window that does not fill the screen: fetch more instead of waiting for a scroll.
  useEffect(() => {
    const el = scroller.current;
    if (!el || timeline.status !== 'ready' || el.clientHeight === 0) return;
    if (el.scrollHeight <= el.clientHeight) {
      if (hasOlder) loadOlder();
      else if (hasNewer) loadNewer();
    }
  }, [events.length, hasOlder, hasNewer, loadOlder, loadNewer, timeline.status]);

  useTimelineEvents((message: SequencedEvent) => {
    const { event } = message.payload;
    if (event.customerId !== customerId) return;
    if (message.type === 'timeline.updated') {
      timeline.update(event);
      return;
    }
    const known = events.some((e) => e.id === event.id);
    if (isBeyondNewerEnd(state, event)) {
      setPendingNew((n) => n + 1);
      return;
    }
    const follow = atBottom();
    timeline.add(event, follow);
    if (!follow && !known) setPendingNew((n) => n + 1);
  }, timeline.catchUp);

  const toLatest = () => {
    setPendingNew(0);
    if (state.hasNewer) timeline.openLatest();
    else if (events.length > 0) virtualizer.scrollToIndex(events.length - 1, { align: 'end' });
  };

  if (timeline.status === 'loading') return <Loading label={t('conversation:Timeline.loading')} />;
  if (timeline.status === 'error' && timeline.error)
    return <ErrorState error={timeline.error} onRetry={timeline.retry} title={t('conversation:Timeline.loadError')} />;

  const items = virtualizer.getVirtualItems();
  return (
    <section className="tl" aria-label={t('conversation:Timeline.label')}>
      <div className="tl__toolbar">
        <form
          className="tl__jump"
          onSubmit={(e) => {
            e.preventDefault();
            if (!jumpDate) return;
            // Midnight of that day where the agent is.
            timeline.jumpTo(new Date(`${jumpDate}T00:00:00`).toISOString());
          }}
        >
          <label className="visually-hidden" htmlFor="tl-jump-date">
            {t('conversation:Timeline.jumpLabel')}
          </label>
          <input id="tl-jump-date" type="date" className="input input--small" value={jumpDate} onChange={(e) => setJumpDate(e.target.value)} />
          <button type="submit" className="btn btn--small" disabled={!jumpDate}>
            {t('conversation:Timeline.jump')}
          </button>
        </form>
        {state.hasOlder ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={loadOlder} disabled={timeline.loadingOlder}>
            {timeline.loadingOlder ? <Spinner /> : <Icon name="refresh" />} {t('conversation:Timeline.loadOlder')}
          </button>
        ) : (
          <span className="muted small">{t('conversation:Timeline.start')}</span>
        )}
        <span className="tl__status muted small" role="status" aria-live="polite">
          {timeline.loadingOlder || timeline.loadingNewer ? t('conversation:Timeline.loadingMore') : ''}
        </span>
      </div>
      {timeline.pagingError ? (
        <p className="tl__error" role="alert">
          {errorText(t, timeline.pagingError)}
        </p>
      ) : null}
      {events.length === 0 ? (
        <EmptyState icon="inbox" title={t('conversation:Timeline.empty')} />
      ) : (
        <div ref={scroller} className="tl__scroller" onScroll={onScroll} tabIndex={0} role="region" aria-label={t('conversation:Timeline.scrollLabel')}>
          <div role="feed" aria-busy={timeline.loadingOlder || timeline.loadingNewer} className="tl__inner" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((row) => {
              const event = events[row.index]!;
              return (
                <article
                  key={row.key}
                  data-index={row.index}
                  data-event-id={event.id}
                  ref={virtualizer.measureElement}
                  className={`tl__row${event.id === highlightId ? ' tl__row--highlight' : ''}`}
                  style={{ transform: `translateY(${row.start}px)` }}
                  aria-current={event.id === currentId ? 'true' : undefined}
                  aria-posinset={row.index + 1}
                  aria-setsize={state.hasOlder || state.hasNewer ? -1 : events.length}
                >
                  {dayStarts.has(event.id) ? (
                    <div className="tl__day" role="separator">
                      <span>{dayFormats[locale].format(new Date(event.at))}</span>
                    </div>
                  ) : null}
                  {event.id === timeline.dividerId ? (
                    <div className="tl__divider" role="separator">
                      <span>{t('conversation:Timeline.newMessages')}</span>
                    </div>
                  ) : null}
                  <TimelineItem event={event} ctx={itemContext} />
                </article>
              );
            })}
          </div>
        </div>
      )}
      {pendingNew > 0 || state.hasNewer ? (
        <button type="button" className="btn btn--primary btn--small tl__latest" onClick={toLatest}>
          {pendingNew > 0 ? t('conversation:Timeline.newBelow', { count: pendingNew }) : t('conversation:Timeline.toLatest')} <Icon name="back" className="icon--down" />
        </button>
      ) : null}
    </section>
  );
}
