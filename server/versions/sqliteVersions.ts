/**
 * SQLite {@link VersionStore}: table `versions` on the server's one better-sqlite3
 * connection (`server/storage/sqliteDb.ts`), shared with every other store.
 */
import type { SopSnapshot } from '../../shared/model/types.js';
import type { SqliteDb } from '../storage/sqliteDb.js';
import type { VersionStore } from './types.js';
import { changesColumn, newVersionId, rowToVersionMeta } from './versionStore.js';

interface Row {
  id: string;
  sop_id: string;
  label: string;
  kind: string;
  created_at: string;
  created_by: string | null;
  changes: string | null;
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

/**
 * Columns added after the table was first released (issue 16: `changes`, the summary of
 * what changed since the previous version), added in place to an older database.
 */
function addMissingColumns(db: SqliteDb): void {
  const have = new Set(
    (db.prepare(`PRAGMA table_info(versions)`).all() as Array<{ name: string }>).map((c) => c.name),
  );
  if (!have.has('changes')) db.exec(`ALTER TABLE versions ADD COLUMN changes TEXT`);
}

/** Creates the table when missing; the connection is closed by its opener, not by `close()`. */
export function createSqliteVersionStore(db: SqliteDb): VersionStore {
  db.exec(SCHEMA);
  addMissingColumns(db);
  const q = {
    insert: db.prepare(
      `INSERT INTO versions (id, sop_id, label, kind, created_at, created_by, state, snapshot, summary, changes)
       VALUES (@id, @sop_id, @label, @kind, @created_at, @created_by, @state, @snapshot, @summary, @changes)`,
    ),
    list: db.prepare<[string], Row>(
      `SELECT id, sop_id, label, kind, created_at, created_by, changes FROM versions
       WHERE sop_id = ? ORDER BY created_at DESC, seq DESC`,
    ),
    get: db.prepare<[string, string], FullRow>(
      `SELECT id, sop_id, label, kind, created_at, created_by, state, snapshot, summary, changes
       FROM versions WHERE sop_id = ? AND id = ?`,
    ),
  };
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
        changes: changesColumn(v.changes),
      };
      // Synchronous: committed (in the WAL) when run() returns.
      q.insert.run(row);
      return rowToVersionMeta(row);
    },
    async list(sopId) {
      return q.list.all(sopId).map(rowToVersionMeta);
    },
    async get(sopId, versionId) {
      const r = q.get.get(sopId, versionId);
      if (!r) return null;
      return {
        ...rowToVersionMeta(r),
        state: new Uint8Array(r.state),
        snapshot: JSON.parse(r.snapshot) as SopSnapshot,
        summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
      };
    },
    async close() {},
  };
}
