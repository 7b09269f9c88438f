import { Eye, EyeOff } from 'lucide-react';
import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What a field hands its control: the id its label points at and the described-by ids. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldProps {
  label: ReactNode;
  /** Shown under the control, linked by `aria-describedby`. */
  hint?: ReactNode;
  /** Marks the control invalid and is read out with it. */
  error?: string | null | undefined;
  /** "(opsional)" after the label. */
  optional?: boolean | undefined;
  /** Extra classes on the wrapper (e.g. `auth-field` for the larger sign-in fields). */
  className?: string | undefined;
  /** Renders the control with the given props spread on it. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The one labelled field: a label tied to its control, an optional hint and an
 * error message, both announced with the control (`aria-describedby`). Used by
 * every form and dialog, e.g.
 * `<Field label={t('name')}>{(p) => <input {...p} className="input" />}</Field>`.
 */
export function Field({ label, hint, error, optional, className, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> {t('form.optional')}</span>}
      </label>
      {children({
        id,
        'aria-describedby': ids.length ? ids.join(' ') : undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;

interface TextFieldProps extends InputProps {
  label: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  optional?: boolean;
  testId?: string;
  /** Wrapper classes (default `auth-field`: the larger fields of the sign-in pages). */
  fieldClassName?: string;
}

/** A labelled text input (see {@link Field}). */
export function TextField({
  label,
  hint,
  error,
  optional,
  testId,
  fieldClassName = 'auth-field',
  ...input
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={fieldClassName}>
      {(p) => <input {...input} {...p} className="input" data-testid={testId} />}
    </Field>
  );
}

/** A labelled `<select>` (see {@link Field}) of `options`, each `[value, label]`. */
export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (value: V) => void;
  testId?: string;
}) {
  return (
    <Field label={label}>
      {(p) => (
        <select
          {...p}
          className="select"
          data-testid={testId}
          value={value}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A password input with a show/hide switch (typing on a projector is error-prone). */
export function PasswordField({
  label,
  hint,
  error,
  optional,
  testId,
  fieldClassName = 'auth-field',
  ...input
}: TextFieldProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <Field label={label} hint={hint} error={error} optional={optional} className={fieldClassName}>
      {(p) => (
        <div className="password-field">
          <input
            {...input}
            {...p}
            type={shown ? 'text' : 'password'}
            className="input"
            data-testid={testId}
          />
          <button
            type="button"
            className="btn btn-ghost btn-icon btn-sm password-toggle"
            aria-label={shown ? t('form.hidePassword') : t('form.showPassword')}
            aria-pressed={shown}
            onClick={() => setShown((v) => !v)}
          >
            {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
          </button>
        </div>
      )}
    </Field>
  );
}

/** A form-level message (error or success), announced when it appears. */
export function FormMessage({
  kind,
  children,
  testId,
}: {
  kind: 'error' | 'success' | 'info';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={`form-message form-message-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
