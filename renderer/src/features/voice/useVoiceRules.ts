// The brand-voice rule set in force, compiled once per version for linting on every keystroke, and
// fetched again when the hub says a new version is in force (or after a reconnect).
import { useMemo } from 'react';
import type { VoiceRuleSet } from '../../../../common/api/voice.ts';
import { compileRules, type Linter } from '../../../../common/domain/voice/lint.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHubEvent, useHubQuery } from '../../app/context.tsx';

export interface VoiceRules {
  status: 'loading' | 'ok' | 'error';
  ruleSet: VoiceRuleSet | null;
  linter: Linter | null;
  error: AppError | null;
  reload: () => void;
}

export function useVoiceRules(): VoiceRules {
  const query = useHubQuery('voice.rules.get', {});
  const ruleSet = query.state.status === 'ok' ? query.state.data : null;
  useHubEvent('voice.rulesChanged', (event) => {
    if (event.version !== ruleSet?.version) query.refresh();
  });
  const linter = useMemo(() => (ruleSet ? compileRules(ruleSet.rules) : null), [ruleSet]);
  return { status: query.state.status, ruleSet, linter, error: query.state.error ?? null, reload: query.reload };
}
