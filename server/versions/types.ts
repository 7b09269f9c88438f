/**
 * Versions (issue 8): snapshots of an SOP kept aside — the Yjs state and the
 * plain `SopSnapshot` at one moment, with a label and why it was taken.
 * Versions are immutable once added; nothing deletes them.
 */
import type { SopSnapshot } from '../../shared/model/types.js';

export type VersionKind = 'review' | 'approved' | 'manual';
export const VERSION_KINDS: readonly VersionKind[] = ['review', 'approved', 'manual'];

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
