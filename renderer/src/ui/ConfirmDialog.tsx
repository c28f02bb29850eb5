// Asks before an action that changes something for other people, runs it, and stays open with the
// hub's error if it was refused. Closing is disabled while the action runs.
import { useState, type ReactNode } from 'react';
import type { AppError, Result } from '../../../common/result.ts';
import { useT } from '../app/i18n.ts';
import { Dialog } from './Dialog.tsx';
import { errorText } from './errors.ts';
import { Icon, type IconName } from './Icon.tsx';
import { Notice, Spinner } from './States.tsx';

export function ConfirmDialog<R>({
  title,
  confirmText,
  icon,
  tone = 'primary',
  children,
  onClose,
  run,
  onDone,
}: {
  title: string;
  confirmText: string;
  icon: IconName;
  /** `danger` for actions that take something away (disabling a user). */
  tone?: 'primary' | 'danger';
  children: ReactNode;
  onClose: () => void;
  run: () => Promise<Result<R>>;
  onDone: (data: R) => void;
}) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <Dialog
      title={title}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common:Action.cancel')}
          </button>
          <button
            type="button"
            className={tone === 'danger' ? 'btn btn--danger-solid' : 'btn btn--primary'}
            disabled={busy}
            aria-busy={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              const result = await run();
              if (result.ok) onDone(result.data);
              else {
                setBusy(false);
                setError(result.error);
              }
            }}
          >
            {busy ? <Spinner /> : <Icon name={icon} />} {confirmText}
          </button>
        </>
      }
    >
      <div className="stack">{children}</div>
      {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
    </Dialog>
  );
}
