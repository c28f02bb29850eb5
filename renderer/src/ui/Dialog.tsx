// A modal dialog: labelled by its title, focus moves in and comes back, Escape and the close button close it,
// Tab stays inside.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../app/i18n.ts';
import { Icon } from './Icon.tsx';
import { Spinner } from './States.tsx';

export function Dialog({ title, onClose, children, footer }: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode }) {
  const { t } = useT();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = panel.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog__close)');
    (first ?? panel.current)?.focus();
    return () => previous?.focus?.();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>('a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled)')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={panel} className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
        <header className="dialog__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn--ghost btn--icon dialog__close" onClick={onClose} aria-label={t('common:Action.close')}>
            <Icon name="close" />
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        {footer ? <footer className="dialog__footer">{footer}</footer> : null}
      </div>
    </div>
  );
}

/** Cancel and submit for a dialog whose form lives in its body (linked by `formId`). */
export function FormDialogFooter({ formId, busy, submitLabel, onCancel }: { formId: string; busy: boolean; submitLabel: string; onCancel: () => void }) {
  const { t } = useT();
  return (
    <>
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        {t('common:Action.cancel')}
      </button>
      <button type="submit" form={formId} className="btn btn--primary" disabled={busy} aria-busy={busy}>
        {busy ? <Spinner /> : <Icon name="check" />} {submitLabel}
      </button>
    </>
  );
}
