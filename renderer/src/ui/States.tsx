// Loading, empty and error states, the same everywhere.
import type { ReactNode } from 'react';
import type { AppError } from '../../../common/result.ts';
import { useT } from '../app/i18n.ts';
import { errorText } from './errors.ts';
import { Icon, type IconName } from './Icon.tsx';

export function Spinner({ size = 16 }: { size?: number }) {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <Spinner size={20} />
      <span>{label ?? t('common:State.loading')}</span>
    </div>
  );
}

export function EmptyState({ icon = 'search', title, children }: { icon?: IconName; title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty" role="status">
      <span className="state__icon">
        <Icon name={icon} size={28} />
      </span>
      <p className="state__title">{title}</p>
      {children ? <div className="state__body">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, onRetry, title }: { error: AppError; onRetry?: () => void; title?: string }) {
  const { t } = useT();
  return (
    <div className="state state--error" role="alert">
      <span className="state__icon">
        <Icon name="alert" size={28} />
      </span>
      <p className="state__title">{title ?? t('common:State.errorTitle')}</p>
      <p className="state__body">{errorText(t, error)}</p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          <Icon name="refresh" /> {t('common:Action.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** An inline message in a form or above a page: errors are alerts, confirmations are status. */
export function Notice({ tone, children, action }: { tone: 'error' | 'warning' | 'success' | 'info'; children: ReactNode; action?: ReactNode }) {
  const icon: IconName = tone === 'success' ? 'check' : tone === 'info' ? 'clock' : 'alert';
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}>
      <Icon name={icon} />
      <div className="notice__body">{children}</div>
      {action ? <div className="notice__action">{action}</div> : null}
    </div>
  );
}
