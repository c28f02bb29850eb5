// Step two: the chosen product's stock per store (live), and the reservation itself — store, quantity,
// how long to hold it and whether to tell the customer. The hub re-checks everything; a CONFLICT (someone
// took the last units meanwhile) refreshes the stock and says how many are left.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ProductHit, ProductStock } from '../../../../common/api/catalog.ts';
import type { ReservationView } from '../../../../common/api/reservations.ts';
import { MAX_HOLD_DAYS } from '../../../../common/domain/reservations.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubEvent, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { CheckboxField, TextField } from '../../ui/Field.tsx';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { StockTable } from './StockTable.tsx';

/** The hub caps one reservation at this many units (ReservationCreateInput). */
const MAX_QUANTITY = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReserveTarget {
  customerId: string;
  conversationId: string | null;
}

type Failure = { kind: 'conflict' } | { kind: 'error'; error: AppError };

/** Stock pushes patch the rows in place: the order the agent is reading does not jump. */
export function applyStockChanges(data: ProductStock, changes: ReadonlyArray<{ storeId: string; productId: string; onHand: number; reserved: number; available: number }>): ProductStock {
  const mine = changes.filter((change) => change.productId === data.product.id);
  if (mine.length === 0) return data;
  const stores = data.stores.map((store) => {
    const change = mine.findLast((c) => c.storeId === store.storeId);
    return change ? { ...store, onHand: change.onHand, reserved: change.reserved, available: change.available } : store;
  });
  return { ...data, stores, product: { ...data.product, totalAvailable: stores.reduce((sum, s) => sum + Math.max(0, s.available), 0) } };
}

