// Correct one product's on-hand count after a recount, with a reason. The count the person saw goes with
// it: if it changed meanwhile (a sale, a reservation, a colleague) the hub refuses with CONFLICT, and the
// dialog shows the new count to check against the shelf before trying again.
import { useId, useState, type FormEvent } from 'react';
import type { StoreStockRow } from '../../../../common/api/catalog.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Notice } from '../../ui/States.tsx';

export function CorrectStockDialog({
  storeId,
  row,
  onClose,
  onDone,
  onRefreshed,
}: {
  storeId: string;
  row: StoreStockRow;
  onClose: () => void;
  onDone: (row: StoreStockRow) => void;
  /** A fresher copy of the row, fetched after a CONFLICT (pushes may have been missed). */
  onRefreshed: (row: StoreStockRow) => void;
}) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const formId = useId();
  // The count this person is correcting from; moves on only when they saw the newer one (after a CONFLICT).
  const [expected, setExpected] = useState(row.onHand);
  const [onHand, setOnHand] = useState(String(row.onHand));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const count = Number(onHand);
    const local: Record<string, string> = {};
    if (onHand.trim() === '' || !Number.isInteger(count) || count < 0) local.onHand = t('reservations:Correct.countInvalid');
    if (reason.trim().length < 3) local.reason = t('reservations:Correct.reasonRequired');
    setFields(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setError(null);
    setConflict(false);
    const result = await hub.call('stock.correct', { storeId, productId: row.productId, onHand: count, expectedOnHand: expected, reason: reason.trim() });
    setBusy(false);
    if (result.ok) {
      onDone(result.data);
      return;
    }
    if (result.error.code === 'CONFLICT') {
      const fresh = await hub.call('stock.listStore', { storeId, q: row.sku, limit: 20 });
      const now = fresh.ok ? fresh.data.items.find((r) => r.productId === row.productId) : undefined;
      if (now) onRefreshed(now);
      setExpected(now?.onHand ?? row.onHand);
      setConflict(true);
      return;
    }
    const map = fieldErrorMap(result.error.fields);
    setFields(Object.fromEntries(Object.entries(map).map(([path, message]) => [path, fieldMessage(t, message)])));
    setError(result.error);
  };

  return (
    <Dialog
      title={t('reservations:Correct.title', { name: row.name })}
      onClose={() => !busy && onClose()}
      footer={<FormDialogFooter formId={formId} busy={busy} submitLabel={t('reservations:Correct.submit')} onCancel={onClose} />}
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        <dl className="facts">
          <dt>{t('reservations:Stock.column.onHand')}</dt>
          <dd>{formatNumber(row.onHand, locale)}</dd>
          <dt>{t('reservations:Stock.column.reserved')}</dt>
          <dd>{formatNumber(row.reserved, locale)}</dd>
        </dl>
        <TextField
          label={t('reservations:Correct.count')}
          type="number"
          inputMode="numeric"
          min={0}
          value={onHand}
          onChange={(event) => setOnHand(event.target.value)}
          error={fields.onHand}
          required
        />
        <TextAreaField
          label={t('reservations:Correct.reason')}
          hint={t('reservations:Correct.reasonHint')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={300}
          rows={2}
          error={fields.reason}
          required
        />
        {conflict ? <Notice tone="error">{t('reservations:Correct.conflict', { count: row.onHand })}</Notice> : null}
        {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
      </form>
    </Dialog>
  );
}
