// An agent's own reviews (/my-reviews): the submitted reviews of their work, newest first; one review
// with its scores, the supervisor's comments on their messages, and Acknowledge or Dispute (with a note).
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ReviewView } from '../../../../common/api/review.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubEvent, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText, fieldErrorMap } from '../../ui/errors.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { criterionName } from './criteria.ts';
import { ReviewConversation } from './ReviewConversation.tsx';
import { ReviewStatusBadge } from './ReviewStatusBadge.tsx';
import './review.css';

export function MyReviewsPage() {
  const { t, i18n } = useT();
  const query = useHubQuery('review.list', { scope: 'mine' });
  usePageTitle(t('review:Mine.title'));
  // A supervisor just submitted a review of this agent's work.
  useHubEvent('review.changed', () => query.refresh());
  const locale = currentLocale(i18n);
  return (
    <div className="page my-reviews">
      <header className="page__header">
        <div>
          <h1>{t('review:Mine.title')}</h1>
          <p className="page__subtitle muted">{t('review:Mine.subtitle')}</p>
        </div>
      </header>
      {query.state.status === 'loading' ? <Loading /> : null}
      {query.state.status === 'error' ? <ErrorState error={query.state.error} onRetry={query.reload} /> : null}
      {query.state.status === 'ok' && query.state.data.length === 0 ? <EmptyState icon="star" title={t('review:Mine.empty')} /> : null}
      {query.state.status === 'ok' && query.state.data.length > 0 ? (
        <ul className="review-list" aria-label={t('review:Mine.listLabel')}>
          {query.state.data.map((review) => (
            <li key={review.id} className="card">
              <Link to={`/my-reviews/${encodeURIComponent(review.id)}`} className="rowlink" aria-label={t('review:Mine.open', { reviewer: review.reviewer.name, date: review.submittedAt ? formatDateTime(review.submittedAt, locale) : '' })}>
                <Icon name={review.channel} /> {review.subject ?? t('review:Editor.noSubject')}
              </Link>
              <div className="row">
                <ReviewStatusBadge status={review.status} />
                {review.total !== null ? <strong>{t('review:Scorecard.total', { total: review.total })}</strong> : null}
                <span className="muted">{t('review:Mine.by', { reviewer: review.reviewer.name, date: review.submittedAt ? formatDateTime(review.submittedAt, locale) : '' })}</span>
                {review.commentCount > 0 ? <span className="muted">{t('review:Mine.comments', { count: review.commentCount })}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function MyReviewPage() {
  const { t } = useT();
  const { id = '' } = useParams();
  const query = useHubQuery('review.get', { id });
  usePageTitle(t('review:Mine.detailTitle'));
  if (query.state.status === 'loading') return <Loading />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} />;
  return <MyReview review={query.state.data} onChange={query.setData} />;
}

export function MyReview({ review, onChange }: { review: ReviewView; onChange: (review: ReviewView) => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  return (
    <div className="page my-review">
      <header className="page__header">
        <div>
          <Link to="/my-reviews" className="btn btn--ghost btn--small">
            <Icon name="back" /> {t('review:Mine.back')}
          </Link>
          <h1>{t('review:Mine.heading', { customer: review.customerName })}</h1>
          <p className="page__subtitle muted">
            <ReviewStatusBadge status={review.status} /> {t('review:Editor.reviewer', { name: review.reviewer.name })}
          </p>
        </div>
      </header>
      <div className="review-layout">
        <section className="card review-layout__thread" aria-labelledby="my-thread-title">
          <h2 id="my-thread-title" className="card__title">{t('review:Conversation.title')}</h2>
          <ReviewConversation messages={review.messages} comments={review.comments} agentId={review.agent.id} commenting={null} />
        </section>
        <section className="card review-layout__scores" aria-labelledby="my-scores-title">
          <h2 id="my-scores-title" className="card__title">{t('review:Scorecard.title')}</h2>
          <table className="table">
            <tbody>
              {review.scorecard.criteria.map((criterion) => {
                const score = review.scores.find((s) => s.criterionId === criterion.id);
                return (
                  <tr key={criterion.id}>
                    <th scope="row">{criterionName(criterion, locale)}</th>
                    <td>{t('review:Scorecard.outOf', { score: score?.score ?? '—', max: criterion.maxScore })}</td>
                    <td className="muted">{score?.note}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {review.total !== null ? <p className="review-total">{t('review:Scorecard.total', { total: review.total })}</p> : null}
          {review.canRespond ? <RespondForm reviewId={review.id} onAnswered={onChange} /> : null}
          {review.agentResponse || review.respondedAt ? (
            <Notice tone={review.status === 'disputed' ? 'warning' : 'success'}>
              {t(`review:Response.${review.status === 'disputed' ? 'youDisputed' : 'youAcknowledged'}`, { note: review.agentResponse ?? '' })}
            </Notice>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function RespondForm({ reviewId, onAnswered }: { reviewId: string; onAnswered: (review: ReviewView) => void }) {
  const { t } = useT();
  const hub = useHub();
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorMap(error?.fields);

  const answer = async (response: 'acknowledged' | 'disputed') => {
    if (response === 'disputed' && note.trim() === '') {
      setError({ code: 'BAD_REQUEST', message: 'note', fields: [{ path: 'note', message: t('review:Respond.noteRequired') }] });
      return;
    }
    setBusy(true);
    const result = await hub.call('review.respond', { reviewId, response, note });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onAnswered(result.data);
  };

  return (
    <form className="stack" onSubmit={(event: FormEvent) => { event.preventDefault(); void answer('acknowledged'); }} aria-label={t('review:Respond.label')}>
      <TextAreaField label={t('review:Respond.note')} hint={t('review:Respond.noteHint')} value={note} onChange={(event) => setNote(event.target.value)} error={fields.note} rows={3} maxLength={2000} />
      {error && !fields.note ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
      <div className="row">
        <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
          <Icon name="check" /> {t('review:Respond.acknowledge')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void answer('disputed')}>
          {t('review:Respond.dispute')}
        </button>
      </div>
    </form>
  );
}
