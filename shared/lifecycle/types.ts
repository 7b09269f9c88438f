/**
 * The SOP's life after approval (issue 17), as plain JSON shapes shared by the server
 * (stores, REST) and the browser: Keterkaitan links and their flags, the six-monthly
 * monitoring record, the evaluation against the regulation's seven criteria, due
 * dates, the "needs attention" list and read acknowledgements.
 */
import type { RelatedSopType, SopStatus } from '../model/types.js';

export type LinkType = RelatedSopType;
export const LINK_TYPES: readonly LinkType[] = ['prerequisite', 'follow-on', 'related', 'part-of'];

/** One typed link from an SOP's Keterkaitan box to another SOP (the reverse index row). */
export interface LinkRow {
  sourceId: string;
  /** The Keterkaitan item holding the link (its id in the content document). */
  itemId: string;
  targetId: string;
  type: LinkType;
}

/** Why the SOPs linking to a target are flagged. */
export type FlagReason = 'revised' | 'approved' | 'revoked' | 'superseded';

/** A linked SOP changed: shown on the linking SOP until someone confirms it. */
export interface LinkFlag {
  id: string;
  sourceId: string;
  targetId: string;
  reason: FlagReason;
  at: string;
  confirmedAt: string | null;
  confirmedBy: string | null;
}

/** A link as the API answers it: the row plus what is known of the target now. */
export interface LinkView {
  itemId: string;
  type: LinkType;
  text: string;
  targetId: string | null;
  target: { id: string; number: string; name: string; status: SopStatus; archived: boolean } | null;
  flags: LinkFlag[];
}

/** Monitoring (SOP AP §3): per step, whether it runs well. */
export type Assessment = 'good' | 'poor';

export interface MonitoringEntry {
  stepId: string;
  assessment: Assessment | null;
  note: string;
  action: string;
  /** Who checked (Paraf Penilai), the last person who wrote this row. */
  checkedBy: { id: string; name: string } | null;
  at: string;
}

export interface MonitoringStep {
  stepId: string;
  no: number;
  activity: string;
}

export interface MonitoringRecord {
  id: string;
  sopId: string;
  status: 'open' | 'closed';
  /** The steps as they were in the approved SOP when the record was opened. */
  steps: MonitoringStep[];
  entries: Record<string, MonitoringEntry>;
  createdAt: string;
  createdBy: { id: string; name: string };
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  /**
   * How many stored changes the record has had (0 when opened; absent in records stored
   * before it existed, read as 0). Copies reach an editor by three ways — its own save's
   * answer, a read, the live mirror — in any order: the higher `rev` is the newer copy.
   */
  rev?: number;
}

/**
 * The newer of two copies of one monitoring record (`b` when neither is newer): what an
 * open form shows, so an older copy arriving late never replaces a newer one.
 */
export function newerRecord(a: MonitoringRecord | null, b: MonitoringRecord): MonitoringRecord {
  return a !== null && isNewer(a, b) ? a : b;
}

/** Whether copy `a` of a record is strictly newer than `b` (by `rev`; absent reads as 0). */
export function isNewer(a: { rev?: number | undefined }, b: { rev?: number | undefined }): boolean {
  return (a.rev ?? 0) > (b.rev ?? 0);
}

/** The seven Ya/Tidak criteria of the evaluation (SOP AP §3), in the regulation's order. */
export const CRITERIA = [
  'performance',
  'understandable',
  'practicable',
  'roles',
  'solvesProblems',
  'organisationNeeds',
  'synergy',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface CriterionAnswer {
  met: boolean;
  comment: string;
}

export type Recommendation = 'keep' | 'revise' | 'revoke';

export interface EvaluationRecord {
  id: string;
  sopId: string;
  criteria: Record<Criterion, CriterionAnswer>;
  /** Criteria met out of seven. */
  score: number;
  notes: string;
  suggestions: string;
  recommendation: Recommendation;
  createdAt: string;
  createdBy: { id: string; name: string };
  /** Set when "revise" started a revision of the SOP (the revision's day). */
  revisionStartedAt: string | null;
  /** Set when "revoke" revoked the SOP. */
  revokedAt: string | null;
}

/** Per-SOP due-date overrides (else the defaults of {@link scheduleOf}). */
export interface ScheduleOverride {
  sopId: string;
  monitoringDue: string | null;
  evaluationDue: string | null;
  reviewDue: string | null;
}

export interface Schedule {
  monitoringDue: string | null;
  evaluationDue: string | null;
  reviewDue: string | null;
}

/** "Sudah dibaca" of one person for one effective version. */
export interface Acknowledgement {
  sopId: string;
  /** The version it confirms (the effective date and approval of that version). */
  versionKey: string;
  userId: string;
  at: string;
}

export type AttentionKind =
  | 'monitoring-due'
  | 'monitoring-overdue'
  | 'evaluation-due'
  | 'evaluation-overdue'
  | 'review-due'
  | 'review-overdue'
  | 'link-flagged'
  | 'open-suggestions'
  | 'needs-change'
  | 'unread';

export interface AttentionItem {
  kind: AttentionKind;
  sopId: string;
  sopName: string;
  sopNumber: string;
  unitId: string | null;
  /** The date concerned (due dates), else null. */
  date: string | null;
  /** How many (suggestions, verdicts, flags). */
  count: number;
}
