import * as Popover from '@radix-ui/react-popover';
import { CalendarDays } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLongDate, formatTypedDate, parseDateInput } from '../lib/dates';
import { Calendar } from './Calendar';
import './dateField.css';

export interface DateFieldProps {
  /** ISO `yyyy-mm-dd`, or '' for no date. */
  value: string;
  /** Called with a valid ISO date (or '' when cleared and not `required`). */
  onChange: (iso: string) => void;
  /** From {@link Field}: the id its label points at, and what describes the control. */
  id?: string | undefined;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: true | undefined;
  required?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  /** Earliest / latest allowed ISO date. */
  min?: string | undefined;
  max?: string | undefined;
  testId?: string | undefined;
  onFocus?: () => void;
  onBlur?: () => void;
  className?: string;
}

/**
 * The date field of Susun (issue 14), not the browser's: the native control shows the
 * browser's locale (03/02/2026 reads as 2 March to an Indonesian, 3 February to others).
 * Typed as dd/mm/yyyy (or "30 Nov 2026"), shown as "30 November 2026" in the UI language,
 * picked from a calendar popover (keyboard: see {@link Calendar}). Text that is not a
 * date is refused at the field with a message, and the value stays what it was.
 */
export function DateField({
  value,
  onChange,
  id,
  required,
  readOnly,
  disabled,
  min,
  max,
  testId,
  onFocus,
  onBlur,
  className,
  ...aria
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ownId = useId();
  const inputId = id ?? ownId;
  const errorId = `${inputId}-date-error`;
  const [focused, setFocused] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  // Not being typed in: show the stored value (it may change under us: another editor),
  // unless the text was refused: it stays, with its message, until it is corrected.
  useEffect(() => {
    if (!focused && !error) setText(value ? formatLongDate(value, lang) : '');
  }, [value, lang, focused, error]);

  /** Checks the typed text; commits it when it is a date. Returns whether it was accepted. */
  function commit(raw: string): boolean {
    const r = parseDateInput(raw);
    if (!r.ok) {
      setError(t(r.error === 'format' ? 'dateField.errorFormat' : 'dateField.errorInvalid'));
      return false;
    }
    if (r.iso === '' && required) {
      setError(t('dateField.errorRequired'));
      return false;
    }
    if (r.iso && min && r.iso < min) {
      setError(t('dateField.errorMin', { date: formatLongDate(min, lang) }));
      return false;
    }
    if (r.iso && max && r.iso > max) {
      setError(t('dateField.errorMax', { date: formatLongDate(max, lang) }));
      return false;
    }
    setError(null);
    if (r.iso !== value) onChange(r.iso);
    return true;
  }

  function pick(iso: string) {
    setError(null);
    setOpen(false);
    if (iso !== value) onChange(iso);
    setText(focused ? formatTypedDate(iso) : formatLongDate(iso, lang));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      const r = parseDateInput(text);
      // An invalid date never submits the form around it.
      if (!commit(text)) e.preventDefault();
      else if (r.ok) setText(r.iso ? formatTypedDate(r.iso) : '');
    } else if (e.key === 'Escape' && error) {
      // Give up the refused text: back to the stored date.
      e.preventDefault();
      setError(null);
      setText(value ? formatTypedDate(value) : '');
    } else if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault();
      setOpen(true);
    }
  }

  const describedBy = [aria['aria-describedby'], error ? errorId : ''].filter(Boolean).join(' ');
  const locked = readOnly || disabled;
  return (
    <div
      className={`date-field ${className ?? ''}`}
      data-testid={testId ? `${testId}-field` : undefined}
    >
      <div className="date-field-control">
        <input
          id={inputId}
          className="input date-field-input"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.placeholder')}
          value={text}
          readOnly={readOnly}
          disabled={disabled}
          required={required}
          aria-invalid={error || aria['aria-invalid'] ? true : undefined}
          aria-describedby={describedBy || undefined}
          data-testid={testId}
          data-value={value}
          onFocus={(e) => {
            setFocused(true);
            if (!locked) {
              if (!error) setText(value ? formatTypedDate(value) : '');
              // Select after React re-rendered the typed form.
              const el = e.currentTarget;
              requestAnimationFrame(() => el.select());
            }
            onFocus?.();
          }}
          onBlur={() => {
            if (!locked) commit(text);
            setFocused(false);
            onBlur?.();
          }}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
        />
        <Popover.Root open={open && !locked} onOpenChange={setOpen}>
          <Popover.Trigger asChild>
            <button
              type="button"
              className="btn btn-ghost btn-sm btn-icon date-field-button"
              aria-label={t('dateField.open')}
              title={t('dateField.open')}
              disabled={locked}
              data-testid={testId ? `${testId}-open` : undefined}
            >
              <CalendarDays aria-hidden />
            </button>
          </Popover.Trigger>
          <Popover.Portal>
            <Popover.Content
              className="popover-content date-popover"
              align="end"
              sideOffset={6}
              aria-label={t('dateField.dialog')}
              onOpenAutoFocus={(e) => e.preventDefault()}
            >
              <Calendar
                value={value}
                onSelect={pick}
                min={min}
                max={max}
                autoFocus
                testId={testId ? `${testId}-calendar` : undefined}
              />
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      </div>
      {error && (
        <p
          id={errorId}
          className="field-error"
          role="alert"
          data-testid={testId ? `${testId}-error` : undefined}
        >
          {error}
        </p>
      )}
    </div>
  );
}
