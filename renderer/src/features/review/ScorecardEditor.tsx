// The scorecard editor (voice.manage): criteria with their names in both languages, weights, the top
// score and which voice rules suggest the score. Saving makes a new version; reviews keep theirs.
import { useState, type FormEvent } from 'react';
import type { Scorecard, ScorecardCriterion } from '../../../../common/api/review.ts';
import { VoiceRuleKind } from '../../../../common/api/voice.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText, fieldErrorMap } from '../../ui/errors.ts';
import { CheckboxField, TextField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { ErrorState, Loading, Notice } from '../../ui/States.tsx';

interface Row {
  id: string;
  ru: string;
  en: string;
  weight: string;
  maxScore: string;
  ruleKinds: VoiceRuleKind[];
}

const rowOf = (c: ScorecardCriterion): Row => ({ id: c.id, ru: c.name.ru, en: c.name.en, weight: String(c.weight), maxScore: String(c.maxScore), ruleKinds: c.ruleKinds });
const criterionOf = (row: Row) => ({ id: row.id.trim(), name: { ru: row.ru, en: row.en }, weight: Number(row.weight), maxScore: Number(row.maxScore), ruleKinds: row.ruleKinds });

export function ScorecardPanel() {
  const query = useHubQuery('scorecard.get', {});
  if (query.state.status === 'loading') return <Loading />;
  if (query.state.status === 'error') return <ErrorState error={query.state.error} onRetry={query.reload} />;
  return <ScorecardEditor scorecard={query.state.data} onSaved={query.setData} />;
}

export function ScorecardEditor({ scorecard, onSaved }: { scorecard: Scorecard; onSaved: (scorecard: Scorecard) => void }) {
  const { t } = useT();
  const hub = useHub();
  const [rows, setRows] = useState<Row[]>(() => scorecard.criteria.map(rowOf));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const fields = fieldErrorMap(error?.fields);
  const update = (i: number, patch: Partial<Row>) => setRows((list) => list.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    const result = await hub.call('scorecard.save', { criteria: rows.map(criterionOf), basedOnVersion: scorecard.version });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setSaved(true);
    onSaved(result.data);
  };

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={t('review:ScorecardEditor.label')}>
      <p className="muted">{t('review:ScorecardEditor.intro', { version: scorecard.version })}</p>
      {rows.map((row, i) => (
        <fieldset key={i} className="card review-criterion-edit">
          <legend>{row.ru || row.en || t('review:ScorecardEditor.newCriterion')}</legend>
          <div className="row">
            <TextField label={t('review:ScorecardEditor.id')} value={row.id} onChange={(event) => update(i, { id: event.target.value })} error={fields[`criteria.${i}.id`]} required />
            <TextField label={t('review:ScorecardEditor.nameRu')} value={row.ru} onChange={(event) => update(i, { ru: event.target.value })} error={fields[`criteria.${i}.name.ru`]} required />
            <TextField label={t('review:ScorecardEditor.nameEn')} value={row.en} onChange={(event) => update(i, { en: event.target.value })} error={fields[`criteria.${i}.name.en`]} required />
            <TextField label={t('review:ScorecardEditor.weight')} type="number" min={1} max={100} value={row.weight} onChange={(event) => update(i, { weight: event.target.value })} error={fields[`criteria.${i}.weight`]} />
            <TextField label={t('review:ScorecardEditor.maxScore')} type="number" min={1} max={10} value={row.maxScore} onChange={(event) => update(i, { maxScore: event.target.value })} error={fields[`criteria.${i}.maxScore`]} />
          </div>
          <fieldset className="review-kinds">
            <legend>{t('review:ScorecardEditor.rules')}</legend>
            {VoiceRuleKind.options.map((kind) => (
              <CheckboxField
                key={kind}
                label={t(`review:RuleKind.${kind}`)}
                checked={row.ruleKinds.includes(kind)}
                onChange={() => update(i, { ruleKinds: row.ruleKinds.includes(kind) ? row.ruleKinds.filter((k) => k !== kind) : [...row.ruleKinds, kind] })}
              />
            ))}
          </fieldset>
          <button type="button" className="btn btn--small btn--danger" onClick={() => setRows((list) => list.filter((_, j) => j !== i))} disabled={rows.length === 1} aria-label={t('review:ScorecardEditor.remove', { name: row.ru || row.id })}>
            <Icon name="trash" /> {t('review:ScorecardEditor.removeShort')}
          </button>
        </fieldset>
      ))}
      <button type="button" className="btn" onClick={() => setRows((list) => [...list, { id: '', ru: '', en: '', weight: '10', maxScore: '5', ruleKinds: [] }])} disabled={rows.length >= 20}>
        <Icon name="plus" /> {t('review:ScorecardEditor.add')}
      </button>
      {error ? <Notice tone="error">{error.code === 'CONFLICT' ? t('review:ScorecardEditor.conflict') : errorText(t, error)}</Notice> : null}
      {saved ? <Notice tone="success">{t('review:ScorecardEditor.saved', { version: scorecard.version })}</Notice> : null}
      <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
        {t('review:ScorecardEditor.save')}
      </button>
    </form>
  );
}
