// Writing a template: its name, folder and tags, and a tab per channel × language variant (an e-mail with
// its subject, an SMS with what it will cost, Telegram and web chat). The engine in common/ checks each
// variant while it is typed, with the line and column of every problem, exactly as the hub will on save.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { TemplateDetail } from '../../../../common/api/templates.ts';
import type { TemplateIssue } from '../../../../common/api/voice.ts';
import type { Channel, Locale } from '../../../../common/domain/enums.ts';
import { TEMPLATE_VARIABLES } from '../../../../common/domain/templates/variables.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText, fieldErrorMap } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';
import { emptyForm, formFrom, saveInput, VARIANT_SLOTS, variantKey, variantLength, variantProblems, type EditorForm, type VariantForm } from './editorModel.ts';
import { TemplatePreview } from './TemplatePreview.tsx';

export interface TemplateEditorProps {
  /** null: a new template. */
  detail: TemplateDetail | null;
  canEdit: boolean;
  onSaved: (detail: TemplateDetail) => void;
}

export function TemplateEditor({ detail, canEdit, onSaved }: TemplateEditorProps) {
  const { t } = useT();
  const hub = useHub();
  const ids = { tabs: useId(), panel: useId(), issues: useId(), counter: useId(), body: useId(), subject: useId(), variable: useId(), add: useId() };
  const [form, setForm] = useState<EditorForm>(() => (detail ? formFrom(detail) : emptyForm()));
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const body = useRef<HTMLTextAreaElement>(null);

  const variant = form.variants[Math.min(selected, form.variants.length - 1)];
  const problems = variant ? variantProblems(variant) : [];
  const subjectIssue = problems.find((p) => p.field === 'subject');
  const length = variant ? variantLength(variant) : null;
  const fields = fieldErrorMap(error?.fields);
  const unused = VARIANT_SLOTS.filter((slot) => !form.variants.some((v) => variantKey(v) === variantKey(slot)));
  const anyProblems = form.variants.some((v) => variantProblems(v).length > 0);

  const patch = (next: Partial<EditorForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...next }));
  };
  const patchVariant = (next: Partial<VariantForm>) =>
    patch({ variants: form.variants.map((v, i) => (i === selected ? { ...v, ...next } : v)) });

  const slotLabel = (v: { channel: Channel; locale: Locale }) => t('templates:Editor.variantLabel', { channel: t(`conversation:Channel.${v.channel}`), locale: t(`templates:Locale.${v.locale}`) });
  const issueText = (issue: TemplateIssue) =>
    t(`templates:Issue.${issue.code}`, { line: issue.line, column: issue.column, variable: issue.variable ?? '', open: '{{', close: '}}' });

  const insertVariable = (name: string) => {
    if (!variant || !name) return;
    const el = body.current;
    const at = el?.selectionStart ?? variant.body.length;
    const end = el?.selectionEnd ?? at;
    const placeholder = `{{${name}}}`;
    patchVariant({ body: variant.body.slice(0, at) + placeholder + variant.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + placeholder.length, at + placeholder.length);
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (anyProblems) return;
    setBusy(true);
    const result = await hub.call('template.save', saveInput(form));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSaved(true);
    onSaved(result.data);
  };

  const placed = new Set(['key', 'name', 'folder', 'tags']);
  const unplaced = Object.entries(fields).filter(([path]) => !placed.has(path));

  return (
    <form className="template-editor" onSubmit={(e) => void submit(e)} noValidate aria-label={t('templates:Editor.label')}>
      {saved ? <Notice tone="success">{t('templates:Editor.saved')}</Notice> : null}
      {error && !error.fields?.length ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
      {unplaced.length > 0 ? (
        <Notice tone="error">
          <ul className="template-editor__issues">
            {unplaced.map(([path, message]) => (
              <li key={path}>
                {path}: {message}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <div className="template-editor__meta">
        <TextField label={t('templates:Editor.name')} value={form.name} required readOnly={!canEdit} maxLength={120} error={fields.name} onChange={(e) => patch({ name: e.target.value })} />
        <TextField
          label={t('templates:Editor.key')}
          hint={t('templates:Editor.keyHint')}
          value={form.key}
          required
          readOnly={!canEdit || form.id !== null}
          maxLength={64}
          error={fields.key}
          onChange={(e) => patch({ key: e.target.value })}
        />
        <TextField label={t('templates:Editor.folder')} hint={t('templates:Editor.folderHint')} value={form.folder} required readOnly={!canEdit} maxLength={200} error={fields.folder} onChange={(e) => patch({ folder: e.target.value })} />
        <TextField label={t('templates:Editor.tags')} hint={t('templates:Editor.tagsHint')} value={form.tags} readOnly={!canEdit} error={fields.tags} onChange={(e) => patch({ tags: e.target.value })} />
      </div>

      <div className="template-editor__variants">
        <div role="tablist" id={ids.tabs} aria-label={t('templates:Editor.variants')} className="template-editor__variants">
          {form.variants.map((v, index) => {
            const broken = variantProblems(v).length > 0;
            return (
              <button
                key={variantKey(v)}
                type="button"
                role="tab"
                className="tabs__tab"
                aria-selected={index === selected}
                aria-controls={ids.panel}
                onClick={() => setSelected(index)}
              >
                {slotLabel(v)}
                {broken ? <Icon name="alert" label={t('templates:Editor.variantHasProblems')} /> : null}
              </button>
            );
          })}
        </div>
        {canEdit && unused.length > 0 ? (
          <select
            id={ids.add}
            className="input select input--small"
            aria-label={t('templates:Editor.addVariant')}
            value=""
            onChange={(e) => {
              const slot = unused.find((s) => variantKey(s) === e.target.value);
              if (!slot) return;
              patch({ variants: [...form.variants, { ...slot, subject: '', body: '' }] });
              setSelected(form.variants.length);
            }}
          >
            <option value="">{t('templates:Editor.addVariant')}</option>
            {unused.map((slot) => (
              <option key={variantKey(slot)} value={variantKey(slot)}>
                {slotLabel(slot)}
              </option>
            ))}
          </select>
        ) : null}
      </div>

      {variant ? (
        <div id={ids.panel} role="tabpanel" aria-label={slotLabel(variant)}>
          {variant.channel === 'email' ? (
            <TextField
              label={t('templates:Editor.subject')}
              value={variant.subject}
              readOnly={!canEdit}
              maxLength={200}
              error={subjectIssue ? issueText(subjectIssue.issue) : undefined}
              onChange={(e) => patchVariant({ subject: e.target.value })}
            />
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor={ids.body}>
              {t('templates:Editor.body')}
            </label>
            <textarea
              ref={body}
              id={ids.body}
              className="input textarea template-editor__body"
              value={variant.body}
              readOnly={!canEdit}
              rows={variant.channel === 'email' ? 10 : 5}
              aria-invalid={problems.some((p) => p.field === 'body') || undefined}
              aria-describedby={`${ids.issues} ${ids.counter}`}
              onChange={(e) => patchVariant({ body: e.target.value })}
            />
            <ul id={ids.issues} className="template-editor__issues small" aria-live="polite">
              {problems
                .filter((p) => p.field === 'body')
                .map((p) => (
                  <li key={`${p.issue.code}-${p.issue.offset}`}>{issueText(p.issue)}</li>
                ))}
            </ul>
            <p id={ids.counter} className="template-editor__counter muted small">
              {length === null
                ? null
                : length.unit === 'segments'
                  ? t('templates:Editor.smsCounter', { encoding: length.encoding, count: length.segments, chars: length.chars, max: length.max })
                  : t('templates:Editor.charCounter', { count: length.chars, max: length.max })}
            </p>
          </div>
          {canEdit ? (
            <div className="template-editor__actions">
              <select id={ids.variable} className="input select input--small" aria-label={t('templates:Editor.insertVariable')} value="" onChange={(e) => insertVariable(e.target.value)}>
                <option value="">{t('templates:Editor.insertVariable')}</option>
                {TEMPLATE_VARIABLES.map((v) => (
                  <option key={v.name} value={v.name}>
                    {`{{${v.name}}}`} — {t(v.descriptionKey as 'templates:variables.customer.firstName')}
                  </option>
                ))}
              </select>
              {form.variants.length > 1 ? (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => {
                    patch({ variants: form.variants.filter((_, i) => i !== selected) });
                    setSelected(0);
                  }}
                >
                  <Icon name="trash" /> {t('templates:Editor.removeVariant', { variant: slotLabel(variant) })}
                </button>
              ) : null}
            </div>
          ) : null}
          <TemplatePreview variant={variant} templateId={canEdit ? null : form.id} />
        </div>
      ) : null}

      {canEdit ? (
        <div className="template-editor__actions">
          <button type="submit" className="btn btn--primary" disabled={busy || anyProblems}>
            {busy ? <Spinner /> : <Icon name="check" />} {t('templates:Editor.save')}
          </button>
          <span className="muted small">{anyProblems ? t('templates:Editor.fixFirst') : t('templates:Editor.saveHint')}</span>
        </div>
      ) : null}
    </form>
  );
}
