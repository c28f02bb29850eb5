// The list the composer's "/" opens, and the line that reports what an insertion left missing.
import type { TemplateSummary } from '../../../../common/api/templates.ts';
import type { AppError } from '../../../../common/result.ts';
import { useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Spinner } from '../../ui/States.tsx';
import './templates.css';

export type PickerState = { status: 'loading' } | { status: 'ok'; items: TemplateSummary[] } | { status: 'error'; error: AppError };

export interface TemplatePickerProps {
  id: string;
  optionId: (index: number) => string;
  query: string;
  state: PickerState;
  activeIndex: number;
  /** A template is being filled in on the hub. */
  busy: boolean;
  onHover: (index: number) => void;
  onChoose: (template: TemplateSummary) => void;
}

export function TemplatePicker({ id, optionId, query, state, activeIndex, busy, onHover, onChoose }: TemplatePickerProps) {
  const { t } = useT();
  return (
    <div className="template-picker">
      <p className="template-picker__hint muted small" aria-hidden="true">
        {t('templates:Picker.hint')}
      </p>
      {state.status === 'loading' ? (
        <p className="template-picker__state small" role="status">
          <Spinner /> {t('templates:Picker.loading')}
        </p>
      ) : state.status === 'error' ? (
        <p className="template-picker__state small" role="alert">
          {errorText(t, state.error)}
        </p>
      ) : state.items.length === 0 ? (
        <p className="template-picker__state small" role="status">
          {query ? t('templates:Picker.noMatch', { query }) : t('templates:Picker.empty')}
        </p>
      ) : null}
      <ul id={id} role="listbox" className="template-picker__list" aria-label={t('templates:Picker.label')} aria-busy={busy || undefined}>
        {state.status === 'ok'
          ? state.items.map((template, index) => (
              <li
                key={template.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                className="template-picker__option"
                // Keep the focus (and the caret) in the composer.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => onHover(index)}
                onClick={() => onChoose(template)}
              >
                <span className="template-picker__name">{template.name}</span>
                {/* A pause between the two when a screen reader reads the option. */}
                <span className="visually-hidden">, </span>
                <span className="template-picker__folder muted small">{template.folder}</span>
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}

export type InsertOutcome = { kind: 'inserted'; name: string; missing: string[] } | { kind: 'error'; error: AppError };

/** Announced to screen readers and shown until dismissed: which values the customer does not have. */
export function InsertAnnouncement({ outcome, onDismiss }: { outcome: InsertOutcome | null; onDismiss: () => void }) {
  const { t } = useT();
  const tone = outcome?.kind === 'error' ? 'error' : outcome && outcome.missing.length > 0 ? 'warning' : 'ok';
  return (
    <div className="template-insert" role="status" aria-live="polite">
      {outcome ? (
        <p className={`template-insert__line template-insert__line--${tone} small`}>
          <Icon name={tone === 'ok' ? 'check' : 'alert'} />{' '}
          {outcome.kind === 'error'
            ? t('templates:Picker.failed', { reason: errorText(t, outcome.error) })
            : outcome.missing.length > 0
              ? t('templates:Picker.insertedMissing', { name: outcome.name, count: outcome.missing.length, list: outcome.missing.map((v) => `{{${v}}}`).join(', ') })
              : t('templates:Picker.inserted', { name: outcome.name })}{' '}
          <button type="button" className="btn btn--ghost btn--icon btn--small" aria-label={t('templates:Picker.dismiss')} onClick={onDismiss}>
            <Icon name="close" />
          </button>
        </p>
      ) : null}
    </div>
  );
}
