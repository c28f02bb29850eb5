// One conversation in the agent's desk: the customer's whole timeline (every channel, every conversation,
// orders and loyalty) with the composer under it, and the customer's profile beside it. Marks the
// conversation read on open, tells the hub this desk is viewing it, and shows who else is.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ConversationDetail } from '../../../../common/api/desk.ts';
import type { TimelineEvent } from '../../../../common/domain/timeline.ts';
import type { ConversationActivity } from '../../../../common/realtime/events.ts';
import type { AppError } from '../../../../common/result.ts';
import { useCan, useHub, useHubEvent, useHubQuery, useMe, useOnReconnect } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { attachmentUrl } from './attachments.ts';
import { Composer } from './Composer.tsx';
import { CustomerProfile } from './CustomerProfile.tsx';
import { TimelineView } from './Timeline.tsx';
import { channelIcon, type ItemContext } from './timelineItems.tsx';
import { useTimelineEvents } from './services.ts';
import { useTimeline } from './useTimeline.ts';
import { ReserveLauncher } from '../reserve/ReserveLauncher.tsx';
import './conversation.css';

/** Marks read at most this often while new messages arrive in an open conversation. */
const MARK_READ_MS = 1_500;

// The pane re-renders with every timeline page loaded while the agent scrolls; the composer (which
// measures its textarea on each render, a forced layout) and the profile use none of that state.
const PaneComposer = memo(Composer);
const PaneProfile = memo(CustomerProfile);

export function ConversationPane({ conversationId }: { conversationId: string }) {
  const { t } = useT();
  const [params] = useSearchParams();
  // The timeline's first page comes with the conversation, opened where the link says (a search hit). Read
  // once: a later hit in the same conversation moves the open timeline instead of reloading the pane.
  const [openAt] = useState(() => params.get('message'));
  const query = useHubQuery('conversation.get', { conversationId, timeline: { atMessageId: openAt } });

  useHubEvent('conversation.changed', (summaries) => {
    const data = query.state.data;
    const summary = summaries.find((s) => s.id === conversationId);
    if (summary && data) query.setData({ ...data, conversation: summary });
  });

  // Mounting the pane (rows, composer, profile) is one of the desk's biggest renders: as a deferred value it
  // renders in a transition, which React splits into slices between frames instead of one long task.
  const detail = useDeferredValue(query.state.data);

  if (query.state.status === 'loading') return <Loading label={t('conversation:Pane.loading')} />;
  if (query.state.status === 'error') {
    return query.state.error.code === 'NOT_FOUND' ? (
      <EmptyState icon="inbox" title={t('conversation:Pane.notFound')} />
    ) : (
      <ErrorState error={query.state.error} onRetry={query.reload} title={t('conversation:Pane.loadError')} />
    );
  }
  // Until the transition lands, the deferred value is still the previous one (nothing, or another conversation).
  if (detail?.conversation.id !== conversationId) return <Loading label={t('conversation:Pane.loading')} />;
  // A new pane (and timeline, composer and draft) for each conversation.
  return <Pane key={conversationId} detail={detail} />;
}

