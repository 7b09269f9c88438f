import { Eye, EyeOff } from 'lucide-react';
import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './authForms.css';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;

interface FieldProps extends InputProps {
  label: string;
  /** Shown under the field, linked by `aria-describedby`. */
  hint?: ReactNode;
  /** Marks the field invalid and is read out with it. */
  error?: string | null | undefined;
  /** "(opsional)" after the label. */
  optional?: boolean;
  testId?: string;
}

function useDescribedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame({
  id,
  label,
  optional,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  optional?: boolean | undefined;
  hint?: ReactNode;
  error?: string | null | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation('auth');
  return (
    <div className="field auth-field">
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="auth-optional"> {t('form.optional')}</span>}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="auth-field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="auth-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A labelled text input with an optional hint and error, wired for screen readers. */
export function TextField({ label, hint, error, optional, testId, ...input }: FieldProps) {
  const id = useId();
  const describedBy = useDescribedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint} error={error}>
      <input
        {...input}
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      />
    </FieldFrame>
  );
}

/** A password input with a show/hide switch (typing on a projector is error-prone). */
export function PasswordField({ label, hint, error, optional, testId, ...input }: FieldProps) {
  const { t } = useTranslation('auth');
  const id = useId();
  const [shown, setShown] = useState(false);
  const describedBy = useDescribedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint} error={error}>
      <div className="auth-password">
        <input
          {...input}
          id={id}
          type={shown ? 'text' : 'password'}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
        />
        <button
          type="button"
          className="btn btn-ghost btn-icon btn-sm auth-password-toggle"
          aria-label={shown ? t('form.hidePassword') : t('form.showPassword')}
          aria-pressed={shown}
          onClick={() => setShown((v) => !v)}
        >
          {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        </button>
      </div>
    </FieldFrame>
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
      className={`auth-message auth-message-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
