import { describe, expect, it } from 'vitest';
import type { LintIssue } from '../../../../common/api/voice.ts';
import { highlightRuns } from './highlight.ts';

const issue = (start: number, end: number, ruleId = 'r'): LintIssue => ({ ruleId, kind: 'forbidden_phrase', severity: 'error', start, end, messageKey: 'voice:issues.forbidden_phrase', params: {}, fix: null });

describe('highlightRuns', () => {
  it('keeps the text whole and marks each finding', () => {
    const runs = highlightRuns('Не знаю, когда привезут', [issue(0, 7)]);
    expect(runs.map((r) => r.text)).toEqual(['Не знаю', ', когда привезут']);
    expect(runs[0]!.issues).toHaveLength(1);
    expect(runs[1]!.issues).toEqual([]);
  });

  it('merges overlapping findings into one run and ignores empty or out-of-range ones', () => {
    const runs = highlightRuns('abcdefghij', [issue(2, 5, 'a'), issue(4, 7, 'b'), issue(9, 9, 'empty'), issue(8, 40, 'tail')]);
    expect(runs.map((r) => [r.text, r.issues.map((i) => i.ruleId)])).toEqual([
      ['ab', []],
      ['cdefg', ['a', 'b']],
      ['h', []],
      ['ij', ['tail']],
    ]);
  });

  it('returns the text as one plain run without findings', () => {
    expect(highlightRuns('Здравствуйте!', [])).toEqual([{ text: 'Здравствуйте!', issues: [] }]);
  });
});
