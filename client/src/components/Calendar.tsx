import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addDays,
  addMonths,
  formatFullDate,
  isoParts,
  monthGrid,
  monthNames,
  todayIso,
  weekdayIndex,
  weekdayNames,
} from '../lib/dates';

interface CalendarProps {
  /** The selected day (ISO), or ''. */
  value: string;
  onSelect: (iso: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  /** Focus the active day when mounted (the popover just opened). */
  autoFocus?: boolean;
  testId?: string | undefined;
}

/**
 * A month grid (WAI-ARIA date picker pattern): one tab stop on the active day; arrows
 * move by day and week, Home/End to the week's ends, PageUp/PageDown by month (with
 * Shift: by year), Enter or Space picks. Month names and weekdays in the UI language,
 * weeks from Monday.
 */
export function Calendar({ value, onSelect, min, max, autoFocus, testId }: CalendarProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = todayIso();
  const [active, setActive] = useState(() => (isoParts(value) ? value : today));
  const grid = useRef<HTMLTableElement>(null);
  const focusNext = useRef(autoFocus ?? false);
  const p = isoParts(active) ?? { y: 2026, m: 1, d: 1 };
  const outOfRange = (iso: string) => (min && iso < min) || (max && iso > max);

  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-iso="${active}"]`)?.focus();
  });

  function move(to: string) {
    focusNext.current = true;
    setActive(to);
  }

  /** Where a key moves the active day, or null for keys the grid does not handle. */
  function target(e: KeyboardEvent): string | null {
    switch (e.key) {
      case 'ArrowLeft':
        return addDays(active, -1);
      case 'ArrowRight':
        return addDays(active, 1);
      case 'ArrowUp':
        return addDays(active, -7);
      case 'ArrowDown':
        return addDays(active, 7);
      case 'Home':
        return addDays(active, -weekdayIndex(active));
      case 'End':
        return addDays(active, 6 - weekdayIndex(active));
      case 'PageUp':
        return addMonths(active, e.shiftKey ? -12 : -1);
      case 'PageDown':
        return addMonths(active, e.shiftKey ? 12 : 1);
      default:
        return null;
    }
  }

  function onKey(e: KeyboardEvent) {
    const to = target(e);
    if (to === null) return;
    e.preventDefault();
    move(to);
  }

  const weeks = monthGrid(active);
  const days = weekdayNames(lang);
  const longDays = weekdayNames(lang, 'long');
  const title = `${monthNames(lang)[p.m - 1]} ${p.y}`;
  const nav = (label: string, to: string, icon: ReactNode, id: string) => (
    <button
      type="button"
      className="btn btn-ghost btn-sm btn-icon"
      aria-label={label}
      title={label}
      onClick={() => setActive(to)}
      data-testid={testId ? `${testId}-${id}` : undefined}
    >
      {icon}
    </button>
  );

  return (
    <div className="calendar" data-testid={testId}>
      <div className="calendar-head">
        {nav(
          t('dateField.prevYear'),
          addMonths(active, -12),
          <ChevronsLeft aria-hidden />,
          'prev-year',
        )}
        {nav(t('dateField.prevMonth'), addMonths(active, -1), <ChevronLeft aria-hidden />, 'prev')}
        <h2 className="calendar-title" aria-live="polite">
          {title}
        </h2>
        {nav(t('dateField.nextMonth'), addMonths(active, 1), <ChevronRight aria-hidden />, 'next')}
        {nav(
          t('dateField.nextYear'),
          addMonths(active, 12),
          <ChevronsRight aria-hidden />,
          'next-year',
        )}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA date picker grid (a table whose cells are buttons, arrow keys between them) */}
      <table ref={grid} className="calendar-grid" role="grid" aria-label={title} onKeyDown={onKey}>
        <thead>
          <tr>
            {days.map((d, i) => (
              <th key={d} scope="col" className="calendar-weekday" abbr={longDays[i]}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[0, 1, 2, 3, 4, 5].map((w) => (
            <tr key={w}>
              {weeks.slice(w * 7, w * 7 + 7).map((day) => {
                const disabled = Boolean(outOfRange(day.iso));
                const cls = [
                  'calendar-day',
                  day.inMonth ? '' : 'is-outside',
                  day.iso === today ? 'is-today' : '',
                  day.iso === value ? 'is-selected' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  // biome-ignore lint/a11y/useAriaPropsSupportedByRole: a cell of role="grid" is a gridcell
                  <td key={day.iso} aria-selected={day.iso === value}>
                    <button
                      type="button"
                      className={cls}
                      tabIndex={day.iso === active ? 0 : -1}
                      data-iso={day.iso}
                      aria-label={formatFullDate(day.iso, lang)}
                      aria-current={day.iso === today ? 'date' : undefined}
                      disabled={disabled}
                      onClick={() => onSelect(day.iso)}
                      onFocus={() => day.iso !== active && setActive(day.iso)}
                    >
                      {Number(day.iso.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="calendar-foot">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={Boolean(outOfRange(today))}
          onClick={() => onSelect(today)}
          data-testid={testId ? `${testId}-today` : undefined}
        >
          {t('dateField.today')}
        </button>
      </div>
    </div>
  );
}
