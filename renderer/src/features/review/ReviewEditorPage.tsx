// A supervisor's review of one conversation (/review/conversations/:conversationId?sample=…): opened as a
// draft with the rules' suggestions filled in, the conversation beside the scorecard, comments on
// messages, save and submit. The live total is the same formula the hub stores.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ReviewView } from '../../../../common/api/review.ts';
import { reviewTotal } from '../../../../common/domain/review.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubEvent, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText, fieldErrorMap } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { criterionName, draftOf, scoresOf, type ScoreDraft } from './criteria.ts';
import { ReviewConversation } from './ReviewConversation.tsx';
import { ReviewStatusBadge } from './ReviewStatusBadge.tsx';
import './review.css';

export function ReviewEditorPage() {
  const { t } = useT();
  const { conversationId = '' } = useParams();
  const [params] = useSearchParams();
  const sampleId = params.get('sample');
  const query = useHubQuery('review.open', sampleId ? { conversationId, sampleId } : { conversationId });
  usePageTitle(t('review:Editor.title'));
  // The agent acknowledged or disputed it while it is open here.
  useHubEvent('review.changed', (event) => {
    if (query.state.data?.id === event.id) query.refresh();
  });
  if (query.state.status === 'loading') return <Loading />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} />;
  return <ReviewEditor review={query.state.data} onChange={query.setData} back={{ to: sampleId ? `/review?sample=${encodeURIComponent(sampleId)}` : '/review', label: t('review:Editor.back') }} />;
}

/** Any review by its id (/review/reviews/:id): a colleague's, from calibration, read-only unless it is the viewer's draft. */
export function ReviewByIdPage() {
  const { t } = useT();
  const { id = '' } = useParams();
  const query = useHubQuery('review.get', { id });
  usePageTitle(t('review:Editor.title'));
  useHubEvent('review.changed', (event) => {
    if (event.id === id) query.refresh();
  });
  if (query.state.status === 'loading') return <Loading />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} />;
  return <ReviewEditor review={query.state.data} onChange={query.setData} back={{ to: '/review?tab=calibration', label: t('review:Editor.backToCalibration') }} />;
}

export function ReviewEditor({ review, onChange, back }: { review: ReviewView; onChange: (review: ReviewView) => void; back: { to: string; label: string } }) {
  const { t, i18n } = useT();
  const hub = useHub();
  const locale = currentLocale(i18n);
  const [draft, setDraft] = useState<Record<string, ScoreDraft>>(() => draftOf(review.scorecard, review.scores));
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorMap(error?.fields);
  const scores = scoresOf(review.scorecard, draft);
  const total = reviewTotal(review.scorecard, scores.map((s) => ({ ...s, score: s.score !== null && Number.isInteger(s.score) ? s.score : null })));

  const save = async (submit: boolean) => {
    setBusy(true);
    setSaved(null);
    const result = await hub.call('review.save', { reviewId: review.id, scores, submit });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setSaved(submit ? t('review:Editor.submitted') : t('review:Editor.saved'));
    onChange(result.data);
  };

  const comment = async (messageId: string, body: string) => {
    const result = await hub.call('review.comment', { reviewId: review.id, messageId, body });
    if (!result.ok) return result.error;
    onChange(result.data);
    return null;
  };

  return (
    <div className="page review-editor">
      <header className="page__header">
        <div>
          <Link to={back.to} className="btn btn--ghost btn--small">
            <Icon name="back" /> {back.label}
          </Link>
          <h1>{t('review:Editor.heading', { agent: review.agent.name, customer: review.customerName })}</h1>
          <p className="page__subtitle muted">
            <ReviewStatusBadge status={review.status} /> {review.subject ?? t('review:Editor.noSubject')} · {t('review:Editor.reviewer', { name: review.reviewer.name })}
          </p>
        </div>
      </header>
      <div className="review-layout">
        <section className="card review-layout__thread" aria-labelledby="review-thread-title">
          <h2 id="review-thread-title" className="card__title">{t('review:Conversation.title')}</h2>
          <ReviewConversation messages={review.messages} comments={review.comments} agentId={review.agent.id} commenting={review.canComment ? { add: comment } : null} />
        </section>
        <section className="card review-layout__scores" aria-labelledby="review-scores-title">
          <h2 id="review-scores-title" className="card__title">{t('review:Scorecard.title')}</h2>
          <p className="muted">{t('review:Editor.preScoreNote', { count: review.preScore.agentMessages, version: review.preScore.ruleSetVersion })}</p>
          <form className="stack" onSubmit={(event) => { event.preventDefault(); void save(true); }}>
            {review.scorecard.criteria.map((criterion, i) => {
              const suggestion = review.preScore.criteria.find((p) => p.criterionId === criterion.id);
              const entry = draft[criterion.id] ?? { score: '', note: '' };
              const set = (patch: Partial<ScoreDraft>) => setDraft((d) => ({ ...d, [criterion.id]: { ...entry, ...patch } }));
              return (
                <fieldset key={criterion.id} className="review-criterion" disabled={!review.canEdit}>
                  <legend>
                    {criterionName(criterion, locale)} <span className="muted">{t('review:Scorecard.weight', { weight: criterion.weight })}</span>
                  </legend>
                  <TextField
                    label={t('review:Scorecard.scoreLabel', { name: criterionName(criterion, locale), max: criterion.maxScore })}
                    type="number"
                    min={0}
                    max={criterion.maxScore}
                    step={1}
                    value={entry.score}
                    onChange={(event) => set({ score: event.target.value })}
                    error={fields[`scores.${i}.score`]}
                    hint={suggestion ? t('review:Scorecard.suggestion', { score: suggestion.suggested, max: criterion.maxScore, errors: suggestion.messagesWithErrors, warnings: suggestion.messagesWithWarnings }) : t('review:Scorecard.humanOnly')}
                  />
                  <TextField label={t('review:Scorecard.noteLabel', { name: criterionName(criterion, locale) })} value={entry.note} onChange={(event) => set({ note: event.target.value })} maxLength={1000} />
                </fieldset>
              );
            })}
            <p className="review-total" aria-live="polite">
              {total === null ? t('review:Scorecard.totalPending') : t('review:Scorecard.total', { total })}
            </p>
            {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
            {saved ? <Notice tone="success">{saved}</Notice> : null}
            {review.canEdit ? (
              <div className="row">
                <button type="button" className="btn" onClick={() => void save(false)} disabled={busy}>
                  {t('review:Editor.saveDraft')}
                </button>
                <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
                  {t('review:Editor.submit')}
                </button>
              </div>
            ) : null}
          </form>
          {review.agentResponse ? (
            <Notice tone={review.status === 'disputed' ? 'warning' : 'info'}>{t(`review:Response.${review.status === 'disputed' ? 'disputedBy' : 'acknowledgedBy'}`, { name: review.agent.name, note: review.agentResponse })}</Notice>
          ) : null}
        </section>
      </div>
    </div>
  );
}
