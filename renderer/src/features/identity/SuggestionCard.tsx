// One suggested duplicate: the two profiles side by side, why they look alike, and the decision —
// merge (choosing the profile to keep), not a duplicate, or undo a merge already made.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { MergeCandidate, MergeSuggestionView } from '../../../../common/api/identity.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { errorText } from '../../ui/errors.ts';
import { formatCalendarDate, formatDate, formatNumber } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';
import { IdentityKindLabel, identityDisplay } from '../customers/parts.tsx';
import { evidenceText } from './evidence.ts';
import { formatPercent } from './format.ts';

export type SuggestionOutcome =
  | { kind: 'merged'; suggestion: MergeSuggestionView; survivor: MergeCandidate; mergeId: string }
  | { kind: 'dismissed'; suggestion: MergeSuggestionView }
  | { kind: 'restored'; suggestion: MergeSuggestionView };

/** The profile kept by default: the older one (it has the longer history). */
export function olderOf(suggestion: MergeSuggestionView): MergeCandidate {
  const [a, b] = suggestion.customers;
  return b.createdAt < a.createdAt ? b : a;
}

export function SuggestionCard({ suggestion, onDone }: { suggestion: MergeSuggestionView; onDone: (outcome: SuggestionOutcome) => void }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const hub = useHub();
  const titleId = useId();
  const [first, second] = suggestion.customers;
  const older = olderOf(suggestion);
  const [survivorId, setSurvivorId] = useState(older.id);
  const [confirm, setConfirm] = useState<'merge' | 'undo' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const names = { first: first.fullName, second: second.fullName };
  const pending = suggestion.status === 'pending';
  const survivor = suggestion.customers.find((c) => c.id === survivorId) ?? older;
  const merged = suggestion.customers.find((c) => c.id !== survivor.id) ?? second;
  const score = formatPercent(suggestion.score, locale);

  const dismiss = async () => {
    setBusy(true);
    setError(null);
    const result = await hub.call('identity.dismiss', { suggestionId: suggestion.id });
    setBusy(false);
    if (result.ok) onDone({ kind: 'dismissed', suggestion });
    else setError(result.error);
  };

  return (
    <article className="card dup" aria-labelledby={titleId}>
      <header className="dup__head">
        <div className="dup__title">
          <h2 id={titleId}>{t('identity:Card.title', names)}</h2>
          <p className="muted small">{t('identity:Card.suggestedAt', { date: formatDate(suggestion.createdAt, locale) })}</p>
        </div>
        <ScoreBadge score={suggestion.score} text={score} label={t('identity:Card.scoreLabel', { score })} />
      </header>

      {suggestion.evidence.length > 0 ? (
        <ul className="dup__evidence" aria-label={t('identity:Card.evidence')}>
          {suggestion.evidence.map((evidence, index) => (
            <li key={`${evidence.kind}-${index}`} className={`chip chip--${evidence.kind}`} title={evidence.detail || undefined}>
              <Icon name={evidenceIcon[evidence.kind]} />
              <span>{evidenceText(t, evidence, suggestion.customers)}</span>
            </li>
          ))}
        </ul>
      ) : null}

      {pending ? (
        <fieldset className="dup__pair" disabled={busy}>
          <legend className="dup__legend">{t('identity:Card.keep')}</legend>
          {suggestion.customers.map((candidate) => (
            <Profile
              key={candidate.id}
              candidate={candidate}
              isOlder={candidate.id === older.id}
              choice={{ checked: candidate.id === survivorId, name: `keep-${suggestion.id}`, onChange: () => setSurvivorId(candidate.id) }}
            />
          ))}
        </fieldset>
      ) : (
        <div className="dup__pair">
          {suggestion.customers.map((candidate) => (
            <Profile key={candidate.id} candidate={candidate} isOlder={candidate.id === older.id} />
          ))}
        </div>
      )}

      {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}

      {pending || (suggestion.status === 'merged' && suggestion.mergeId) ? (
        <footer className="dup__actions">
          {pending ? (
            <>
              <button
                type="button"
                className="btn"
                onClick={() => void dismiss()}
                disabled={busy}
                aria-busy={busy}
                aria-label={t('identity:Action.dismissLabel', names)}
              >
                {busy ? <Spinner /> : <Icon name="ban" />} {t('identity:Action.dismiss')}
              </button>
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => {
                  setError(null);
                  setConfirm('merge');
                }}
                disabled={busy}
                aria-label={t('identity:Action.mergeLabel', names)}
              >
                <Icon name="merge" /> {t('identity:Action.merge')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setError(null);
                setConfirm('undo');
              }}
              aria-label={t('identity:Action.undoLabel', names)}
            >
              <Icon name="undo" /> {t('identity:Action.undo')}
            </button>
          )}
        </footer>
      ) : null}

      {confirm === 'merge' ? (
        <ConfirmDialog
          title={t('identity:Merge.title')}
          confirmText={t('identity:Merge.confirm')}
          icon="merge"
          onClose={() => setConfirm(null)}
          run={() => hub.call('identity.merge', { suggestionId: suggestion.id, survivorId: survivor.id })}
          onDone={(result) => onDone({ kind: 'merged', suggestion, survivor, mergeId: result.mergeId })}
        >
          <p>
            {t('identity:Merge.body', {
              merged: merged.fullName,
              mergedDate: formatDate(merged.createdAt, locale),
              survivor: survivor.fullName,
              survivorDate: formatDate(survivor.createdAt, locale),
            })}
          </p>
          <p>{t('identity:Merge.moves')}</p>
          <p className="muted">{t('identity:Merge.undoable')}</p>
        </ConfirmDialog>
      ) : null}

      {confirm === 'undo' && suggestion.mergeId ? (
        <ConfirmDialog
          title={t('identity:Undo.title')}
          confirmText={t('identity:Undo.confirm')}
          icon="undo"
          onClose={() => setConfirm(null)}
          run={() => hub.call('identity.undoMerge', { mergeId: suggestion.mergeId ?? '' })}
          onDone={() => onDone({ kind: 'restored', suggestion })}
        >
          <p>{t('identity:Undo.body', names)}</p>
        </ConfirmDialog>
      ) : null}
    </article>
  );
}

