// Settings → Loyalty (supervisors and admins): the spending each tier needs and the share it accrues,
// how long accrued points live, and how many goodwill points one person of each role may grant a day.
import { useState, type FormEvent } from 'react';
import { LoyaltySettings } from '../../../../common/api/loyalty.ts';
import { LoyaltyTier, Role } from '../../../../common/domain/enums.ts';
import { fieldErrors, type AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText, fieldErrorMap } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { SettingsTabs } from '../settings/SettingsTabs.tsx';
import { draftFromSettings, settingsFromDraft, type LoyaltySettingsDraft } from './settingsForm.ts';

export function LoyaltySettingsPage() {
  const { t } = useT();
  const hub = useHub();
  const query = useHubQuery('settings.loyalty.get', {});
  const [edits, setDraft] = useState<LoyaltySettingsDraft | null>(null);
  const draft = edits ?? (query.state.status === 'ok' ? draftFromSettings(query.state.data) : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  usePageTitle(t('loyalty:Settings.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    const checked = LoyaltySettings.safeParse(settingsFromDraft(draft));
    if (!checked.success) return setError({ code: 'BAD_REQUEST', message: 'invalid', fields: fieldErrors(checked.error) });
    setBusy(true);
    const result = await hub.call('settings.loyalty.save', checked.data);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSaved(true);
    setDraft(draftFromSettings(result.data));
  };

  const fields = fieldErrorMap(error?.fields);
  // Each input has one kind of rule, so its error says that rule in the user's language.
  const tierError = (index: number, key: 'minSpentKopecks' | 'accrualRate') => {
    const message = fields[`tiers.${index}.${key}`];
    if (!message) return undefined;
    if (key === 'accrualRate') return t('loyalty:Settings.error.rate');
    return message === 'must grow with the tier' ? t('loyalty:Settings.error.mustGrow') : t('loyalty:Settings.error.amount');
  };
  const unplaced = Object.keys(fields).filter((path) => path === 'tiers' || path === '_');

  const setTier = (tier: LoyaltyTier, patch: Partial<LoyaltySettingsDraft['tiers'][LoyaltyTier]>) =>
    draft && setDraft({ ...draft, tiers: { ...draft.tiers, [tier]: { ...draft.tiers[tier], ...patch } } });

  return (
    <div className="page settings">
      <header className="page__header">
        <div>
          <p className="page__eyebrow">{t('settings:Page.section')}</p>
          <h1>{t('loyalty:Settings.title')}</h1>
          <p className="page__subtitle muted">{t('loyalty:Settings.subtitle')}</p>
        </div>
      </header>
      <SettingsTabs />
      {query.state.status === 'loading' ? (
        <Loading label={t('loyalty:Settings.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} />
      ) : draft ? (
        <form className="card desk-settings" onSubmit={(e) => void submit(e)} noValidate>
          {saved ? <Notice tone="success">{t('loyalty:Settings.saved')}</Notice> : null}
          {error && !error.fields?.length ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
          {unplaced.length > 0 ? <Notice tone="error">{t('loyalty:Settings.error.tiers')}</Notice> : null}
          <fieldset>
            <legend>{t('loyalty:Settings.tiers')}</legend>
            <p className="muted">{t('loyalty:Settings.tiersHint')}</p>
            {LoyaltyTier.options.map((tier, index) => {
              const name = t(`customers:Loyalty.tier.${tier}`);
              return (
                <div key={tier} className="desk-settings__row">
                  <TextField
                    type="number"
                    min={0}
                    inputMode="decimal"
                    label={t('loyalty:Settings.threshold', { tier: name })}
                    value={draft.tiers[tier].minRoubles}
                    error={tierError(index, 'minSpentKopecks')}
                    onChange={(e) => setTier(tier, { minRoubles: e.target.value })}
                    required
                  />
                  <TextField
                    type="number"
                    min={0}
                    max={50}
                    step={0.1}
                    inputMode="decimal"
                    label={t('loyalty:Settings.rate', { tier: name })}
                    value={draft.tiers[tier].ratePercent}
                    error={tierError(index, 'accrualRate')}
                    onChange={(e) => setTier(tier, { ratePercent: e.target.value })}
                    required
                  />
                </div>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>{t('loyalty:Settings.lifetime')}</legend>
            <div className="desk-settings__row">
              <TextField
                type="number"
                min={1}
                max={3650}
                inputMode="numeric"
                label={t('loyalty:Settings.lifetimeDays')}
                hint={t('loyalty:Settings.lifetimeHint')}
                value={draft.lifetimeDays}
                error={fields.pointsLifetimeDays ? t('loyalty:Settings.error.lifetime') : undefined}
                onChange={(e) => setDraft({ ...draft, lifetimeDays: e.target.value })}
                required
              />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('loyalty:Settings.goodwill')}</legend>
            <p className="muted">{t('loyalty:Settings.goodwillHint')}</p>
            <div className="desk-settings__row">
              {Role.options.map((role) => (
                <TextField
                  key={role}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  label={t('loyalty:Settings.goodwillFor', { role: t(`common:Role.${role}`) })}
                  value={draft.goodwill[role]}
                  error={fields[`goodwillDailyLimit.${role}`] ? t('loyalty:Settings.error.limit') : undefined}
                  onChange={(e) => setDraft({ ...draft, goodwill: { ...draft.goodwill, [role]: e.target.value } })}
                />
              ))}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
              {busy ? <Spinner /> : null} {t('loyalty:Settings.save')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
