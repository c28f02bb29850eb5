// The rules editor's model: a fresh rule of each kind with sensible starting values, the live check of a
// custom pattern in the supervisor's language, and the hub's (or the schema's) field errors of one rule.
import type { VoiceRule, VoiceRuleKind } from '../../../../../common/api/voice.ts';
import { customPatternProblem } from '../../../../../common/domain/voice/pattern.ts';
import type { FieldError } from '../../../../../common/result.ts';
import type { useT } from '../../../app/i18n.ts';

type T = ReturnType<typeof useT>['t'];

/** A new rule: valid once it has a name (and, for lists and patterns, something to look for). */
export function newRule(kind: VoiceRuleKind, id: string): VoiceRule {
  const base = { id, name: '', severity: 'warning' as const, channels: [], locale: 'any' as const, enabled: true };
  switch (kind) {
    case 'formal_address':
      return { ...base, kind, capitalVy: true, casual: [] };
    case 'forbidden_phrase':
      return { ...base, kind, phrases: [{ phrase: '', replacement: null }] };
    case 'exclamation_limit':
      return { ...base, kind, max: 1 };
    case 'caps_words':
      return { ...base, kind, allow: [], minLength: 3 };
    case 'emoji':
      return { ...base, kind, max: 0 };
    case 'greeting_required':
      return { ...base, kind, phrases: [], within: 40, suggestion: null };
    case 'signoff_required':
      return { ...base, kind, phrases: [], within: 120, suggestion: null };
    case 'max_length':
      return { ...base, kind, unit: 'chars', max: 1000 };
    case 'sensitive_data':
      return { ...base, kind, cards: true, passports: true, ignorePrefixes: [] };
    case 'custom_pattern':
      return { ...base, kind, pattern: '', flags: 'iu', message: '', replacement: null };
  }
}

/** A rule id nobody types: the kind and a random tail, unique within the set. */
export const newRuleId = (kind: VoiceRuleKind) => `${kind.replace(/_/g, '-')}-${crypto.randomUUID().slice(0, 8)}`;

const FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

/** What is wrong with a custom pattern as typed, and in which field, in the supervisor's language; null when it can be saved. */
export function patternProblem(t: T, pattern: string, flags: string): { field: 'pattern' | 'flags'; message: string } | null {
  if (!FLAGS.test(flags)) return { field: 'flags', message: t('voice:Form.flagsInvalid') };
  if (pattern === '') return { field: 'pattern', message: t('voice:Form.patternRequired') };
  const problem = customPatternProblem(pattern, flags);
  if (problem === null) return null;
  if (problem.startsWith('not a valid regular expression')) {
    let detail = problem;
    try {
      new RegExp(pattern, flags);
    } catch (error) {
      detail = (error as Error).message;
    }
    return { field: 'pattern', message: t('voice:Form.patternInvalid', { detail }) };
  }
  if (problem.startsWith('the pattern matches an empty text')) return { field: 'pattern', message: t('voice:Form.patternEmpty') };
  return { field: 'pattern', message: t('voice:Form.patternNested') };
}

/** Field errors under a prefix (`rules.3.`), keyed by the rest of the path (`pattern`, `phrases.0.phrase`). */
export function errorsUnder(fields: readonly FieldError[] | undefined, prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const field of fields ?? []) {
    if (!field.path.startsWith(prefix)) continue;
    const rest = field.path.slice(prefix.length) || '_';
    found[rest] ??= field.message;
  }
  return found;
}
