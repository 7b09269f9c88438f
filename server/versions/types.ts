/**
 * Versions (issue 8): snapshots of an SOP kept aside — the Yjs state and the
 * plain `SopSnapshot` at one moment, with a label and why it was taken.
 * Versions are immutable once added; nothing deletes them.
 */
import type { DiffSummary } from '../../shared/model/diff.js';
import type { SopSnapshot } from '../../shared/model/types.js';

/**
 * Why a version was taken: at the end of a review session, at approval, on demand (a
 * named version), automatically after a stretch of editing (`auto`, autoVersions.ts),
 * or just before a restore replaced the content (`pre-restore`, restore.ts).
 */
export type VersionKind = 'review' | 'approved' | 'manual' | 'auto' | 'pre-restore';
export const VERSION_KINDS: readonly VersionKind[] = [
  'review',
  'approved',
  'manual',
  'auto',
  'pre-restore',
];

/**
 * What changed since the SOP's previous version, counted from the structural diff
 * (shared/model/diff.ts): the version list's "+2 langkah, 5 diubah".
 */
export interface VersionChanges extends DiffSummary {
  /** The version compared with (the SOP's previous one); null: this is its first version. */
  base: string | null;
}

/** What the version list shows. */
export interface VersionMeta {
  id: string;
  sopId: string;
  label: string;
  kind: VersionKind;
  /** ISO timestamp. */
  createdAt: string;
  /** Display name of who asked for it; null when unknown. */
  createdBy: string | null;
  /** Changes since the previous version; null when not computed (versions older than issue 16). */
  changes: VersionChanges | null;
}

/** A full version. */
export interface Version extends VersionMeta {
  /** Yjs encoded state (`Y.encodeStateAsUpdate`) of the content doc at that moment. */
  state: Uint8Array;
  snapshot: SopSnapshot;
  /** Free JSON, e.g. a review session summary; null when none. */
  summary: unknown;
}

export interface NewVersion {
  sopId: string;
  label: string;
  kind: VersionKind;
  createdBy: string | null;
  state: Uint8Array;
  snapshot: SopSnapshot;
  summary: unknown;
  /** Changes since the previous version (see `withChangeSummaries`); default null. */
  changes?: VersionChanges | null;
  /** Defaults to now. */
  createdAt?: Date;
}

export interface VersionStore {
  /** Stores a version; resolves once it is durable (committed), with its metadata. */
  add(v: NewVersion): Promise<VersionMeta>;
  /** The SOP's versions, newest first (ties: the later added first). */
  list(sopId: string): Promise<VersionMeta[]>;
  /** One version of that SOP, or null (also when the id belongs to another SOP). */
  get(sopId: string, versionId: string): Promise<Version | null>;
  close(): Promise<void>;
}