const evidenceIcon = {
  same_full_name: 'user',
  email_local_part: 'email',
  phone_near: 'phone',
  same_birthday: 'gift',
  same_city: 'pin',
  telegram_contact: 'telegram',
  webchat_prechat: 'webchat',
} as const;

function ScoreBadge({ score, text, label }: { score: number; text: string; label: string }) {
  const tone = score >= 0.8 ? 'high' : score >= 0.5 ? 'mid' : 'low';
  return (
    <span className={`dup__score dup__score--${tone}`} role="img" aria-label={label}>
      <span className="dup__score-value">{text}</span>
      <span className="dup__score-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%` }} />
      </span>
    </span>
  );
}

function Profile({
  candidate,
  isOlder,
  choice,
}: {
  candidate: MergeCandidate;
  isOlder: boolean;
  choice?: { checked: boolean; name: string; onChange: () => void };
}) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const inputId = useId();
  const created = formatDate(candidate.createdAt, locale);
  const kept = choice?.checked ?? false;
  const none = <span className="muted">{t('common:Value.notSet')}</span>;
  return (
    <section className={`dup__profile${kept ? ' is-kept' : ''}`} aria-label={candidate.fullName}>
      <div className="dup__profile-head">
        {choice ? (
          <input
            id={inputId}
            type="radio"
            className="dup__radio"
            name={choice.name}
            checked={choice.checked}
            onChange={choice.onChange}
            aria-label={t('identity:Card.keepOption', { name: candidate.fullName, date: created })}
          />
        ) : null}
        <span className="avatar" aria-hidden="true">
          {initials(candidate.fullName)}
        </span>
        <label className="dup__name" htmlFor={choice ? inputId : undefined}>
          <span className="cell-strong">{candidate.fullName}</span>
          <span className="dup__badges">
            {isOlder ? <span className="badge badge--neutral">{t('identity:Card.older')}</span> : null}
            {kept ? (
              <span className="badge badge--accent">
                <Icon name="check" /> {t('identity:Card.kept')}
              </span>
            ) : null}
          </span>
        </label>
      </div>
      <dl className="dup__facts">
        <div>
          <dt>{t('identity:Field.city')}</dt>
          <dd>{candidate.city ?? none}</dd>
        </div>
        <div>
          <dt>{t('identity:Field.birthday')}</dt>
          <dd>{candidate.birthday ? formatCalendarDate(candidate.birthday, locale) : none}</dd>
        </div>
        <div className="dup__facts-wide">
          <dt>{t('identity:Field.contacts')}</dt>
          <dd>
            {candidate.identities.length === 0 ? (
              <span className="muted">{t('identity:Field.noContacts')}</span>
            ) : (
              <ul className="identities identities--compact">
                {candidate.identities.map((identity, index) => (
                  <li key={`${identity.kind}-${identity.value}-${index}`} className="identity">
                    <IdentityKindLabel kind={identity.kind} />
                    <span className={`identity__value${identity.kind === 'phone' ? ' mono' : ''}`}>
                      {identityDisplay({ ...identity, masked: /[*•]/.test(identity.value) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('identity:Field.orders')}</dt>
          <dd className="num">{formatNumber(candidate.orders, locale)}</dd>
        </div>
        <div>
          <dt>{t('identity:Field.conversations')}</dt>
          <dd className="num">{formatNumber(candidate.conversations, locale)}</dd>
        </div>
        <div>
          <dt>{t('identity:Field.loyalty')}</dt>
          <dd className="num">
            {candidate.loyaltyBalance === null ? (
              <span className="muted">{t('identity:Field.noLoyalty')}</span>
            ) : (
              <>
                {formatNumber(candidate.loyaltyBalance, locale)}{' '}
                <span className="muted">{t('customers:Loyalty.points', { count: candidate.loyaltyBalance })}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('identity:Field.created')}</dt>
          <dd>{created}</dd>
        </div>
      </dl>
      <Link to={`/customers/${candidate.id}`} className="dup__open" aria-label={t('identity:Card.openLabel', { name: candidate.fullName, date: created })}>
        {t('identity:Card.open')} <Icon name="external" />
      </Link>
    </section>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

