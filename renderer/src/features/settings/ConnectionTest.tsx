// "Test connection" for a channel account, on its card and in its edit dialog: the button, its progress
// and the verdict in a status region, so a screen reader hears the outcome without moving focus.
import { useState } from 'react';
import type { ConnectionTestResult } from '../../../../common/api/channelSettings.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Spinner } from '../../ui/States.tsx';

type Outcome = { status: 'idle' } | { status: 'testing' } | { status: 'tested'; result: ConnectionTestResult } | { status: 'error'; error: AppError };

export function ConnectionTest({
  run,
  label,
}: {
  /** Runs the test; null when it was not sent (the form shows what to fix instead). */
  run: () => Promise<Result<ConnectionTestResult> | null>;
  /** The button's accessible name where "Test connection" alone is ambiguous (one per card). */
  label?: string;
}) {
  const { t } = useT();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const testing = outcome.status === 'testing';

  const start = async () => {
    setOutcome({ status: 'testing' });
    const answer = await run();
    if (!answer) setOutcome({ status: 'idle' });
    else setOutcome(answer.ok ? { status: 'tested', result: answer.data } : { status: 'error', error: answer.error });
  };

  const tone = outcome.status === 'tested' && outcome.result.ok ? 'ok' : outcome.status === 'tested' || outcome.status === 'error' ? 'bad' : 'pending';
  return (
    <div className="connection-test">
      <button type="button" className="btn btn--small" onClick={start} disabled={testing} aria-busy={testing} aria-label={label}>
        {testing ? <Spinner size={12} /> : <Icon name="refresh" />} {t('settings:Test.button')}
      </button>
      <p role="status" className={`connection-test__result connection-test__result--${tone}`}>
        {outcome.status === 'testing'
          ? t('settings:Test.testing')
          : outcome.status === 'error'
            ? errorText(t, outcome.error)
            : outcome.status === 'tested'
              ? outcome.result.ok
                ? t('settings:Test.ok', { detail: outcome.result.detail })
                : outcome.result.timedOut
                  ? t('settings:Test.timedOut')
                  : t('settings:Test.failed', { reason: outcome.result.reason })
              : null}
      </p>
    </div>
  );
}
