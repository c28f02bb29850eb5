// The reviewed conversation, read-only: every message in order, the reviewed agent's replies with what the
// voice rules found underlined and listed, and the reviewer's comments under the message they are about.
// A reviewer who may still comment picks a message and writes beside it.
import { useState, type FormEvent } from 'react';
import type { ReviewComment, ReviewMessage } from '../../../../common/api/review.ts';
import type { LintIssue } from '../../../../common/api/voice.ts';
import type { AppError } from '../../../../common/result.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { worstSeverity } from '../voice/issueView.ts';
import { highlightRuns } from './highlight.ts';

export interface CommentControl {
  add(messageId: string, body: string): Promise<AppError | null>;
}

export function ReviewConversation({ messages, comments, agentId, commenting }: { messages: ReviewMessage[]; comments: ReviewComment[]; agentId: string; commenting: CommentControl | null }) {
  const { t } = useT();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <ol className="review-thread" aria-label={t('review:Conversation.label')}>
      {messages.map((message) => {
        const own = message.author?.id === agentId && message.direction === 'outbound';
        const anchored = comments.filter((c) => c.messageId === message.id);
        return (
          <li key={message.id} className={`review-msg review-msg--${message.direction}${own ? ' review-msg--agent' : ''}`}>
            <MessageHead message={message} />
            <p className="review-msg__body">
              {highlightRuns(message.body, own ? (message.check?.issues ?? []) : []).map((run, i) =>
                run.issues.length > 0 ? (
                  <mark key={i} className={`review-mark review-mark--${worstSeverity(run.issues) ?? 'hint'}`} title={run.issues.map((issue) => issueText(t, issue)).join('\n')}>
                    {run.text}
                  </mark>
                ) : (
                  <span key={i}>{run.text}</span>
                ),
              )}
            </p>
            {own && message.check ? <Findings issues={message.check.issues} justification={message.check.justification} /> : null}
            {anchored.length > 0 ? (
              <ul className="review-comments" aria-label={t('review:Comment.listLabel')}>
                {anchored.map((comment) => (
                  <li key={comment.id} className="review-comment">
                    <span className="review-comment__author">{comment.author.name}</span> {comment.body}
                  </li>
                ))}
              </ul>
            ) : null}
            {commenting ? (
              open === message.id ? (
                <CommentForm onCancel={() => setOpen(null)} onSubmit={async (body) => {
                  const error = await commenting.add(message.id, body);
                  if (!error) setOpen(null);
                  return error;
                }} />
              ) : (
                <button type="button" className="btn btn--small btn--ghost" onClick={() => setOpen(message.id)} aria-label={t('review:Comment.addTo', { author: message.author?.name ?? t('review:Conversation.customer') })}>
                  <Icon name="edit" /> {t('review:Comment.add')}
                </button>
              )
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

type T = ReturnType<typeof useT>['t'];

/** The rule's own explanation (voice namespace) when the desk has it; the kind of rule otherwise. */
export const issueText = (t: T, issue: LintIssue) =>
  t(issue.messageKey as never, { ...issue.params, defaultValue: t(`review:RuleKind.${issue.kind}`) }) as string;

function MessageHead({ message }: { message: ReviewMessage }) {
  const { t, i18n } = useT();
  return (
    <div className="review-msg__head">
      <Icon name={message.channel} />
      <span>{message.author?.name ?? (message.direction === 'inbound' ? t('review:Conversation.customer') : t('review:Conversation.automatic'))}</span>
      <time className="muted" dateTime={message.at}>
        {formatDateTime(message.at, currentLocale(i18n))}
      </time>
    </div>
  );
}

function Findings({ issues, justification }: { issues: LintIssue[]; justification: string | null }) {
  const { t } = useT();
  if (issues.length === 0) {
    return (
      <p className="review-findings review-findings--clean muted">
        <Icon name="check" /> {t('review:Conversation.clean')}
      </p>
    );
  }
  return (
    <div className="review-findings">
      <ul aria-label={t('review:Conversation.findings', { count: issues.length })}>
        {issues.map((issue, i) => (
          <li key={i}>
            <span className={`badge badge--${issue.severity === 'error' ? 'danger' : issue.severity === 'warning' ? 'warn' : 'neutral'}`}>{t(`review:Severity.${issue.severity}`)}</span> {issueText(t, issue)}
          </li>
        ))}
      </ul>
      {justification ? <p className="muted">{t('review:Conversation.justification', { text: justification })}</p> : null}
    </div>
  );
}

function CommentForm({ onSubmit, onCancel }: { onSubmit: (body: string) => Promise<AppError | null>; onCancel: () => void }) {
  const { t } = useT();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') {
      setError(t('review:Comment.empty'));
      return;
    }
    setBusy(true);
    const failure = await onSubmit(body.trim());
    setBusy(false);
    setError(failure ? errorText(t, failure) : null);
  };
  return (
    <form className="review-comment-form" onSubmit={(event) => void submit(event)}>
      <TextAreaField label={t('review:Comment.label')} value={body} onChange={(event) => setBody(event.target.value)} error={error ?? undefined} rows={2} autoFocus maxLength={2000} />
      <div className="row">
        <button type="submit" className="btn btn--small btn--primary" disabled={busy} aria-busy={busy}>
          {t('review:Comment.save')}
        </button>
        <button type="button" className="btn btn--small" onClick={onCancel}>
          {t('common:Action.cancel')}
        </button>
      </div>
    </form>
  );
}
