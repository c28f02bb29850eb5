// The search palette (Ctrl+K / ⌘K): one box over customers and message text, in a dialog that follows the
// ARIA combobox pattern (the input owns a listbox; arrows move the active option, Enter opens it). A message
// hit opens its conversation at that message; a customer opens the profile.
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { MessageHit, SearchResult } from '../../../common/api/desk.ts';
import type { AppError } from '../../../common/result.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { errorText } from '../ui/errors.ts';
import { formatDateTime } from '../ui/format.ts';
import { Icon } from '../ui/Icon.tsx';
import { Spinner } from '../ui/States.tsx';
import { useDebounced } from '../ui/useDebounced.ts';
import { useHub } from './context.tsx';
import { currentLocale, useT } from './i18n.ts';

export const SEARCH_DEBOUNCE_MS = 250;
const LIMIT = 8;

/** The snippet cut at the highlight offsets ([start, end), clamped, overlaps merged). */
export function highlightParts(snippet: string, highlights: ReadonlyArray<readonly [number, number]>): Array<{ text: string; mark: boolean }> {
  const ranges = highlights
    .map(([s, e]) => [Math.max(0, Math.min(s, snippet.length)), Math.max(0, Math.min(e, snippet.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of ranges) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const parts: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) parts.push({ text: snippet.slice(at, s), mark: false });
    parts.push({ text: snippet.slice(s, e), mark: true });
    at = e;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), mark: false });
  return parts;
}

export function Highlighted({ snippet, highlights }: { snippet: string; highlights: MessageHit['highlights'] }) {
  return (
    <>
      {highlightParts(snippet, highlights).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

type Option = { kind: 'customer'; id: string; to: string } | { kind: 'message'; id: string; to: string };

type State = { q: string; status: 'loading' } | { q: string; status: 'ok'; data: SearchResult } | { q: string; status: 'error'; error: AppError };

export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const navigate = useNavigate();
  const ids = useId();
  const listId = `${ids}-list`;
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const [state, setState] = useState<State | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!q) return;
    let cancelled = false;
    void hub.call('search.all', { q, limit: LIMIT }).then((result) => {
      if (cancelled) return;
      setState(result.ok ? { q, status: 'ok', data: result.data } : { q, status: 'error', error: result.error });
      setActive(0);
    });
    return () => {
      cancelled = true;
    };
  }, [hub, q]);

  const current = state && state.q === q && q ? state : null;
  const data = current?.status === 'ok' ? current.data : null;
  const options = useMemo<Option[]>(
    () =>
      data
        ? [
            ...data.customers.map((c): Option => ({ kind: 'customer', id: c.id, to: `/customers/${c.id}` })),
            ...data.messages.map(
              (m): Option => ({ kind: 'message', id: m.messageId, to: `/inbox/${m.conversationId}?message=${encodeURIComponent(m.messageId)}` }),
            ),
          ]
        : [],
    [data],
  );
  const activeIndex = options.length ? Math.min(active, options.length - 1) : -1;
  const optionId = (option: Option) => `${ids}-${option.kind}-${option.id}`;
  const activeOption = activeIndex >= 0 ? options[activeIndex] : undefined;

  useEffect(() => {
    if (!activeOption) return;
    document.getElementById(optionId(activeOption))?.scrollIntoView?.({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId only depends on ids
  }, [activeOption]);

  const pick = (option: Option | undefined) => {
    if (!option) return;
    onClose();
    void navigate(option.to);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (event.key === 'Home' && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      event.preventDefault();
      setActive(options.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(activeOption);
    }
  };

  const pending = Boolean(text.trim()) && (text.trim() !== q || !current);
  const expanded = options.length > 0;

  let body: ReactNode = null;
  if (!text.trim()) body = <p className="palette__hint muted">{t('desk:Search.hint')}</p>;
  else if (current?.status === 'error') body = <p className="palette__hint field__error" role="alert">{errorText(t, current.error)}</p>;
  else if (data && options.length === 0) body = <p className="palette__hint muted">{t('desk:Search.nothing', { q })}</p>;

  const customerOptions = options.filter((o) => o.kind === 'customer');
  const messageOptions = options.filter((o) => o.kind === 'message');
  const optionProps = (option: Option) => {
    const index = options.indexOf(option);
    return {
      id: optionId(option),
      role: 'option' as const,
      'aria-selected': index === activeIndex,
      className: `palette__option${index === activeIndex ? ' is-active' : ''}`,
      onMouseMove: () => index !== activeIndex && setActive(index),
      onMouseDown: (event: React.MouseEvent) => event.preventDefault(),
      onClick: () => pick(option),
    };
  };

  return (
    <Dialog title={t('desk:Search.title')} onClose={onClose}>
      <div className="palette">
        <div className="search palette__search">
          <Icon name="search" className="search__icon" />
          <input
            type="text"
            className="input search__input"
            role="combobox"
            aria-label={t('desk:Search.inputLabel')}
            aria-expanded={expanded}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
            placeholder={t('desk:Search.placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            autoComplete="off"
            spellCheck={false}
          />
          {pending ? <Spinner /> : null}
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {data ? t('desk:Search.resultCount', { count: options.length }) : ''}
        </p>
        <div id={listId} role="listbox" aria-label={t('desk:Search.resultsLabel')} className="palette__list">
          {customerOptions.length > 0 ? (
            <div role="group" aria-labelledby={`${ids}-customers`} className="palette__group">
              <div id={`${ids}-customers`} role="presentation" className="palette__heading">
                {t('desk:Search.customers')}
              </div>
              {data?.customers.map((customer) => {
                const option = customerOptions.find((o) => o.id === customer.id)!;
                return (
                  <div key={customer.id} {...optionProps(option)}>
                    <Icon name="user" />
                    <span className="palette__main">
                      <span className="palette__title">{customer.fullName}</span>
                      <span className="palette__meta muted">{[customer.city, customer.phoneMasked, customer.emailMasked].filter(Boolean).join(' · ')}</span>
                    </span>
                  </div>
                );
              })}
            </div>
          ) : null}
          {messageOptions.length > 0 ? (
            <div role="group" aria-labelledby={`${ids}-messages`} className="palette__group">
              <div id={`${ids}-messages`} role="presentation" className="palette__heading">
                {t('desk:Search.messages')}
              </div>
              {data?.messages.map((hit) => {
                const option = messageOptions.find((o) => o.id === hit.messageId)!;
                return (
                  <div key={hit.messageId} {...optionProps(option)}>
                    <Icon name={hit.channel} label={t(`desk:Channel.${hit.channel}`)} />
                    <span className="palette__main">
                      <span className="palette__title">
                        {hit.customerName}
                        <span className="palette__meta muted">
                          {' · '}
                          {t(`desk:Search.direction.${hit.direction}`)} · {formatDateTime(hit.at, locale)}
                        </span>
                      </span>
                      <span className="palette__snippet">
                        <Highlighted snippet={hit.snippet} highlights={hit.highlights} />
                      </span>
                    </span>
                  </div>
                );
              })}
            </div>
          ) : null}
        </div>
        {body}
        <p className="palette__keys muted" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> {t('desk:Search.keysMove')} · <kbd>Enter</kbd> {t('desk:Search.keysOpen')} · <kbd>Esc</kbd> {t('desk:Search.keysClose')}
        </p>
      </div>
    </Dialog>
  );
}
