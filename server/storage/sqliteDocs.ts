/**
 * SQLite {@link DocLog}, {@link SopIndex} and {@link SettingsStore} on the server's one
 * better-sqlite3 connection (`sqliteDb.ts`). Tables: `docs` (listing row + snapshot),
 * `updates` (the log; `seq` is its sequence number), `quarantine`, `settings`.
 *
 * Durability: every `append` call is one transaction (the server groups the updates that
 * arrive in the same event-loop turn into one call). In WAL mode:
 * - `synchronous=NORMAL` (syncMode `normal`): a committed transaction is in the WAL
 *   file, i.e. handed to the OS, before the call returns — it survives kill -9 / a
 *   process crash, but the last transactions may be lost on power loss.
 * - `synchronous=FULL` (syncMode `full`): the WAL is fsynced at every commit — it also
 *   survives power loss, at the cost of one fsync per group.
 * better-sqlite3 is synchronous and there is one connection, so sequence numbers are
 * handed out and committed in the same order.
 */
import type { SopStatus, TemplateId } from '../../shared/model/types.js';
import { digestOf } from './digest.js';
import type { AppendedRows, DocLog, RowRef, UpdateEntry } from './docLog.js';
import { matchesQuery, metaAssignments } from './metaUtil.js';
import type { SettingsStore } from './settings.js';
import type { DocMeta, SopIndex } from './sopIndex.js';
import type { SqliteDb } from './sqliteDb.js';
import { createSqliteQuarantine } from './sqliteQuarantine.js';

interface MetaRow {
  id: string;
  name: string;
  number: string;
  status: string;
  step_count: number;
  template: string | null;
  created_at: string;
  updated_at: string;
  archived: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  id TEXT PRIMARY KEY,
  snapshot BLOB,
  name TEXT NOT NULL DEFAULT '',
  number TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  step_count INTEGER NOT NULL DEFAULT 0,
  template TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc_id, seq);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Columns added after the first release: [table, column, definition]. */
const ADDED_COLUMNS: ReadonlyArray<[string, string, string]> = [
  // SHA-256 of `snapshot` when it was written (issue 12); NULL for older snapshots.
  ['docs', 'snapshot_sha', 'TEXT'],
  // Sequence number the snapshot covers (issue 13); 0 for older snapshots.
  ['docs', 'snapshot_seq', 'INTEGER NOT NULL DEFAULT 0'],
];

