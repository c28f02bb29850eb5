// Labelled inputs with their error beside them (aria-invalid + aria-describedby), so getByLabelText works
// and a screen reader reads the error with the field.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldShellProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

function describedBy(...ids: Array<string | false | undefined>) {
  const value = ids.filter(Boolean).join(' ');
  return value || undefined;
}

interface ControlA11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Label, hint and error around one control; the control gets the ids that tie them together. */
function FieldShell({ label, error, hint, className, required, control }: FieldShellProps & { control: (a11y: ControlA11y) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(error && errorId, hint && !error && hintId) })}
      {hint && !error ? (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, hint, className, ...input }: FieldShellProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>) {
  return (
    <FieldShell
      label={label}
      error={error}
      hint={hint}
      className={className}
      required={input.required}
      control={(a11y) => <input className="input" {...a11y} {...input} />}
    />
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...textarea
}: FieldShellProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>) {
  return (
    <FieldShell
      label={label}
      error={error}
      hint={hint}
      className={className}
      required={textarea.required}
      control={(a11y) => <textarea className="input textarea" {...a11y} {...textarea} />}
    />
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  children,
  ...select
}: FieldShellProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> & { children: ReactNode }) {
  return (
    <FieldShell
      label={label}
      error={error}
      hint={hint}
      className={className}
      required={select.required}
      control={(a11y) => (
        <select className="input select" {...a11y} {...select}>
          {children}
        </select>
      )}
    />
  );
}

export function CheckboxField({
  label,
  error,
  className,
  ...input
}: { label: string; error?: string | undefined; className?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`check${className ? ` ${className}` : ''}`}>
      <input id={id} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <span id={errorId} className="field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