function Pane({ detail }: { detail: ConversationDetail }) {
  const { t } = useT();
  const hub = useHub();
  const me = useMe();
  const canSeeCustomer = useCan('customers.read');
  const [params] = useSearchParams();
  const focusMessageId = params.get('message');
  const { conversation } = detail;
  const conversationId = conversation.id;
  // The divider is placed from the unread count as it was when the conversation was opened.
  const [unreadOnOpen] = useState(conversation.unreadCount);
  const timeline = useTimeline({ customerId: conversation.customerId, conversationId, unreadOnOpen, focusMessageId, opening: detail.timeline });
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [viewers, setViewers] = useState<ConversationActivity['viewers']>([]);
  const [profileOpen, setProfileOpen] = useState(false);

  // Read on open, viewing while open, and nothing once left.
  useEffect(() => {
    void hub.call('conversation.markRead', { conversationId });
    void hub.call('desk.activity', { conversationId, typing: false });
    return () => {
      void hub.call('desk.activity', { conversationId: null, typing: false });
    };
  }, [hub, conversationId]);
  useOnReconnect(() => void hub.call('desk.activity', { conversationId, typing: false }));

  // New messages read as they arrive while the agent looks at the conversation.
  const markTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const markReadSoon = () => {
    clearTimeout(markTimer.current);
    markTimer.current = setTimeout(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') void hub.call('conversation.markRead', { conversationId });
    }, MARK_READ_MS);
  };
  useEffect(() => () => clearTimeout(markTimer.current), []);
  useTimelineEvents(
    (message) => {
      const { event } = message.payload;
      if (message.type === 'timeline.added' && event.kind === 'message' && event.payload.conversationId === conversationId && event.payload.direction === 'inbound')
        markReadSoon();
    },
    () => {},
  );

  useHubEvent('conversation.activity', (activity) => {
    if (activity.conversationId === conversationId) setViewers(activity.viewers.filter((viewer) => viewer.userId !== me.id));
  });

  const itemContext = useMemo<ItemContext>(
    () => ({
      customerName: conversation.customerName,
      attachmentUrl: (file) => attachmentUrl(hub, file),
      onRetry: async (messageId) => {
        setActionError(null);
        const result = await hub.call('message.retry', { messageId });
        if (result.ok) timeline.update(result.data);
        else setActionError(result.error);
      },
    }),
    // timeline.update is stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [conversation.customerName, hub],
  );

  const { add } = timeline;
  const onSent = useCallback((event: TimelineEvent) => add(event, true), [add]);
  const typing = viewers.filter((viewer) => viewer.typing);

  return (
    <div className={`conv${profileOpen ? ' conv--profile-open' : ''}`}>
      <div className="conv__main">
        <header className="conv__header">
          <div className="conv__title">
            <Icon name={channelIcon[conversation.lastChannel ?? conversation.channel]} label={t(`conversation:Channel.${conversation.lastChannel ?? conversation.channel}`)} />
            <h1>{conversation.customerName}</h1>
            {conversation.subject ? <span className="muted conv__subject">{conversation.subject}</span> : null}
            <span className={`badge conv-status conv-status--${conversation.status}`}>{t(`conversation:ConversationStatus.${conversation.status}`)}</span>
          </div>
          {viewers.length > 0 ? (
            <ul className="conv__viewers" aria-label={t('conversation:Presence.viewing', { names: viewers.map((v) => v.displayName).join(', ') })}>
              {viewers.map((viewer) => (
                <li key={viewer.userId} className={`avatar avatar--sm${viewer.typing ? ' avatar--typing' : ''}`} title={viewer.displayName}>
                  {initials(viewer.displayName)}
                </li>
              ))}
            </ul>
          ) : null}
          <ReserveLauncher customerId={conversation.customerId} customerName={conversation.customerName} conversationId={conversationId} />
          {canSeeCustomer ? (
            <button
              type="button"
              className="btn btn--ghost btn--small conv__profile-toggle"
              aria-expanded={profileOpen}
              aria-controls={`conv-profile-${conversationId}`}
              onClick={() => setProfileOpen((open) => !open)}
            >
              <Icon name="user" /> {t('conversation:Profile.toggle')}
            </button>
          ) : null}
        </header>
        {actionError ? <Notice tone="error">{errorText(t, actionError)}</Notice> : null}
        <TimelineView timeline={timeline} customerId={conversation.customerId} itemContext={itemContext} />
        <p className="conv__typing muted small" aria-live="polite">
          {typing.length > 0 ? t('conversation:Presence.typing', { count: typing.length, name: typing.map((v) => v.displayName).join(', ') }) : ''}
        </p>
        <PaneComposer detail={detail} onSent={onSent} />
      </div>
      {canSeeCustomer ? (
        <aside
          id={`conv-profile-${conversationId}`}
          className="conv__side"
          aria-label={t('conversation:Profile.label')}
          onKeyDown={(event) => event.key === 'Escape' && profileOpen && setProfileOpen(false)}
        >
          <button type="button" className="btn btn--ghost btn--icon conv__side-close" aria-label={t('common:Action.close')} onClick={() => setProfileOpen(false)}>
            <Icon name="close" />
          </button>
          <PaneProfile customerId={conversation.customerId} />
        </aside>
      ) : null}
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}
