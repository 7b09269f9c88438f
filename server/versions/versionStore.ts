/**
 * Version stores: SQLite (table `versions` in the server's database file, on
 * its own connection) and in-memory. Same contract (see
 * test/unit/review-versionStore.test.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SopSnapshot } from '../../shared/model/types.js';
import type { Version, VersionKind, VersionMeta, VersionStore } from './types.js';

export type { NewVersion, Version, VersionKind, VersionMeta, VersionStore } from './types.js';
export { VERSION_KINDS } from './types.js';

/** A short random version id (base64url, 12 chars). */
export function newVersionId(): string {
  return randomBytes(9).toString('base64url');
}

function meta(v: Version): VersionMeta {
  return {
    id: v.id,
    sopId: v.sopId,
    label: v.label,
    kind: v.kind,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
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
      };
      rows.push(row);
      return meta(row);
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
        .map(({ r }) => meta(r));
    },
    async get(sopId, versionId) {
      const r = rows.find((x) => x.id === versionId && x.sopId === sopId);
      return r
        ? {
            ...r,
            state: new Uint8Array(r.state),
            snapshot: structuredClone(r.snapshot),
            summary: structuredClone(r.summary),
          }
        : null;
    },
    async close() {},
  };
}

interface Row {
  id: string;
  sop_id: string;
  label: string;
  kind: string;
  created_at: string;
  created_by: string | null;
}

interface FullRow extends Row {
  state: Buffer;
  snapshot: string;
  summary: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS versions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  sop_id TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  state BLOB NOT NULL,
  snapshot TEXT NOT NULL,
  summary TEXT
);
CREATE INDEX IF NOT EXISTS versions_by_sop ON versions (sop_id, created_at, seq);
`;

export interface SqliteVersionStoreOptions {
  /** The database file (normally `<dataDir>/susun.db`, shared with the document store). */
  file: string;
  syncMode?: 'normal' | 'full';
}

/**
 * SQLite store. It opens its own connection to the (possibly shared) database
 * file: WAL lets this connection and the document store's write without
 * blocking readers; `busy_timeout` makes a writer wait for the other
 * connection's short transactions instead of failing with SQLITE_BUSY.
 */
export function createSqliteVersionStore(opts: SqliteVersionStoreOptions): VersionStore {
  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${opts.syncMode === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const q = {
    insert: db.prepare(
      `INSERT INTO versions (id, sop_id, label, kind, created_at, created_by, state, snapshot, summary)
       VALUES (@id, @sop_id, @label, @kind, @created_at, @created_by, @state, @snapshot, @summary)`,
    ),
    list: db.prepare<[string], Row>(
      `SELECT id, sop_id, label, kind, created_at, created_by FROM versions
       WHERE sop_id = ? ORDER BY created_at DESC, seq DESC`,
    ),
    get: db.prepare<[string, string], FullRow>(
      `SELECT id, sop_id, label, kind, created_at, created_by, state, snapshot, summary
       FROM versions WHERE sop_id = ? AND id = ?`,
    ),
  };
  const toMeta = (r: Row): VersionMeta => ({
    id: r.id,
    sopId: r.sop_id,
    label: r.label,
    kind: r.kind as VersionKind,
    createdAt: r.created_at,
    createdBy: r.created_by,
  });
  let closed = false;
  return {
    async add(v) {
      const row = {
        id: newVersionId(),
        sop_id: v.sopId,
        label: v.label,
        kind: v.kind,
        created_at: (v.createdAt ?? new Date()).toISOString(),
        created_by: v.createdBy,
        state: Buffer.from(v.state.buffer, v.state.byteOffset, v.state.byteLength),
        snapshot: JSON.stringify(v.snapshot),
        summary: v.summary === undefined || v.summary === null ? null : JSON.stringify(v.summary),
      };
      // Synchronous: committed (in the WAL) when run() returns.
      q.insert.run(row);
      return toMeta(row);
    },
    async list(sopId) {
      return q.list.all(sopId).map(toMeta);
    },
    async get(sopId, versionId) {
      const r = q.get.get(sopId, versionId);
      if (!r) return null;
      return {
        ...toMeta(r),
        state: new Uint8Array(r.state),
        snapshot: JSON.parse(r.snapshot) as SopSnapshot,
        summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
