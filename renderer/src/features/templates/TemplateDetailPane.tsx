// One template on the library page: the editor (read-only for agents), the supervisor's review of the
// version waiting for it, archiving, and the version history with who wrote and who reviewed each.
import { useId, useState } from 'react';
import type { TemplateDetail, TemplateVersionStatus, TemplateVersionView } from '../../../../common/api/templates.ts';
import type { AppError } from '../../../../common/result.ts';
import { useCan, useHub, useHubEvent, useHubQuery, useMe } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { ErrorState, Loading, Notice } from '../../ui/States.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const STATUS_TONE: Record<TemplateVersionStatus, string> = { approved: 'ok', pending: 'warn', rejected: 'danger', draft: 'neutral' };

export function StatusBadge({ status, superseded = false }: { status: TemplateVersionStatus; superseded?: boolean }) {
  const { t } = useT();
  if (superseded) return <span className="badge badge--neutral">{t('templates:Status.superseded')}</span>;
  return <span className={`badge badge--${STATUS_TONE[status]}`}>{t(`templates:Status.${status}`)}</span>;
}

export function TemplateDetailPane({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useT();
  const query = useHubQuery('template.get', { id });
  const canAuthor = useCan('templates.author');
  useHubEvent('templates.changed', (event) => {
    if (event.templateId === id) query.refresh();
  });

  if (query.state.status === 'loading') return <Loading label={t('templates:Page.loadingOne')} />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} />;
  const detail = query.state.data;
  const updated = (next: TemplateDetail) => {
    query.setData(next);
    onChanged();
  };
  return (
    <div className="templates__detail">
      <header className="templates__item-row">
        <h2>{detail.name}</h2>
        {detail.archived ? <span className="badge badge--neutral">{t('templates:Status.archived')}</span> : <StatusBadge status={detail.latestStatus} />}
      </header>
      <ReviewPanel detail={detail} onReviewed={updated} />
      {/* An author's form keeps what they typed across pushes (and the note that it was saved); a reader's
          view starts again from each newly approved version. */}
      <TemplateEditor key={canAuthor ? detail.id : `${detail.id}:${detail.approvedVersion}`} detail={detail} canEdit={canAuthor} onSaved={updated} />
      {canAuthor ? <ArchiveButton detail={detail} onDone={updated} /> : null}
      <VersionHistory versions={detail.versions} />
    </div>
  );
}

function ReviewPanel({ detail, onReviewed }: { detail: TemplateDetail; onReviewed: (detail: TemplateDetail) => void }) {
  const { t } = useT();
  const hub = useHub();
  const me = useMe();
  const canReview = useCan('voice.manage');
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const waiting = detail.versions.find((v) => v.status === 'pending' && !v.superseded);
  if (!canReview || !waiting) return null;
  const own = waiting.createdBy?.id === me.id;

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    const result = await hub.call('template.review', { versionId: waiting.id, decision, note: note.trim() || null });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setNote('');
    onReviewed(result.data);
  };

  return (
    <section className="template-preview" aria-label={t('templates:Review.label')}>
      <p>{t('templates:Review.waiting', { version: waiting.version, author: waiting.createdBy?.name ?? t('templates:Versions.unknown') })}</p>
      {own ? <Notice tone="info">{t('templates:Review.ownVersion')}</Notice> : null}
      {error ? <Notice tone="error">{error.code === 'BAD_REQUEST' ? t('templates:Review.noteRequired') : errorText(t, error)}</Notice> : null}
      <div className="field">
        <label className="field__label" htmlFor={noteId}>
          {t('templates:Review.note')}
        </label>
        <textarea id={noteId} className="input textarea" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="template-editor__actions">
        <button type="button" className="btn btn--primary" disabled={busy || own} onClick={() => void decide('approve')}>
          <Icon name="check" /> {t('templates:Review.approve')}
        </button>
        <button type="button" className="btn" disabled={busy || !note.trim()} onClick={() => void decide('reject')}>
          <Icon name="close" /> {t('templates:Review.reject')}
        </button>
      </div>
    </section>
  );
}

function ArchiveButton({ detail, onDone }: { detail: TemplateDetail; onDone: (detail: TemplateDetail) => void }) {
  const { t } = useT();
  const hub = useHub();
  const [error, setError] = useState<AppError | null>(null);
  const toggle = async () => {
    const result = await hub.call('template.archive', { id: detail.id, archived: !detail.archived });
    if (!result.ok) return setError(result.error);
    setError(null);
    onDone(result.data);
  };
  return (
    <div className="template-editor__actions">
      <button type="button" className="btn btn--ghost" onClick={() => void toggle()}>
        <Icon name={detail.archived ? 'undo' : 'trash'} /> {detail.archived ? t('templates:Page.restore') : t('templates:Page.archive')}
      </button>
      {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
    </div>
  );
}

function VersionHistory({ versions }: { versions: TemplateVersionView[] }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  return (
    <section aria-label={t('templates:Versions.label')}>
      <h3>{t('templates:Versions.label')}</h3>
      <ol className="template-versions">
        {versions.map((v) => (
          <li key={v.id} className="template-versions__item">
            <div className="templates__item-row">
              <strong>{t('templates:Versions.version', { version: v.version })}</strong>
              <StatusBadge status={v.status} superseded={v.superseded} />
            </div>
            <p className="muted small">
              {t('templates:Versions.written', { author: v.createdBy?.name ?? t('templates:Versions.unknown'), at: formatDateTime(v.createdAt, locale) })}
              {v.reviewedAt ? ` · ${t('templates:Versions.reviewed', { reviewer: v.reviewedBy?.name ?? t('templates:Versions.unknown'), at: formatDateTime(v.reviewedAt, locale) })}` : ''}
            </p>
            {v.reviewNote ? <p className="small">{t('templates:Versions.note', { note: v.reviewNote })}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
