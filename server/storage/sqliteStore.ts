/**
 * SQLite {@link Storage} on better-sqlite3 (WAL journal).
 *
 * Durability: every `appendUpdates` call is one transaction (the server groups the
 * updates that arrive in the same event-loop turn into one call). In WAL mode:
 * - `synchronous=NORMAL` (syncMode `normal`): a committed transaction is in the WAL
 *   file, i.e. handed to the OS, before the call returns — it survives kill -9 / a
 *   process crash, but the last transactions may be lost on power loss.
 * - `synchronous=FULL` (syncMode `full`): the WAL is fsynced at every commit — it also
 *   survives power loss, at the cost of one fsync per group.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SopStatus, TemplateId } from '../../shared/model/types.js';
import { digestOf } from './digest.js';
import { matchesQuery } from './metaUtil.js';
import { createSqliteQuarantine } from './sqliteQuarantine.js';
import type { DocMeta, ListOptions, RowRef, Storage, StoredDoc, UpdateEntry } from './types.js';

export interface SqliteStoreOptions {
  /** Path of the database file; its directory is created when missing. */
  file: string;
  syncMode?: 'normal' | 'full';
}

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
];

function addMissingColumns(db: Database.Database): void {
  for (const [table, column, def] of ADDED_COLUMNS) {
    const cols = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!cols.some((c) => c.name === column))
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${def}`);
  }
}

/** Open (creating if needed) the SQLite database and return a {@link Storage} over it. */
export function createSqliteStore(options: SqliteStoreOptions): Storage {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.syncMode === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addMissingColumns(db);
  const quarantine = createSqliteQuarantine(db);

  const q = {
    snapshot: db.prepare<[string], { snapshot: Buffer | null; snapshot_sha: string | null }>(
      'SELECT snapshot, snapshot_sha FROM docs WHERE id = ?',
    ),
    log: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq',
    ),
    ensureDoc: db.prepare<[string, string, string]>(
      'INSERT OR IGNORE INTO docs (id, created_at, updated_at) VALUES (?, ?, ?)',
    ),
    append: db.prepare<[string, Buffer]>('INSERT INTO updates (doc_id, data) VALUES (?, ?)'),
    setSnapshot: db.prepare<[Buffer, string, string]>(
      'UPDATE docs SET snapshot = ?, snapshot_sha = ? WHERE id = ?',
    ),
    adoptDigest: db.prepare<[string, string, Buffer]>(
      'UPDATE docs SET snapshot_sha = ? WHERE id = ? AND snapshot_sha IS NULL AND snapshot = ?',
    ),
    dropLog: db.prepare<[string]>('DELETE FROM updates WHERE doc_id = ?'),
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
    const seen = new Set<string>();
    for (const { docId, update } of entries) {
      if (!seen.has(docId)) {
        q.ensureDoc.run(docId, now, now);
        seen.add(docId);
      }
      q.append.run(docId, toBuffer(update));
    }
  });
  const replaceTx = db.transaction((docId: string, state: Uint8Array) => {
    const now = new Date().toISOString();
    q.ensureDoc.run(docId, now, now);
    q.setSnapshot.run(toBuffer(state), digestOf(state), docId);
    q.dropLog.run(docId);
  });
  let closed = false;

  return {
    async load(docId: string): Promise<StoredDoc | null> {
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
      };
    },
    async appendUpdates(entries: readonly UpdateEntry[]): Promise<void> {
      if (entries.length > 0) appendTx(entries);
    },
    async replaceState(docId: string, state: Uint8Array): Promise<void> {
      replaceTx(docId, state);
    },
    async createDoc(meta: DocMeta, state: Uint8Array): Promise<boolean> {
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
    async getMeta(docId: string): Promise<DocMeta | null> {
      const row = q.meta.get(docId);
      return row ? fromRow(row) : null;
    },
    async listMeta(opts: ListOptions = {}): Promise<DocMeta[]> {
      return q.list
        .all(opts.archived ? 1 : 0)
        .map(fromRow)
        .filter((m) => matchesQuery(m, opts.q));
    },
    async updateMeta(docId, fields): Promise<void> {
      const cols: string[] = [];
      const vals: Array<string | number> = [];
      const map: Record<string, string> = {
        name: 'name',
        number: 'number',
        status: 'status',
        stepCount: 'step_count',
        updatedAt: 'updated_at',
      };
      for (const [k, v] of Object.entries(fields)) {
        const col = map[k];
        if (col && v !== undefined) {
          cols.push(`${col} = ?`);
          vals.push(v as string | number);
        }
      }
      if (cols.length === 0) return;
      db.prepare(`UPDATE docs SET ${cols.join(', ')} WHERE id = ?`).run(...vals, docId);
    },
    async setArchived(docId: string, archived: boolean): Promise<boolean> {
      return q.archive.run(archived ? 1 : 0, docId).changes === 1;
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
    async getSetting(key: string): Promise<string | null> {
      return q.getSetting.get(key)?.value ?? null;
    },
    async setSetting(key: string, value: string): Promise<void> {
      q.setSetting.run(key, value);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // Fold the WAL back into the main file so a copied susun.db is complete on its own.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
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

/** Copy out of the Buffer pool into a plain Uint8Array (Yjs decoders dislike shared pools less than odd offsets). */
function toU8(b: Buffer): Uint8Array {
  return new Uint8Array(b);
}