function addMissingColumns(db: SqliteDb): void {
  for (const [table, column, def] of ADDED_COLUMNS) {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!cols.some((c) => c.name === column))
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${def}`);
  }
}

export interface SqliteDocStores {
  docLog: DocLog;
  index: SopIndex;
  settings: SettingsStore;
}

/** Creates the tables when missing and returns the three stores over `db` (not closed by them). */
export function createSqliteDocStores(db: SqliteDb): SqliteDocStores {
  db.exec(SCHEMA);
  addMissingColumns(db);
  const quarantine = createSqliteQuarantine(db);
  const q = {
    snapshot: db.prepare<
      [string],
      { snapshot: Buffer | null; snapshot_sha: string | null; snapshot_seq: number }
    >('SELECT snapshot, snapshot_sha, snapshot_seq FROM docs WHERE id = ?'),
    log: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq',
    ),
    ensureDoc: db.prepare<[string, string, string]>(
      'INSERT OR IGNORE INTO docs (id, created_at, updated_at) VALUES (?, ?, ?)',
    ),
    append: db.prepare<[string, Buffer]>('INSERT INTO updates (doc_id, data) VALUES (?, ?)'),
    // The document's last sequence number: its last log row's, or the snapshot's.
    lastSeq: db.prepare<[string, string], { seq: number }>(
      `SELECT max(coalesce((SELECT max(seq) FROM updates WHERE doc_id = ?), 0),
         coalesce((SELECT snapshot_seq FROM docs WHERE id = ?), 0)) AS seq`,
    ),
    logSince: db.prepare<[string, number], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
    ),
    snapshotSeq: db.prepare<[string], { snapshot_seq: number }>(
      'SELECT snapshot_seq FROM docs WHERE id = ?',
    ),
    // The snapshot records the last row it replaced (a caller may pass "everything so far").
    setSnapshot: db.prepare<[Buffer, string, string, number, string]>(
      `UPDATE docs SET snapshot = ?, snapshot_sha = ?, snapshot_seq = max(snapshot_seq,
         coalesce((SELECT max(seq) FROM updates WHERE doc_id = ? AND seq <= ?), 0)) WHERE id = ?`,
    ),
    dropLogUpTo: db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
    adoptDigest: db.prepare<[string, string, Buffer]>(
      'UPDATE docs SET snapshot_sha = ? WHERE id = ? AND snapshot_sha IS NULL AND snapshot = ?',
    ),
    insertDoc: db.prepare(
      `INSERT OR IGNORE INTO docs (id, snapshot, snapshot_sha, name, number, status, step_count, template, created_at, updated_at, archived)
       VALUES (@id, @snapshot, @snapshot_sha, @name, @number, @status, @step_count, @template, @created_at, @updated_at, @archived)`,
    ),
    meta: db.prepare<[string], MetaRow>(
      'SELECT id, name, number, status, step_count, template, created_at, updated_at, archived FROM docs WHERE id = ?',
    ),
    list: db.prepare<[number], MetaRow>(
      'SELECT id, name, number, status, step_count, template, created_at, updated_at, archived FROM docs WHERE archived = ? AND template IS NOT NULL ORDER BY updated_at DESC, id',
    ),
    archive: db.prepare<[number, string]>('UPDATE docs SET archived = ? WHERE id = ?'),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
  };

  const appendTx = db.transaction((entries: readonly UpdateEntry[]) => {
    const now = new Date().toISOString();
    const last = new Map<string, AppendedRows>();
    for (const { docId, update } of entries) {
      let prevSeq = last.get(docId)?.prevSeq;
      if (prevSeq === undefined) {
        q.ensureDoc.run(docId, now, now);
        prevSeq = q.lastSeq.get(docId, docId)?.seq ?? 0;
      }
      const seq = Number(q.append.run(docId, toBuffer(update)).lastInsertRowid);
      last.set(docId, { seq, prevSeq });
    }
    return last;
  });
  const sinceTx = db.transaction((docId: string, afterSeq: number) => {
    const row = q.snapshot.get(docId);
    const log = q.logSince.all(docId, afterSeq);
    if (!row && log.length === 0) return null;
    const updates: Uint8Array[] = [];
    if (row?.snapshot && row.snapshot_seq > afterSeq) updates.push(toU8(row.snapshot));
    for (const r of log) updates.push(toU8(r.data));
    const lastSeq = Math.max(afterSeq, log.at(-1)?.seq ?? 0, row?.snapshot_seq ?? 0);
    return { updates, lastSeq };
  });
  const replaceTx = db.transaction((docId: string, state: Uint8Array, upToSeq: number) => {
    const now = new Date().toISOString();
    q.ensureDoc.run(docId, now, now);
    if (upToSeq < (q.snapshotSeq.get(docId)?.snapshot_seq ?? 0)) return false;
    q.setSnapshot.run(toBuffer(state), digestOf(state), docId, upToSeq, docId);
    q.dropLogUpTo.run(docId, upToSeq);
    return true;
  });

  const docLog: DocLog = {
    async load(docId) {
      // One read transaction, so the snapshot and the log are of the same moment.
      return db.transaction(() => {
        const row = q.snapshot.get(docId);
        const log = q.log.all(docId);
        // A docs row exists once anything was stored (even if all of it was quarantined since).
        if (!row && log.length === 0) return null;
        const snap = row?.snapshot ?? null;
        const updates = log.map((r) => toU8(r.data));
        const rows: RowRef[] = log.map((r) => r.seq);
        if (snap) {
          updates.unshift(toU8(snap));
          rows.unshift('snapshot');
        }
        return {
          updates,
          rows,
          logLength: log.length,
          bytes: updates.reduce((s, u) => s + u.length, 0),
          snapshotDigest: snap ? (row?.snapshot_sha ?? null) : null,
          lastSeq: log.at(-1)?.seq ?? row?.snapshot_seq ?? 0,
        };
      })();
    },
    async append(entries) {
      return entries.length > 0 ? appendTx(entries) : new Map();
    },
    async readSince(docId, afterSeq) {
      return sinceTx(docId, afterSeq);
    },
    async replaceUpTo(docId, state, upToSeq) {
      return replaceTx(docId, state, upToSeq);
    },
    async quarantine(docId, rows) {
      return quarantine.move(docId, rows);
    },
    async listQuarantined(docId) {
      return quarantine.list(docId);
    },
    async countQuarantined() {
      return quarantine.count();
    },
    async adoptSnapshotDigest(docId, snapshot) {
      q.adoptDigest.run(digestOf(snapshot), docId, toBuffer(snapshot));
    },
    async close() {},
  };

  const index: SopIndex = {
    async createDoc(meta, state) {
      const r = q.insertDoc.run({
        id: meta.id,
        snapshot: toBuffer(state),
        snapshot_sha: digestOf(state),
        name: meta.name,
        number: meta.number,
        status: meta.status,
        step_count: meta.stepCount,
        template: meta.template,
        created_at: meta.createdAt,
        updated_at: meta.updatedAt,
        archived: meta.archived ? 1 : 0,
      });
      return r.changes === 1;
    },
    async getMeta(docId) {
      const row = q.meta.get(docId);
      return row ? fromRow(row) : null;
    },
    async listMeta(opts = {}) {
      return q.list
        .all(opts.archived ? 1 : 0)
        .map(fromRow)
        .filter((m) => matchesQuery(m, opts.q));
    },
    async updateMeta(docId, fields) {
      const [cols, vals] = metaAssignments(fields);
      if (cols.length === 0) return;
      db.prepare(`UPDATE docs SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
        ...vals,
        docId,
      );
    },
    async setArchived(docId, archived) {
      return q.archive.run(archived ? 1 : 0, docId).changes === 1;
    },
  };

  const settings: SettingsStore = {
    async getSetting(key) {
      return q.getSetting.get(key)?.value ?? null;
    },
    async setSetting(key, value) {
      q.setSetting.run(key, value);
    },
  };
  return { docLog, index, settings };
}

function fromRow(r: MetaRow): DocMeta {
  return {
    id: r.id,
    name: r.name,
    number: r.number,
    status: r.status as SopStatus,
    stepCount: r.step_count,
    template: r.template as TemplateId | null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archived: r.archived === 1,
  };
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Copy out of the Buffer pool into a plain Uint8Array. */
function toU8(b: Buffer): Uint8Array {
  return new Uint8Array(b);
}
