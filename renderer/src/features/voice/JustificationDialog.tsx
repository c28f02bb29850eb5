// Sending despite an error-level brand-voice issue: the agent says why in a few words, and the reason is
// stored with the message for the supervisor's review.
import { useId, useState, type FormEvent } from 'react';
import type { LintIssue } from '../../../../common/api/voice.ts';
import { MIN_JUSTIFICATION_LENGTH } from '../../../../common/api/voiceRules.ts';
import { useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { issueText } from '../review/ReviewConversation.tsx';
import { excerpt } from './issueView.ts';

export function JustificationDialog({ text, issues, onCancel, onJustified }: { text: string; issues: readonly LintIssue[]; onCancel: () => void; onJustified: (justification: string) => void }) {
  const { t } = useT();
  const formId = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < MIN_JUSTIFICATION_LENGTH;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!tooShort) onJustified(reason.trim());
  };

  return (
    <Dialog title={t('voice:Justify.title')} onClose={onCancel} footer={<FormDialogFooter formId={formId} busy={false} submitLabel={t('voice:Justify.send')} onCancel={onCancel} />}>
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        <p>{t('voice:Justify.intro', { count: issues.length })}</p>
        <ul className="voice-justify__issues">
          {issues.map((issue) => (
            <li key={`${issue.ruleId}:${issue.start}:${issue.end}`}>
              {excerpt(text, issue) ? <strong>«{excerpt(text, issue)}»</strong> : null} {issueText(t, issue)}
            </li>
          ))}
        </ul>
        <TextAreaField
          label={t('voice:Justify.reason')}
          hint={t('voice:Justify.hint')}
          value={reason}
          rows={2}
          maxLength={500}
          required
          error={tried && tooShort ? t('voice:Justify.tooShort', { count: MIN_JUSTIFICATION_LENGTH }) : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
      </form>
    </Dialog>
  );
}
