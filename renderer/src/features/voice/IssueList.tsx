// The composer's brand-voice findings in words: what is wrong and why, a button that selects the flagged
// words in the text, and a one-click fix where the correction is mechanical.
import type { LintIssue } from '../../../../common/api/voice.ts';
import { useT } from '../../app/i18n.ts';
import { issueText } from '../review/ReviewConversation.tsx';
import { excerpt, fixLabel } from './issueView.ts';

const BADGE = { error: 'badge--danger', warning: 'badge--warn', hint: 'badge--neutral' } as const;

export function IssueList({ text, issues, onSelect, onFix }: { text: string; issues: readonly LintIssue[]; onSelect: (issue: LintIssue) => void; onFix: (issue: LintIssue) => void }) {
  const { t } = useT();
  const count = (severity: LintIssue['severity']) => issues.filter((issue) => issue.severity === severity).length;
  const summary = [
    count('error') > 0 ? t('voice:Composer.errors', { count: count('error') }) : null,
    count('warning') > 0 ? t('voice:Composer.warnings', { count: count('warning') }) : null,
    count('hint') > 0 ? t('voice:Composer.hints', { count: count('hint') }) : null,
  ].filter((part) => part !== null);
  return (
    <section className="voice-issues" aria-label={t('voice:Composer.issuesLabel')}>
      <p className="voice-issues__summary small" aria-live="polite">
        {issues.length === 0 ? t('voice:Composer.clean') : `${summary.join(' · ')} · ${t('voice:Composer.keyboardHint')}`}
      </p>
      {issues.length > 0 ? (
        <ul className="voice-issues__list">
          {issues.map((issue) => {
            const words = excerpt(text, issue);
            return (
              <li key={`${issue.ruleId}:${issue.start}:${issue.end}:${issue.messageKey}`} className={`voice-issue voice-issue--${issue.severity}`}>
                <span className={`badge ${BADGE[issue.severity]}`}>{t(`voice:Severity.${issue.severity}`)}</span>
                {words ? (
                  <button type="button" className="voice-issue__words" onClick={() => onSelect(issue)} aria-label={t('voice:Composer.select', { text: words })}>
                    «{words}»
                  </button>
                ) : null}
                <span className="voice-issue__text">{issueText(t, issue)}</span>
                {issue.fix ? (
                  <button type="button" className="btn btn--small voice-issue__fix" aria-label={fixLabel(t, text, issue.fix)} onClick={() => onFix(issue)}>
                    {t('voice:Fix.button')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