/** A `datetime-local` value (the agent's wall clock) as an instant; null when empty or not a date. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function ReserveForm({ product, target, onDone }: { product: ProductHit; target: ReserveTarget; onDone: (reservation: ReservationView, notified: boolean) => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const ids = useId();
  const stock = useHubQuery('stock.forProduct', { productId: product.id, customerId: target.customerId });
  const [pickedStoreId, setStoreId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [holdMode, setHoldMode] = useState<'default' | 'custom'>('default');
  const [holdAt, setHoldAt] = useState('');
  const [notify, setNotify] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // One id per reservation attempt: a retry after a lost answer is stored once.
  const clientId = useRef(crypto.randomUUID());

  useHubEvent('stock.changed', (changes) => {
    const data = stock.state.data;
    if (data) stock.setData(applyStockChanges(data, changes));
  });

  // The nearest store that has it, until the agent picks another.
  const storeId = pickedStoreId ?? stock.state.data?.stores.find((s) => s.available > 0)?.storeId ?? null;

  if (stock.state.status === 'loading') return <Loading label={t('reservations:Stock.loading')} />;
  if (stock.state.status === 'error') return <ErrorState error={stock.state.error} onRetry={stock.reload} title={t('reservations:Stock.error')} />;

  const { stores, fromCity } = stock.state.data;
  const selected = stores.find((s) => s.storeId === storeId) ?? null;
  const max = Math.min(MAX_QUANTITY, Math.max(0, selected?.available ?? 0));
  const qty = Number(quantity);

  const validate = (): Record<string, string> => {
    const errors: Record<string, string> = {};
    if (!selected) errors.storeId = t('reservations:Reserve.chooseStore');
    if (!Number.isInteger(qty) || qty < 1) errors.quantity = t('reservations:Reserve.quantityInvalid');
    else if (selected && qty > max) errors.quantity = t('reservations:Reserve.onlyAvailable', { count: max });
    if (holdMode === 'custom') {
      const iso = localInputToIso(holdAt);
      if (!iso) errors.holdUntil = t('reservations:Reserve.holdRequired');
      else if (new Date(iso).getTime() <= Date.now()) errors.holdUntil = t('reservations:Reserve.holdPast');
      else if (new Date(iso).getTime() > Date.now() + MAX_HOLD_DAYS * DAY_MS) errors.holdUntil = t('reservations:Reserve.holdTooFar', { count: MAX_HOLD_DAYS });
    }
    return errors;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    setFailure(null);
    if (Object.keys(errors).length > 0 || !selected) return;
    // What was sent stays chosen: after a CONFLICT the agent sees this store's new count, not another store.
    setStoreId(selected.storeId);
    setBusy(true);
    const result = await hub.call('reservation.create', {
      customerId: target.customerId,
      conversationId: target.conversationId,
      productId: product.id,
      storeId: selected.storeId,
      quantity: qty,
      holdUntil: holdMode === 'custom' ? localInputToIso(holdAt) : null,
      notify,
      clientId: clientId.current,
    });
    setBusy(false);
    if (result.ok) {
      onDone(result.data, notify);
      return;
    }
    if (result.error.code === 'CONFLICT') {
      // Not stored: the next attempt is a new reservation.
      clientId.current = crypto.randomUUID();
      stock.refresh();
      setFailure({ kind: 'conflict' });
      return;
    }
    const fields = fieldErrorMap(result.error.fields);
    setFieldErrors(
      Object.fromEntries(
        Object.entries(fields).map(([path, message]) => [
          path,
          // The hub's two hold-until rules (holdUntilProblem), said the desk's way; the rest as usual.
          path === 'holdUntil'
            ? /future/i.test(message)
              ? t('reservations:Reserve.holdPast')
              : t('reservations:Reserve.holdTooFar', { count: MAX_HOLD_DAYS })
            : fieldMessage(t, message),
        ]),
      ),
    );
    setFailure({ kind: 'error', error: result.error });
  };

  const total = stores.reduce((sum, s) => sum + Math.max(0, s.available), 0);

  return (
    <form className="reserve-form stack" onSubmit={submit} noValidate aria-busy={busy}>
      <div className="reserve-product">
        <div>
          <h3 className="reserve-product__name">{product.name}</h3>
          <p className="muted small">
            {product.brand} · <span className="mono">{t('reservations:Product.sku', { sku: product.sku })}</span>
            {product.barcode ? <span className="mono"> · {product.barcode}</span> : null}
          </p>
        </div>
        <div className="reserve-product__figures">
          <span className="reserve-hit__price">{formatMoney(product.priceKopecks)}</span>
          <span className="muted small">{t('reservations:Product.available', { count: total, value: formatNumber(total, locale) })}</span>
        </div>
      </div>
      <p className="muted small">
        <Icon name="pin" /> {fromCity ? t('reservations:Stock.nearestTo', { city: fromCity }) : t('reservations:Stock.noCity')}
      </p>
      {stores.length === 0 ? (
        <EmptyState icon="store" title={t('reservations:Stock.none')} />
      ) : (
        <fieldset className="reserve-form__stores" aria-describedby={fieldErrors.storeId ? `${ids}-store-error` : undefined}>
          <legend className="visually-hidden">{t('reservations:Stock.caption')}</legend>
          <StockTable stores={stores} selectedStoreId={storeId} onSelect={(id) => setStoreId(id)} name={`${ids}-store`} />
          {fieldErrors.storeId ? (
            <p id={`${ids}-store-error`} className="field__error">
              {fieldErrors.storeId}
            </p>
          ) : null}
        </fieldset>
      )}
      <div className="reserve-form__fields">
        <TextField
          label={t('reservations:Reserve.quantity')}
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.max(1, max)}
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          error={fieldErrors.quantity}
          hint={selected ? t('reservations:Reserve.quantityHint', { count: max }) : undefined}
          required
        />
        <fieldset className="fieldset reserve-form__hold">
          <legend>{t('reservations:Reserve.holdUntil')}</legend>
          <label className="check">
            <input type="radio" name={`${ids}-hold`} checked={holdMode === 'default'} onChange={() => setHoldMode('default')} />
            <span>{t('reservations:Reserve.holdDefault')}</span>
          </label>
          <label className="check">
            <input type="radio" name={`${ids}-hold`} checked={holdMode === 'custom'} onChange={() => setHoldMode('custom')} />
            <span>{t('reservations:Reserve.holdCustom')}</span>
          </label>
          {holdMode === 'custom' ? (
            <TextField
              label={t('reservations:Reserve.holdAt')}
              type="datetime-local"
              value={holdAt}
              onChange={(event) => setHoldAt(event.target.value)}
              error={fieldErrors.holdUntil}
              required
            />
          ) : fieldErrors.holdUntil ? (
            <p className="field__error">{fieldErrors.holdUntil}</p>
          ) : null}
        </fieldset>
      </div>
      <CheckboxField label={t('reservations:Reserve.notify')} checked={notify} onChange={(event) => setNotify(event.target.checked)} />
      {failure?.kind === 'conflict' ? (
        <Notice tone="error">{t('reservations:Reserve.conflict', { count: Math.max(0, selected?.available ?? 0) })}</Notice>
      ) : failure ? (
        <Notice tone="error">{errorText(t, failure.error)}</Notice>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy || stores.length === 0} aria-busy={busy}>
          {busy ? <Spinner /> : <Icon name="bag" />} {t('reservations:Reserve.submit')}
        </button>
      </div>
    </form>
  );
}
