/**
 * Version stores: in-memory here; SQLite (`sqliteVersions.ts`) and PostgreSQL
 * (`pgVersions.ts`) on the server's shared connection. Same contract (see
 * test/unit/review-versionStore.test.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Version, VersionChanges, VersionKind, VersionMeta, VersionStore } from './types.js';

export type {
  NewVersion,
  Version,
  VersionChanges,
  VersionKind,
  VersionMeta,
  VersionStore,
} from './types.js';
export { VERSION_KINDS } from './types.js';

/** A short random version id (base64url, 12 chars). */
export function newVersionId(): string {
  return randomBytes(9).toString('base64url');
}

export function versionMeta(v: Version): VersionMeta {
  return {
    id: v.id,
    sopId: v.sopId,
    label: v.label,
    kind: v.kind,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    changes: v.changes === null ? null : structuredClone(v.changes),
  };
}

/** In-memory store (tests, `STORAGE=memory`). Copies bytes in and out so callers cannot mutate it. */
export function createMemoryVersionStore(): VersionStore {
  const rows: Version[] = [];
  return {
    async add(v) {
      const row: Version = {
        id: newVersionId(),
        sopId: v.sopId,
        label: v.label,
        kind: v.kind,
        createdAt: (v.createdAt ?? new Date()).toISOString(),
        createdBy: v.createdBy,
        state: new Uint8Array(v.state),
        snapshot: structuredClone(v.snapshot),
        summary: v.summary === undefined ? null : structuredClone(v.summary),
        changes: v.changes ? structuredClone(v.changes) : null,
      };
      rows.push(row);
      return versionMeta(row);
    },
    async list(sopId) {
      return rows
        .map((r, seq) => ({ r, seq }))
        .filter(({ r }) => r.sopId === sopId)
        .sort((a, b) =>
          a.r.createdAt !== b.r.createdAt
            ? a.r.createdAt < b.r.createdAt
              ? 1
              : -1
            : b.seq - a.seq,
        )
        .map(({ r }) => versionMeta(r));
    },
    async get(sopId, versionId) {
      const r = rows.find((x) => x.id === versionId && x.sopId === sopId);
      return r
        ? {
            ...r,
            state: new Uint8Array(r.state),
            snapshot: structuredClone(r.snapshot),
            summary: structuredClone(r.summary),
            changes: r.changes === null ? null : structuredClone(r.changes),
          }
        : null;
    },
    async close() {},
  };
}

/** The listing fields of a `versions` row (SQLite and PostgreSQL share the columns). */
export function rowToVersionMeta(r: {
  id: string;
  sop_id: string;
  label: string;
  kind: string;
  created_at: string;
  created_by: string | null;
  changes?: string | null;
}): VersionMeta {
  return {
    id: r.id,
    sopId: r.sop_id,
    label: r.label,
    kind: r.kind as VersionKind,
    createdAt: r.created_at,
    createdBy: r.created_by,
    changes: parseChanges(r.changes),
  };
}

/** The `changes` column as stored (JSON text), for both SQL stores. */
export function changesColumn(c: VersionChanges | null | undefined): string | null {
  return c ? JSON.stringify(c) : null;
}

function parseChanges(text: string | null | undefined): VersionChanges | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as VersionChanges) : null;
  } catch {
    // A damaged summary is no reason to hide the version.
    return null;
  }
}
