/**
 * Due dates of an approved SOP: monitoring every six months, evaluation and review
 * yearly, counted from the effective date or from the last record of each kind.
 */
import type { Schedule, ScheduleOverride } from './types.js';

export const MONITORING_MONTHS = 6;
export const EVALUATION_MONTHS = 12;
export const REVIEW_MONTHS = 12;
/** A due date this close (days) counts as "due" in the attention list. */
export const DUE_SOON_DAYS = 14;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `iso` (YYYY-MM-DD) plus `months`, the day clamped to the target month's last day. */
export function addMonths(iso: string, months: number): string | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1 + months;
  const ty = y + Math.floor(mo / 12);
  const tm = ((mo % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${ty}-${p(tm + 1)}-${p(d)}`;
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface ScheduleInput {
  status: string;
  /** Tanggal Efektif of the version in force ('' when none). */
  effectiveDate: string;
  /** Day (YYYY-MM-DD) the last monitoring record was closed, if any. */
  lastMonitoring: string | null;
  lastEvaluation: string | null;
  override: ScheduleOverride | null;
}

/** The SOP's next due dates; none while it is not in force (not approved). */
export function scheduleOf(input: ScheduleInput): Schedule {
  if (input.status !== 'approved')
    return { monitoringDue: null, evaluationDue: null, reviewDue: null };
  const base = (last: string | null, months: number) => {
    const from =
      last && (!input.effectiveDate || last > input.effectiveDate) ? last : input.effectiveDate;
    return from ? addMonths(from, months) : null;
  };
  const o = input.override;
  return {
    monitoringDue: o?.monitoringDue ?? base(input.lastMonitoring, MONITORING_MONTHS),
    evaluationDue: o?.evaluationDue ?? base(input.lastEvaluation, EVALUATION_MONTHS),
    reviewDue: o?.reviewDue ?? base(null, REVIEW_MONTHS),
  };
}

/** 'overdue' before today, 'due' within {@link DUE_SOON_DAYS}, else null. */
export function dueState(date: string | null, today: string): 'due' | 'overdue' | null {
  if (!date) return null;
  if (date < today) return 'overdue';
  return daysBetween(today, date) <= DUE_SOON_DAYS ? 'due' : null;
}
