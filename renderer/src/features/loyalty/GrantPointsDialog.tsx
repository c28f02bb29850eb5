// Goodwill points for a customer (or, for supervisors and admins, a correction that takes points away),
// always with a reason. The dialog says how much the user may still grant today; the hub decides.
import { useId, useState, type FormEvent } from 'react';
import { LoyaltyAdjustInput, type LoyaltyEntryView } from '../../../../common/api/loyalty.ts';
import { canCorrectPoints } from '../../../../common/domain/loyalty.ts';
import { fieldErrors, type AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery, useMe } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Notice, Spinner } from '../../ui/States.tsx';

export interface GrantPointsDialogProps {
  customerId: string;
  balance: number;
  onClose: () => void;
  onGranted: (result: { entry: LoyaltyEntryView; balance: number }) => void;
}

export function GrantPointsDialog({ customerId, balance, onClose, onGranted }: GrantPointsDialogProps) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const me = useMe();
  const formId = useId();
  const mayCorrect = canCorrectPoints(me.role);
  // One page of one entry: the hub answers with what the user may still grant today.
  const allowance = useHubQuery('loyalty.ledger', { customerId, limit: 1 });
  const remaining = allowance.state.status === 'ok' ? allowance.state.data.goodwillRemainingToday : undefined;
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  // Kept across retries, so a request whose answer was lost is not granted twice.
  const [clientId] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  // What the hub (or the same schema, checked here first) refused.
  const [error, setError] = useState<AppError | null>(null);
  // What the dialog can tell before asking: already in the user's language.
  const [localPointsError, setLocalPointsError] = useState<string | null>(null);

  const overLimit = (left: number) => t('loyalty:Grant.overLimit', { count: left, points: formatNumber(left, locale) });
  const notEnough = t('loyalty:Grant.notEnough', { count: balance, points: formatNumber(balance, locale) });

  const localCheck = (amount: number): string | null => {
    if (amount < 0 && !mayCorrect) return t('loyalty:Grant.noCorrections');
    if (amount > 0 && remaining === null) return t('loyalty:Grant.noGoodwill');
    if (amount > 0 && typeof remaining === 'number' && amount > remaining) return overLimit(remaining);
    if (amount < 0 && -amount > balance) return notEnough;
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = points.trim() === '' ? 0 : Number(points);
    const checked = LoyaltyAdjustInput.safeParse({ customerId, points: amount, reason, clientId });
    setLocalPointsError(null);
    if (!checked.success) return setError({ code: 'BAD_REQUEST', message: 'invalid', fields: fieldErrors(checked.error) });
    const refusal = localCheck(amount);
    setError(null);
    if (refusal) return setLocalPointsError(refusal);

    setBusy(true);
    const result = await hub.call('loyalty.adjust', checked.data);
    setBusy(false);
    if (result.ok) {
      onGranted(result.data);
      return;
    }
    // Someone else's grant or a colleague at another desk may have used the allowance meanwhile.
    if (result.error.code === 'FORBIDDEN') allowance.refresh();
    setError(result.error);
  };

  // The hub's refusals name a number in English; the dialog says them in the user's language.
  const pointsMessage = (message: string): string => {
    if (error?.code === 'FORBIDDEN') return remaining ? overLimit(remaining) : t('loyalty:Grant.limitUsed');
    if (error?.code === 'BAD_REQUEST' && /^at most \d+$/.test(message)) return notEnough;
    if (/must not be zero/.test(message)) return t('loyalty:Grant.pointsRequired');
    return fieldMessage(t, message);
  };
  const fields = fieldErrorMap(error?.fields);
  const pointsError = localPointsError ?? (fields.points ? pointsMessage(fields.points) : undefined);
  const reasonError = fields.reason ? t('loyalty:Grant.reasonRequired') : undefined;
  const formLevel = error && !error.fields?.length ? errorText(t, error) : null;

  const hint =
    remaining === undefined
      ? null
      : remaining === null
        ? t('loyalty:Grant.noGoodwill')
        : t('loyalty:Grant.remaining', { count: remaining, points: formatNumber(remaining, locale) });

  return (
    <Dialog
      title={t('loyalty:Grant.title')}
      onClose={onClose}
      footer={<FormDialogFooter formId={formId} busy={busy} submitLabel={t('loyalty:Grant.submit')} onCancel={onClose} />}
    >
      <form id={formId} className="form" onSubmit={(e) => void submit(e)} noValidate>
        {formLevel ? <Notice tone="error">{formLevel}</Notice> : null}
        <p className="muted" role="status" aria-live="polite">
          {allowance.state.status === 'loading' ? (
            <>
              <Spinner /> {t('loyalty:Grant.loadingAllowance')}
            </>
          ) : allowance.state.status === 'error' ? (
            t('loyalty:Grant.allowanceUnknown')
          ) : (
            hint
          )}
        </p>
        <TextField
          type="number"
          inputMode="numeric"
          step={1}
          label={t('loyalty:Grant.points')}
          hint={mayCorrect ? t('loyalty:Grant.pointsHintCorrect', { balance: formatNumber(balance, locale) }) : t('loyalty:Grant.pointsHint')}
          value={points}
          error={pointsError}
          onChange={(e) => setPoints(e.target.value)}
          required
        />
        <TextAreaField
          label={t('loyalty:Grant.reason')}
          hint={t('loyalty:Grant.reasonHint')}
          value={reason}
          maxLength={300}
          rows={3}
          error={reasonError}
          onChange={(e) => setReason(e.target.value)}
          required
        />
      </form>
    </Dialog>
  );
}
