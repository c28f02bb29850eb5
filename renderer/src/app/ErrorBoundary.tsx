// Catches a screen that throws while rendering, so one broken screen never blanks the whole desk.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from './i18n.ts';
import { Icon } from '../ui/Icon.tsx';

interface Props {
  /** Changing it (e.g. the route) clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A screen failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <ScreenCrashed error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function ScreenCrashed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useT();
  return (
    <div className="state state--error page" role="alert">
      <span className="state__icon">
        <Icon name="alert" size={28} />
      </span>
      <p className="state__title">{t('shell:Crash.title')}</p>
      <p className="state__body">{t('shell:Crash.body')}</p>
      <details className="crash-details">
        <summary>{t('shell:Crash.details')}</summary>
        <code>{error.message}</code>
      </details>
      <div className="row">
        <button type="button" className="btn btn--primary" onClick={onRetry}>
          <Icon name="refresh" /> {t('common:Action.retry')}
        </button>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('shell:Crash.reload')}
        </button>
      </div>
    </div>
  );
}
