// The inbox: views with counts on the left, the filtered conversation list (virtualised, keyset pages,
// moved live by pushes, with bulk actions) in the middle, the open conversation on the right.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Outlet, useNavigate, useParams } from 'react-router';
import type { BulkResult, ConversationSummary } from '../../../../common/api/desk.ts';
import type { TeamView } from '../../../../common/api/users.ts';
import { Channel, ConversationStatus } from '../../../../common/domain/enums.ts';
import { useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { useInboxCounts } from '../../app/inboxState.ts';
import { NotificationControls } from '../../app/notifications.tsx';
import { isTypingTarget, useShortcut } from '../../app/shortcuts.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText } from '../../ui/errors.ts';
import { formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { BulkBar, SnoozeDialog, TagDialog, useRunBulk, type BulkAction } from './BulkActions.tsx';
import { ConversationRow } from './ConversationRow.tsx';
import { defaultFilter, type InboxFilterState } from './inboxModel.ts';
import { useInboxList } from './useInboxList.ts';
import './inbox.css';

const ROW_HEIGHT = 84;
const PREFETCH_ROWS = 15;
const FILTER_KEY = 'threadline.inbox.filter';

function loadFilter(): InboxFilterState {
  try {
    const raw = sessionStorage.getItem(FILTER_KEY);
    return raw ? { ...defaultFilter, ...(JSON.parse(raw) as Partial<InboxFilterState>) } : defaultFilter;
  } catch {
    return defaultFilter;
  }
}

export function InboxPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const { conversationId } = useParams();
  usePageTitle(t('inbox:Title'));

  const [filter, setFilterState] = useState<InboxFilterState>(loadFilter);
  const setFilter = (patch: Partial<InboxFilterState>) => {
    setFilterState((f) => {
      const next = { ...f, ...patch };
      try {
        sessionStorage.setItem(FILTER_KEY, JSON.stringify(next));
      } catch {
        // not remembered
      }
      return next;
    });
    setSelected(new Set());
  };

  const list = useInboxList(filter);
  const counts = useInboxCounts();
  const teams = useTeams();

  // ── selection ──
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const visibleSelected = useMemo(() => list.items.filter((c) => selected.has(c.id)).map((c) => c.id), [list.items, selected]);
  const toggle = useCallback(
    (id: string, checked: boolean, range: boolean) => {
      setSelected((previous) => {
        const next = new Set(previous);
        const ids = list.items.map((c) => c.id);
        const from = anchor.current ? ids.indexOf(anchor.current) : -1;
        const to = ids.indexOf(id);
        if (range && from >= 0 && to >= 0) {
          for (const rangeId of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
            if (checked) next.add(rangeId);
            else next.delete(rangeId);
          }
        } else if (checked) next.add(id);
        else next.delete(id);
        return next;
      });
      anchor.current = id;
    },
    [list.items],
  );
  const allSelected = list.items.length > 0 && visibleSelected.length === list.items.length;
  const someSelected = visibleSelected.length > 0 && !allSelected;

  // ── bulk actions ──
  const [dialog, setDialog] = useState<{ kind: 'snooze' | 'tag'; ids: string[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onBulkDone = (result: BulkResult) => {
    list.applyChanged(result.conversations);
    counts.refresh();
    setDone(t('inbox:Bulk.done', { count: result.updated }));
  };
  const bulk = useRunBulk(onBulkDone);
  const closeDialog = () => {
    setDialog(null);
    bulk.clearError();
  };
  const act = async (ids: string[], action: BulkAction) => {
    setDone(null);
    const ok = await bulk.run(ids, action);
    if (ok) {
      setDialog(null);
      setSelected(new Set());
    }
  };

  // ── keyboard ──
  const targets = () => (visibleSelected.length > 0 ? visibleSelected : conversationId ? [conversationId] : []);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const step = (delta: number) => {
    if (list.items.length === 0) return;
    const at = conversationId ? list.items.findIndex((c) => c.id === conversationId) : -1;
    const next = at === -1 ? (delta > 0 ? 0 : list.items.length - 1) : Math.max(0, Math.min(list.items.length - 1, at + delta));
    const target = list.items[next];
    if (!target) return;
    setFocusIndex(next);
    void navigate(`/inbox/${target.id}`);
  };
  useShortcut(['j', 'Alt+ArrowDown'], () => step(1), t('inbox:Shortcut.next'));
  useShortcut(['k', 'Alt+ArrowUp'], () => step(-1), t('inbox:Shortcut.previous'));
  const hasTargets = visibleSelected.length > 0 || Boolean(conversationId);
  useShortcut('e', () => void act(targets(), { kind: 'resolve' }), t('inbox:Shortcut.resolve'), { enabled: hasTargets });
  useShortcut('a', () => void act(targets(), { kind: 'assignMe' }), t('inbox:Shortcut.assignMe'), { enabled: hasTargets });
  useShortcut('s', () => { bulk.clearError(); setDialog({ kind: 'snooze', ids: targets() }); }, t('inbox:Shortcut.snooze'), { enabled: hasTargets });
  useShortcut(
    'Escape',
    (event) => {
      if (isTypingTarget(event.target)) {
        (event.target as HTMLElement).blur();
        return;
      }
      if (visibleSelected.length > 0) setSelected(new Set());
      else if (conversationId) void navigate('/inbox');
      else return false;
    },
    t('inbox:Shortcut.escape'),
  );

  // ── views ──
  const views: Array<{ view: string; label: string; icon: 'user' | 'inbox' | 'users' }> = [
    { view: 'mine', label: t('inbox:View.mine'), icon: 'user' },
    { view: 'unassigned', label: t('inbox:View.unassigned'), icon: 'inbox' },
    { view: 'all', label: t('inbox:View.all'), icon: 'inbox' },
    ...teams.map((team) => ({ view: `team:${team.id}`, label: team.name, icon: 'users' as const })),
  ];

  return (
    <div className={`inbox${conversationId ? ' inbox--open' : ''}`}>
      {/* Not a <nav>: the shell's section navigation stays the page's one navigation landmark. */}
      <aside className="inbox__views" aria-label={t('inbox:View.label')}>
        <h1 className="inbox__title">{t('inbox:Title')}</h1>
        <ul>
          {views.map((v) => (
            <ViewItem
              key={v.view}
              label={v.label}
              icon={v.icon}
              active={filter.view === v.view}
              open={counts.counts ? counts.openOf(v.view) : null}
              unread={counts.unreadOf(v.view)}
              onSelect={() => setFilter({ view: v.view })}
            />
          ))}
        </ul>
        {counts.error && !counts.counts ? (
          <p className="field__error inbox__counts-error" role="alert">
            {t('inbox:View.countsError')}{' '}
            <button type="button" className="btn btn--ghost btn--small" onClick={counts.refresh}>
              {t('common:Action.retry')}
            </button>
          </p>
        ) : null}
        {!teams.length ? <p className="muted inbox__note">{t('inbox:View.noTeam')}</p> : null}
      </aside>

      <section className="inbox__list" aria-label={t('inbox:List.label')}>
        <header className="inbox__header">
          <Filters filter={filter} onChange={setFilter} />
          <NotificationControls />
        </header>
        {visibleSelected.length > 0 ? (
          <BulkBar
            count={visibleSelected.length}
            teams={teams}
            busy={bulk.busy}
            error={dialog ? null : bulk.error}
            onAction={(action) => void act(visibleSelected, action)}
            onSnooze={() => {
              bulk.clearError();
              setDialog({ kind: 'snooze', ids: visibleSelected });
            }}
            onTag={() => {
              bulk.clearError();
              setDialog({ kind: 'tag', ids: visibleSelected });
            }}
            onClear={() => setSelected(new Set())}
          />
        ) : null}
        {done ? (
          <Notice tone="success" action={<button type="button" className="btn btn--ghost btn--small" onClick={() => setDone(null)}>{t('common:Action.close')}</button>}>
            {done}
          </Notice>
        ) : null}
        {!dialog && bulk.error && visibleSelected.length === 0 ? <Notice tone="error">{errorText(t, bulk.error)}</Notice> : null}
        {list.status === 'error' && list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} title={t('inbox:List.loadError')} />
        ) : list.status === 'loading' && list.items.length === 0 ? (
          <Loading label={t('inbox:List.loading')} />
        ) : list.status === 'ready' && list.items.length === 0 ? (
          <EmptyState icon="inbox" title={t('inbox:List.empty')}>
            <p>{t('inbox:List.emptyHint')}</p>
          </EmptyState>
        ) : (
          <ConversationList
            items={list.items}
            activeId={conversationId ?? null}
            selected={selected}
            allSelected={allSelected}
            someSelected={someSelected}
            onToggle={toggle}
            onToggleAll={(checked) => setSelected(checked ? new Set(list.items.map((c) => c.id)) : new Set())}
            dimmed={list.status === 'loading'}
            hasMore={list.hasMore && list.status === 'ready'}
            loadingMore={list.loadingMore}
            moreError={list.moreError ? errorText(t, list.moreError) : null}
            onLoadMore={list.loadMore}
            focusIndex={focusIndex}
          />
        )}
      </section>

      <section className="inbox__pane" aria-label={t('inbox:Pane.label')}>
        {conversationId ? (
          <Outlet />
        ) : (
          <EmptyState icon="inbox" title={t('inbox:Pane.none')}>
            <p>{t('inbox:Pane.noneHint')}</p>
          </EmptyState>
        )}
      </section>

      {dialog?.kind === 'snooze' ? (
        <SnoozeDialog
          count={dialog.ids.length}
          busy={bulk.busy}
          error={bulk.error ? errorText(t, bulk.error) : null}
          onClose={closeDialog}
          onSnooze={(until) => void act(dialog.ids, { kind: 'snooze', until })}
        />
      ) : null}
      {dialog?.kind === 'tag' ? (
        <TagDialog
          count={dialog.ids.length}
          busy={bulk.busy}
          error={bulk.error ? errorText(t, bulk.error) : null}
          onClose={closeDialog}
          onTag={(add, remove) => void act(dialog.ids, { kind: 'tag', add, remove })}
        />
      ) : null}
    </div>
  );
}

function ViewItem({ label, icon, active, open, unread, onSelect }: { label: string; icon: 'user' | 'inbox' | 'users'; active: boolean; open: number | null; unread: number; onSelect: () => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  return (
    <li>
      <button type="button" className={`inbox-view${active ? ' is-active' : ''}`} aria-current={active ? 'true' : undefined} onClick={onSelect}>
        <Icon name={icon} />
        <span className="inbox-view__label">{label}</span>
        {unread > 0 ? (
          <>
            <span className="inbox-view__unread" aria-hidden="true">
              {formatNumber(unread, locale)}
            </span>
            <span className="visually-hidden">, {t('inbox:View.unread', { count: unread })}</span>
          </>
        ) : null}
        {open === null ? null : (
          <>
            <span className="inbox-view__open" aria-hidden="true">
              {formatNumber(open, locale)}
            </span>
            <span className="visually-hidden">, {t('inbox:View.open', { count: open })}</span>
          </>
        )}
      </button>
    </li>
  );
}

/** Teams for the views and transfers (everyone who works conversations may list them). */
function useTeams(): TeamView[] {
  const teams = useHubQuery('team.list', {});
  return teams.state.status === 'ok' ? teams.state.data : [];
}

function Filters({ filter, onChange }: { filter: InboxFilterState; onChange: (patch: Partial<InboxFilterState>) => void }) {
  const { t } = useT();
  const stores = useHubQuery('store.list', {});
  const [tag, setTag] = useState(filter.tag ?? '');
  const [wait, setWait] = useState(filter.waitingMinutes ? String(filter.waitingMinutes) : '');
  const tagSettled = useDebounced(tag.trim().toLowerCase(), 400);
  const waitSettled = useDebounced(wait, 400);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if ((filter.tag ?? '') !== tagSettled) latest.current({ tag: tagSettled || null });
  }, [tagSettled, filter.tag]);
  useEffect(() => {
    const minutes = Number.parseInt(waitSettled, 10);
    const next = Number.isFinite(minutes) && minutes >= 1 ? Math.min(minutes, 60 * 24 * 30) : null;
    if (next !== filter.waitingMinutes) latest.current({ waitingMinutes: next });
  }, [waitSettled, filter.waitingMinutes]);

  return (
    <div className="inbox-filters" role="group" aria-label={t('inbox:Filter.label')}>
      <label className="inbox-filter">
        <span className="inbox-filter__label">{t('inbox:Filter.status')}</span>
        <select className="input select" value={filter.status} onChange={(e) => onChange({ status: e.target.value as InboxFilterState['status'] })}>
          {ConversationStatus.options.map((status) => (
            <option key={status} value={status}>
              {t(`desk:Status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inbox-filter">
        <span className="inbox-filter__label">{t('inbox:Filter.channel')}</span>
        <select className="input select" value={filter.channel ?? ''} onChange={(e) => onChange({ channel: (e.target.value || null) as InboxFilterState['channel'] })}>
          <option value="">{t('inbox:Filter.anyChannel')}</option>
          {Channel.options.map((channel) => (
            <option key={channel} value={channel}>
              {t(`desk:Channel.${channel}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inbox-filter">
        <span className="inbox-filter__label">{t('inbox:Filter.tag')}</span>
        <input className="input" type="text" value={tag} onChange={(e) => setTag(e.target.value)} placeholder={t('inbox:Filter.tagPlaceholder')} autoComplete="off" />
      </label>
      <label className="inbox-filter">
        <span className="inbox-filter__label">{t('inbox:Filter.store')}</span>
        <select className="input select" value={filter.storeId ?? ''} onChange={(e) => onChange({ storeId: e.target.value || null })}>
          <option value="">{t('inbox:Filter.anyStore')}</option>
          {stores.state.status === 'ok'
            ? stores.state.data.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.name}
                </option>
              ))
            : null}
        </select>
      </label>
      <label className="inbox-filter inbox-filter--narrow">
        <span className="inbox-filter__label">{t('inbox:Filter.waiting')}</span>
        <input className="input" type="number" min={1} max={43200} inputMode="numeric" value={wait} onChange={(e) => setWait(e.target.value)} placeholder={t('inbox:Filter.waitingPlaceholder')} />
      </label>
      <label className="inbox-filter inbox-filter--full">
        <span className="inbox-filter__label">{t('inbox:Filter.sort')}</span>
        <select className="input select" value={filter.sort} onChange={(e) => onChange({ sort: e.target.value as InboxFilterState['sort'] })}>
          <option value="last_activity">{t('inbox:Filter.sortActivity')}</option>
          <option value="longest_waiting">{t('inbox:Filter.sortWaiting')}</option>
        </select>
      </label>
    </div>
  );
}

function ConversationList({
  items,
  activeId,
  selected,
  allSelected,
  someSelected,
  onToggle,
  onToggleAll,
  dimmed,
  hasMore,
  loadingMore,
  moreError,
  onLoadMore,
  focusIndex,
}: {
  items: ConversationSummary[];
  activeId: string | null;
  selected: Set<string>;
  allSelected: boolean;
  someSelected: boolean;
  onToggle: (id: string, checked: boolean, range: boolean) => void;
  onToggleAll: (checked: boolean) => void;
  dimmed: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onLoadMore: () => void;
  focusIndex: number | null;
}) {
  const { t } = useT();
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const allRef = useRef<HTMLInputElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
    onChange: (instance) => {
      const last = instance.getVirtualItems().at(-1);
      if (last && hasMore && !loadingMore && !moreError && last.index >= items.length - PREFETCH_ROWS) onLoadMore();
    },
  });

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = someSelected;
  }, [someSelected]);

  // Keep the conversation picked with j/k in view.
  useEffect(() => {
    if (focusIndex !== null && focusIndex < items.length) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, items.length, virtualizer]);

  // A short first page leaves nothing to scroll: fetch on until the view is full.
  useEffect(() => {
    const element = scrollRef.current;
    if (element && element.clientHeight > 0 && hasMore && !loadingMore && !moreError && element.scrollHeight <= element.clientHeight + ROW_HEIGHT) onLoadMore();
  }, [items.length, hasMore, loadingMore, moreError, onLoadMore]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(items.length - 1, Number(row.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1)));
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`)?.focus());
  };

  return (
    <div className={`conv-list${dimmed ? ' is-dimmed' : ''}`}>
      <div className="conv-list__head">
        <label className="conv-list__all">
          <input ref={allRef} type="checkbox" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} aria-label={t('inbox:List.selectAll')} />
          <span aria-hidden="true">{t('inbox:List.selectAllShort')}</span>
        </label>
        <span className="muted conv-list__count" role="status" aria-live="polite">
          {hasMore ? t('inbox:List.countMore', { count: items.length }) : t('inbox:List.count', { count: items.length })}
        </span>
      </div>
      <div ref={scrollRef} className="conv-list__scroll" onKeyDown={onKeyDown}>
        <div role="list" aria-label={t('inbox:List.label')} aria-busy={dimmed || loadingMore} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (!item) return null;
            return (
              <div
                key={virtual.key}
                role="listitem"
                aria-setsize={hasMore ? -1 : items.length}
                aria-posinset={virtual.index + 1}
                data-index={virtual.index}
                className="conv-list__item"
                style={{ transform: `translateY(${virtual.start}px)`, height: ROW_HEIGHT }}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a, input, button, label')) return;
                  void navigate(`/inbox/${item.id}`);
                }}
              >
                <ConversationRow conversation={item} selected={selected.has(item.id)} active={item.id === activeId} onToggle={onToggle} />
              </div>
            );
          })}
        </div>
      </div>
      <div className="conv-list__foot">
        {moreError ? (
          <span className="field__error" role="alert">
            {moreError}
          </span>
        ) : null}
        {hasMore || moreError ? (
          <button type="button" className="btn btn--small" onClick={onLoadMore} disabled={loadingMore} aria-busy={loadingMore}>
            {loadingMore ? <Spinner /> : null}
            {loadingMore ? t('inbox:List.loadingMore') : t('inbox:List.loadMore')}
          </button>
        ) : items.length > 0 ? (
          <span className="muted">{t('inbox:List.end')}</span>
        ) : null}
      </div>
    </div>
  );
}
