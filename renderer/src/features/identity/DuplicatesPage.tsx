// Duplicates (supervisors, admins): the match rate the business is judged by, a scan for new suggestions,
// and the suggestions by status — merge or dismiss the pending ones, undo a merge.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Trans } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText } from '../../ui/errors.ts';
import { formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { formatPercent } from './format.ts';
import { SuggestionCard, type SuggestionOutcome } from './SuggestionCard.tsx';

const tabs = ['pending', 'merged', 'dismissed'] as const;
type Tab = (typeof tabs)[number];

export function DuplicatesPage() {
  const { t } = useT();
  const hub = useHub();
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((name) => name === params.get('tab')) ?? 'pending';
  const query = useHubQuery('identity.suggestions', { status: tab });
  const rate = useHubQuery('identity.matchRate', {});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [scanning, setScanning] = useState(false);
  const [focusPanel, setFocusPanel] = useState(0);
  const panel = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ pending: null, merged: null, dismissed: null });
  const baseId = useId();
  usePageTitle(t('identity:Page.title'));

  useEffect(() => {
    if (focusPanel === 0) return;
    // Keyboard focus goes to the list (the card it was on is gone); the message above it stays in view.
    panel.current?.focus({ preventScroll: true });
    statusRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focusPanel]);

  const selectTab = (next: Tab, focus = false) => {
    setParams(next === 'pending' ? {} : { tab: next }, { replace: true });
    if (focus) tabRefs.current[next]?.focus();
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index + tabs.length - 1) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    selectTab(next, true);
  };

  const scan = async () => {
    setScanning(true);
    setMessage(null);
    setError(null);
    const result = await hub.call('identity.scan', {});
    setScanning(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const created = result.data.created;
    setMessage(created > 0 ? t('identity:Scan.found', { count: created }) : t('identity:Scan.none'));
    if (tab === 'pending') query.refresh();
    else selectTab('pending');
  };

  const onDone = (outcome: SuggestionOutcome) => {
    const list = query.state.data;
    if (list) query.setData(list.filter((s) => s.id !== outcome.suggestion.id));
    const [first, second] = outcome.suggestion.customers;
    setError(null);
    setMessage(
      outcome.kind === 'merged'
        ? t('identity:Merge.done', { name: outcome.survivor.fullName })
        : outcome.kind === 'restored'
          ? t('identity:Undo.done')
          : t('identity:Dismiss.done', { first: first.fullName, second: second.fullName }),
    );
    if (outcome.kind !== 'dismissed') rate.refresh();
    setFocusPanel((n) => n + 1);
  };

  return (
    <div className="page duplicates">
      <header className="page__header">
        <div>
          <h1>{t('identity:Page.title')}</h1>
          <p className="page__subtitle muted">{t('identity:Page.subtitle')}</p>
        </div>
        <button type="button" className="btn btn--primary" onClick={() => void scan()} disabled={scanning} aria-busy={scanning}>
          {scanning ? <Spinner /> : <Icon name="search" />} {scanning ? t('identity:Scan.running') : t('identity:Scan.button')}
        </button>
      </header>

      <MatchRateCard query={rate} />

      <div ref={statusRef} className="dup-status" role="status" aria-live="polite">
        {message ? (
          <div className="notice notice--success">
            <Icon name="check" />
            <div className="notice__body">{message}</div>
          </div>
        ) : null}
      </div>
      {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}

      <div className="tabs" role="tablist" aria-label={t('identity:Tab.label')}>
        {tabs.map((name) => (
          <button
            key={name}
            ref={(el) => {
              tabRefs.current[name] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === name ? 0 : -1}
            className="tabs__tab"
            onClick={() => {
              setMessage(null);
              selectTab(name);
            }}
            onKeyDown={onTabKey}
          >
            {t(`identity:Tab.${name}`)}
            {tab === name && query.state.status === 'ok' ? <span className="tabs__count">{query.state.data.length}</span> : null}
          </button>
        ))}
      </div>

      <div
        ref={panel}
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${tab}`}
        tabIndex={-1}
        className="tabs__panel"
      >
        {query.state.status === 'loading' ? (
          <Loading label={t('identity:Page.loading')} />
        ) : query.state.status === 'error' ? (
          <ErrorState error={query.state.error} onRetry={query.reload} title={t('identity:Page.loadError')} />
        ) : query.state.data.length === 0 ? (
          <EmptyState icon={tab === 'pending' ? 'search' : tab === 'merged' ? 'merge' : 'ban'} title={t(`identity:Empty.${tab}`)}>
            {tab === 'pending' ? <p>{t('identity:Empty.pendingHint')}</p> : null}
          </EmptyState>
        ) : (
          <ul className="dup-list" aria-label={t('identity:Page.listLabel', { tab: t(`identity:Tab.${tab}`) })}>
            {[...query.state.data]
              .sort((a, b) => b.score - a.score || b.createdAt.localeCompare(a.createdAt))
              .map((suggestion) => (
                <li key={suggestion.id}>
                  <SuggestionCard suggestion={suggestion} onDone={onDone} />
                </li>
              ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function MatchRateCard({ query }: { query: ReturnType<typeof useHubQuery<'identity.matchRate'>> }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const titleId = useId();
  if (query.state.status === 'loading')
    return (
      <section className="card rate">
        <Loading label={t('identity:Rate.loading')} />
      </section>
    );
  if (query.state.status === 'error')
    return (
      <section className="card rate">
        <Notice
          tone="warning"
          action={
            <button type="button" className="btn btn--small" onClick={query.reload}>
              <Icon name="refresh" /> {t('common:Action.retry')}
            </button>
          }
        >
          {t('identity:Rate.error')} {errorText(t, query.state.error)}
        </Notice>
      </section>
    );
  const { profiles, matched, rate } = query.state.data;
  const share = profiles > 0 ? matched / profiles : rate > 1 ? rate / 100 : rate;
  const percent = formatPercent(share, locale, 1);
  return (
    <section className="card rate" aria-labelledby={titleId}>
      <div className="rate__text">
        <h2 id={titleId} className="rate__headline">
          <Trans
            t={t}
            i18nKey="identity:Rate.headline"
            values={{ rate: percent, matched: formatNumber(matched, locale), profiles: formatNumber(profiles, locale) }}
            components={{ strong: <strong className="rate__figure" /> }}
          />
        </h2>
        <p className="muted small">{t('identity:Rate.hint')}</p>
      </div>
      <div
        className="rate__bar"
        role="meter"
        aria-label={t('identity:Rate.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 1000) / 10}
        aria-valuetext={percent}
      >
        <span style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
    </section>
  );
}
