// Splitting a message into plain runs and runs the voice rules flagged, so the review shows exactly what
// each finding is about. Overlapping findings merge into one run that carries all of them.
import type { LintIssue } from '../../../../common/api/voice.ts';

export interface Run {
  text: string;
  issues: LintIssue[];
}

export function highlightRuns(text: string, issues: readonly LintIssue[]): Run[] {
  const spans = issues
    .map((issue) => ({ start: Math.max(0, Math.min(issue.start, text.length)), end: Math.max(0, Math.min(issue.end, text.length)), issue }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const runs: Run[] = [];
  let at = 0;
  let i = 0;
  while (i < spans.length) {
    const first = spans[i]!;
    if (first.start > at) runs.push({ text: text.slice(at, first.start), issues: [] });
    let end = first.end;
    const grouped = [first.issue];
    for (i++; i < spans.length && spans[i]!.start < end; i++) {
      end = Math.max(end, spans[i]!.end);
      grouped.push(spans[i]!.issue);
    }
    runs.push({ text: text.slice(Math.max(at, first.start), end), issues: grouped });
    at = Math.max(at, end);
  }
  if (at < text.length) runs.push({ text: text.slice(at), issues: [] });
  return runs;
}
