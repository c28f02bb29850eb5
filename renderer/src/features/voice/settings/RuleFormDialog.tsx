// Adding or editing one brand-voice rule: what every rule has (name, severity, channels, language, on or
// off) and a form for its kind. A custom pattern is checked as it is typed; the whole rule goes through the
// shared schema before it joins the unsaved set.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { VoiceLocaleScope, VoiceRule, VoiceSeverity, type PhraseReplacement, type VoiceRuleOf } from '../../../../../common/api/voice.ts';
import { Channel } from '../../../../../common/domain/enums.ts';
import { fieldErrors } from '../../../../../common/result.ts';
import { useT } from '../../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../../ui/Dialog.tsx';
import { fieldMessage } from '../../../ui/errors.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Notice } from '../../../ui/States.tsx';
import { errorsUnder, patternProblem } from './ruleForm.ts';

type Errors = Record<string, string>;
type Patch<R> = (patch: Partial<R>) => void;
type ErrorAt = (path: string, nested?: boolean) => string | undefined;

export function RuleFormDialog({ initial, isNew, serverErrors, onClose, onSave }: { initial: VoiceRule; isNew: boolean; serverErrors?: Errors; onClose: () => void; onSave: (rule: VoiceRule) => void }) {
  const { t } = useT();
  const formId = useId();
  const [rule, setRule] = useState<VoiceRule>(initial);
  const [errors, setErrors] = useState<Errors>(serverErrors ?? {});
  const patch = (next: Partial<VoiceRule>) => setRule((current) => ({ ...current, ...next }) as VoiceRule);
  // `nested`: the first error of a list's items too (allow.3 → the allow list's field).
  const error = (path: string, nested = false) => {
    const key = nested ? Object.keys(errors).find((k) => k === path || k.startsWith(`${path}.`)) : path;
    return key && errors[key] ? fieldMessage(t, errors[key]) : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = VoiceRule.safeParse(rule);
    if (!parsed.success) return setErrors(errorsUnder(fieldErrors(parsed.error), ''));
    onSave(parsed.data);
  };

  const unplaced = Object.keys(errors).filter((path) => path === '_' || path === 'kind');

  return (
    <Dialog
      title={t(isNew ? 'voice:Form.addTitle' : 'voice:Form.editTitle', { kind: t(`voice:Kind.${rule.kind}`) })}
      onClose={onClose}
      footer={<FormDialogFooter formId={formId} busy={false} submitLabel={t('voice:Form.done')} onCancel={onClose} />}
    >
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        <p className="muted">{t(`voice:KindHint.${rule.kind}`)}</p>
        {unplaced.length > 0 ? <Notice tone="error">{unplaced.map((path) => errors[path]).join(' ')}</Notice> : null}
        <TextField label={t('voice:Form.name')} value={rule.name} maxLength={120} required error={error('name')} onChange={(e) => patch({ name: e.target.value })} />
        <div className="voice-form__row">
          <SelectField label={t('voice:Form.severity')} value={rule.severity} onChange={(e) => patch({ severity: VoiceSeverity.parse(e.target.value) })}>
            {VoiceSeverity.options.map((severity) => (
              <option key={severity} value={severity}>
                {t(`voice:Severity.${severity}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('voice:Form.locale')} value={rule.locale} onChange={(e) => patch({ locale: VoiceLocaleScope.parse(e.target.value) })}>
            {VoiceLocaleScope.options.map((locale) => (
              <option key={locale} value={locale}>
                {t(`voice:Locale.${locale}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset>
          <legend>{t('voice:Form.channels')}</legend>
          <p className="muted small">{t('voice:Form.channelsHint')}</p>
          <div className="voice-channels">
            {Channel.options.map((channel) => (
              <CheckboxField
                key={channel}
                label={t(`conversation:Channel.${channel}`)}
                checked={rule.channels.includes(channel)}
                onChange={(e) => patch({ channels: e.target.checked ? [...rule.channels, channel] : rule.channels.filter((c) => c !== channel) })}
              />
            ))}
          </div>
        </fieldset>
        <KindFields rule={rule} patch={patch} error={error} />
        <CheckboxField label={t('voice:Form.enabled')} checked={rule.enabled} onChange={(e) => patch({ enabled: e.target.checked })} />
      </form>
    </Dialog>
  );
}

function KindFields({ rule, patch, error }: { rule: VoiceRule; patch: Patch<VoiceRule>; error: ErrorAt }) {
  const { t } = useT();
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  switch (rule.kind) {
    case 'formal_address':
      return (
        <>
          <CheckboxField label={t('voice:Form.capitalVy')} checked={rule.capitalVy} onChange={(e) => patch({ capitalVy: e.target.checked } as Partial<VoiceRule>)} />
          <PhraseRows legend={t('voice:Form.casual')} rows={rule.casual} error={error} field="casual" onChange={(casual) => patch({ casual } as Partial<VoiceRule>)} />
        </>
      );
    case 'forbidden_phrase':
      return <PhraseRows legend={t('voice:Form.phrases')} rows={rule.phrases} error={error} field="phrases" onChange={(phrases) => patch({ phrases } as Partial<VoiceRule>)} />;
    case 'exclamation_limit':
    case 'emoji':
      return (
        <TextField
          type="number"
          min={0}
          label={t(rule.kind === 'emoji' ? 'voice:Form.maxEmoji' : 'voice:Form.maxExclamations')}
          value={Number.isNaN(rule.max) ? '' : rule.max}
          error={error('max')}
          onChange={(e) => patch({ max: number(e.target.value) } as Partial<VoiceRule>)}
        />
      );
    case 'caps_words':
      return (
        <>
          <ListField label={t('voice:Form.allow')} hint={t('voice:Form.allowHint')} items={rule.allow} error={error('allow', true)} onChange={(allow) => patch({ allow } as Partial<VoiceRule>)} />
          <TextField type="number" min={2} max={20} label={t('voice:Form.minLength')} value={Number.isNaN(rule.minLength) ? '' : rule.minLength} error={error('minLength')} onChange={(e) => patch({ minLength: number(e.target.value) } as Partial<VoiceRule>)} />
        </>
      );
    case 'greeting_required':
    case 'signoff_required':
      return <RequiredFields rule={rule} patch={patch as Patch<VoiceRuleOf<'greeting_required' | 'signoff_required'>>} error={error} />;
    case 'max_length':
      return (
        <div className="voice-form__row">
          <SelectField label={t('voice:Form.unit')} value={rule.unit} onChange={(e) => patch({ unit: e.target.value === 'sms_segments' ? 'sms_segments' : 'chars' } as Partial<VoiceRule>)}>
            <option value="chars">{t('voice:Form.unitChars')}</option>
            <option value="sms_segments">{t('voice:Form.unitSegments')}</option>
          </SelectField>
          <TextField type="number" min={1} label={t('voice:Form.maxLength')} value={Number.isNaN(rule.max) ? '' : rule.max} error={error('max')} onChange={(e) => patch({ max: number(e.target.value) } as Partial<VoiceRule>)} />
        </div>
      );
    case 'sensitive_data':
      return (
        <>
          <CheckboxField label={t('voice:Form.cards')} checked={rule.cards} onChange={(e) => patch({ cards: e.target.checked } as Partial<VoiceRule>)} />
          <CheckboxField label={t('voice:Form.passports')} checked={rule.passports} onChange={(e) => patch({ passports: e.target.checked } as Partial<VoiceRule>)} />
          <ListField
            label={t('voice:Form.ignorePrefixes')}
            hint={t('voice:Form.ignorePrefixesHint')}
            items={rule.ignorePrefixes}
            error={error('ignorePrefixes', true)}
            onChange={(ignorePrefixes) => patch({ ignorePrefixes } as Partial<VoiceRule>)}
          />
        </>
      );
    case 'custom_pattern':
      return <PatternFields rule={rule} patch={patch as Patch<VoiceRuleOf<'custom_pattern'>>} error={error} />;
  }
}

function RequiredFields({ rule, patch, error }: { rule: VoiceRuleOf<'greeting_required' | 'signoff_required'>; patch: Patch<VoiceRuleOf<'greeting_required' | 'signoff_required'>>; error: ErrorAt }) {
  const { t } = useT();
  const greeting = rule.kind === 'greeting_required';
  return (
    <>
      <ListField label={t(greeting ? 'voice:Form.greetings' : 'voice:Form.signoffs')} hint={t('voice:Form.onePerLine')} items={rule.phrases} error={error('phrases', true)} onChange={(phrases) => patch({ phrases })} />
      <TextField
        type="number"
        min={0}
        max={500}
        label={t(greeting ? 'voice:Form.withinStart' : 'voice:Form.withinEnd')}
        value={Number.isNaN(rule.within) ? '' : rule.within}
        error={error('within')}
        onChange={(e) => patch({ within: e.target.value.trim() === '' ? Number.NaN : Number(e.target.value) })}
      />
      <TextAreaField
        label={t('voice:Form.suggestion')}
        hint={t('voice:Form.suggestionHint')}
        rows={2}
        value={rule.suggestion ?? ''}
        error={error('suggestion')}
        onChange={(e) => patch({ suggestion: e.target.value.trim() === '' ? null : e.target.value })}
      />
    </>
  );
}

function PatternFields({ rule, patch, error }: { rule: VoiceRuleOf<'custom_pattern'>; patch: Patch<VoiceRuleOf<'custom_pattern'>>; error: ErrorAt }) {
  const { t } = useT();
  // Checked on every keystroke: a supervisor sees a broken pattern before trying to save it.
  const problem = patternProblem(t, rule.pattern, rule.flags);
  const live = (field: 'pattern' | 'flags') => (problem?.field === field && (field === 'flags' || rule.pattern !== '') ? problem.message : undefined);
  return (
    <>
      <TextField
        label={t('voice:Form.pattern')}
        hint={t('voice:Form.patternHint')}
        className="voice-pattern"
        value={rule.pattern}
        spellCheck={false}
        maxLength={500}
        required
        error={live('pattern') ?? error('pattern')}
        onChange={(e) => patch({ pattern: e.target.value })}
      />
      <TextField label={t('voice:Form.flags')} hint={t('voice:Form.flagsHint')} value={rule.flags} spellCheck={false} maxLength={4} error={live('flags') ?? error('flags')} onChange={(e) => patch({ flags: e.target.value })} />
      <TextField label={t('voice:Form.message')} hint={t('voice:Form.messageHint')} value={rule.message} maxLength={300} required error={error('message')} onChange={(e) => patch({ message: e.target.value })} />
      <TextField
        label={t('voice:Form.replacement')}
        hint={t('voice:Form.replacementHint')}
        value={rule.replacement ?? ''}
        maxLength={200}
        error={error('replacement')}
        onChange={(e) => patch({ replacement: e.target.value === '' ? null : e.target.value })}
      />
    </>
  );
}

/** Phrases with what to write instead; an empty replacement means "no one-click fix". */
function PhraseRows({ legend, rows, field, error, onChange }: { legend: string; rows: PhraseReplacement[]; field: string; error: ErrorAt; onChange: (rows: PhraseReplacement[]) => void }) {
  const { t } = useT();
  const set = (index: number, next: Partial<PhraseReplacement>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...next } : row)));
  return (
    <fieldset className="voice-phrases">
      <legend>{legend}</legend>
      <p className="muted small">{t('voice:Form.phrasesHint')}</p>
      {error(field) ? <span className="field__error">{error(field)}</span> : null}
      {rows.map((row, index) => (
        <div key={index} className="voice-phrases__row">
          <TextField label={t('voice:Form.phrase', { n: index + 1 })} value={row.phrase} maxLength={100} error={error(`${field}.${index}.phrase`)} onChange={(e) => set(index, { phrase: e.target.value })} />
          <TextField
            label={t('voice:Form.replacementFor', { n: index + 1 })}
            value={row.replacement ?? ''}
            maxLength={100}
            error={error(`${field}.${index}.replacement`)}
            onChange={(e) => set(index, { replacement: e.target.value === '' ? null : e.target.value })}
          />
          <button type="button" className="btn btn--ghost btn--icon" aria-label={t('voice:Form.removePhrase', { n: index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            <Icon name="trash" />
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="btn btn--small" onClick={() => onChange([...rows, { phrase: '', replacement: null }])}>
          <Icon name="plus" /> {t('voice:Form.addPhrase')}
        </button>
      </div>
    </fieldset>
  );
}

/** A list typed one item per line; the text is kept as typed so a new empty line does not vanish. */
function ListField({ label, hint, items, error, onChange }: { label: string; hint: string; items: string[]; error: string | undefined; onChange: (items: string[]) => void }): ReactNode {
  const [text, setText] = useState(items.join('\n'));
  return (
    <TextAreaField
      label={label}
      hint={hint}
      rows={4}
      value={text}
      error={error}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split('\n').map((item) => item.trim()).filter((item) => item !== ''));
      }}
    />
  );
}
