// Step one of a reservation: find the product. Typos, the wrong keyboard layout, SKUs and barcodes are
// the hub's business (catalog.search); here the box is debounced and says how the query was understood.
import { useEffect, useId, useState } from 'react';
import type { CatalogSearchResult, ProductHit } from '../../../../common/api/catalog.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';

export const CATALOG_DEBOUNCE_MS = 250;
const LIMIT = 20;

type State = { q: string; status: 'ok'; data: CatalogSearchResult } | { q: string; status: 'error'; error: AppError };

export function ProductSearch({ text, onText, onPick }: { text: string; onText: (text: string) => void; onPick: (product: ProductHit) => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const listId = useId();
  const q = useDebounced(text.trim(), CATALOG_DEBOUNCE_MS);
  const [state, setState] = useState<State | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!q) return;
    let cancelled = false;
    void hub.call('catalog.search', { q, limit: LIMIT }).then((result) => {
      if (!cancelled) setState(result.ok ? { q, status: 'ok', data: result.data } : { q, status: 'error', error: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [hub, q, attempt]);

  const current = state && q && state.q === q ? state : null;
  // Typing ahead of the debounce, or waiting for the hub.
  const pending = text.trim() !== '' && (text.trim() !== q || !current);

  return (
    <div className="reserve-search">
      <div className="search">
        <Icon name="search" className="search__icon" />
        <input
          className="input search__input"
          type="search"
          value={text}
          onChange={(event) => onText(event.target.value)}
          aria-label={t('reservations:Search.label')}
          placeholder={t('reservations:Search.placeholder')}
          aria-controls={listId}
          aria-busy={pending}
          autoComplete="off"
          spellCheck={false}
        />
        {pending ? <Spinner /> : null}
      </div>
      {!text.trim() ? <p className="muted small">{t('reservations:Search.hint')}</p> : null}
      {current?.status === 'ok' && current.data.understoodAs ? (
        <p className="reserve-search__understood small" role="status">
          <Icon name="keyboard" /> {t('reservations:Search.understoodAs', { q: current.data.understoodAs })}
        </p>
      ) : null}
      {current?.status === 'error' ? (
        <Notice
          tone="error"
          action={
            <button type="button" className="btn btn--small" onClick={() => setAttempt((n) => n + 1)}>
              <Icon name="refresh" /> {t('common:Action.retry')}
            </button>
          }
        >
          {t('reservations:Search.error')} {errorText(t, current.error)}
        </Notice>
      ) : null}
      {current?.status === 'ok' && current.data.items.length === 0 ? (
        <p className="muted" role="status">
          {t('reservations:Search.nothing', { q: current.q })}
        </p>
      ) : null}
      <ul id={listId} className={`reserve-hits${pending ? ' is-dimmed' : ''}`} aria-label={t('reservations:Search.results')}>
        {current?.status === 'ok'
          ? current.data.items.map((hit) => (
              <li key={hit.id}>
                <button type="button" className="reserve-hit" onClick={() => onPick(hit)}>
                  <span className="reserve-hit__name">{hit.name}</span>
                  <span className="reserve-hit__meta muted small">
                    {hit.brand} · <span className="mono">{t('reservations:Product.sku', { sku: hit.sku })}</span>
                    {hit.match === 'fuzzy' ? <span className="badge">{t('reservations:Search.fuzzy')}</span> : null}
                  </span>
                  <span className="reserve-hit__price">{formatMoney(hit.priceKopecks)}</span>
                  <span className={`reserve-hit__stock small${hit.totalAvailable > 0 ? '' : ' is-out'}`}>
                    {hit.totalAvailable > 0
                      ? t('reservations:Product.available', { count: hit.totalAvailable, value: formatNumber(hit.totalAvailable, locale) })
                      : t('reservations:Product.outOfStock')}
                  </span>
                </button>
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
