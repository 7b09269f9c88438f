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
import type Database from 'better-sqlite3';
import type { SopStatus, TemplateId } from '../../shared/model/types.js';
import { catalogueSql, pageSql } from '../catalogue/catalogueQuery.js';
import { digestOf } from './digest.js';
import type { AppendedRows, DocLog, RowRef, UpdateEntry } from './docLog.js';
import { matchesQuery, metaAssignments } from './metaUtil.js';
import type { SettingsStore } from './settings.js';
import type { CatalogueRow, DocMeta, SopIndex } from './sopIndex.js';
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

type CatalogueDbRow = MetaRow & { effective_date: string; review_date: string };

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

/**
 * The catalogue (issue 17), in two narrow tables of its own:
 * - `catalogue_rows`: the listing fields of every SOP again, with its dates (YYYY-MM-DD,
 *   '' none) — what filters, sorts and pages read;
 * - `catalogue_fts`: its lower-cased search text (see server/catalogue/catalogueFields.ts),
 *   an FTS5 table with the trigram tokenizer (rowid = the `catalogue_rows` rowid): a word
 *   of three characters or more is found as a substring through the trigram index instead
 *   of scanning every SOP's text (a scan of 5,000 SOPs' step text costs ~100 ms of CPU);
 *   shorter words are compared with instr(). No row until the document was summarized.
 * Why not columns of `docs`: there a row's listing fields sit behind its snapshot blob,
 * and once the blob spills over its page SQLite walks the overflow chain to reach them —
 * a catalogue query over 5,000 SOPs would read every snapshot (hundreds of ms instead of
 * a few); and a wide text column beside the listing fields would make every filter read
 * it too. Written in the same transaction as `docs`; filled once from `docs` for
 * databases made before it.
 */
const CATALOGUE_SCHEMA = `
CREATE TABLE IF NOT EXISTS catalogue_rows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  number TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  step_count INTEGER NOT NULL DEFAULT 0,
  template TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  effective_date TEXT NOT NULL DEFAULT '',
  review_date TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_fts USING fts5(search_text, tokenize = 'trigram');
`;
const CATALOGUE_FILLED = 'catalogue.rows.filled';
/** One search word in the text of the `catalogue_rows` row at hand (see above). */
function ftsMatch(term: string, param: (v: unknown) => string): string {
  if ([...term].length >= 3)
    return `catalogue_rows.rowid IN (SELECT rowid FROM catalogue_fts WHERE catalogue_fts MATCH ${param(`"${term.replaceAll('"', '""')}"`)})`;
  return `instr(coalesce((SELECT search_text FROM catalogue_fts f WHERE f.rowid = catalogue_rows.rowid), ''), ${param(term)}) > 0`;
}

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
  db.exec(CATALOGUE_SCHEMA);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM settings WHERE key = ?').get(CATALOGUE_FILLED)) return;
    db.exec(`INSERT OR IGNORE INTO catalogue_rows
        (id, name, number, status, step_count, template, created_at, updated_at, archived)
      SELECT id, name, number, status, step_count, template, created_at, updated_at, archived
        FROM docs WHERE template IS NOT NULL`);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(CATALOGUE_FILLED, '1');
  })();
  const quarantine = createSqliteQuarantine(db);
  // updateMeta's statements differ by the set of columns written: compiled once each (a
  // document being edited has its listing row written every few seconds).
  const statements = new Map<string, Database.Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(sql);
      statements.set(sql, st);
    }
    return st;
  };
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
    insertCatalogue: db.prepare(
      `INSERT OR REPLACE INTO catalogue_rows (id, name, number, status, step_count, template, created_at, updated_at, archived, effective_date, review_date)
       VALUES (@id, @name, @number, @status, @step_count, @template, @created_at, @updated_at, @archived, @effective_date, @review_date)`,
    ),
    dropSearchText: db.prepare<[string]>(
      'DELETE FROM catalogue_fts WHERE rowid = (SELECT rowid FROM catalogue_rows WHERE id = ?)',
    ),
    addSearchText: db.prepare<[string, string]>(
      `INSERT INTO catalogue_fts (rowid, search_text)
       SELECT rowid, ? FROM catalogue_rows WHERE id = ?`,
    ),
    isCatalogued: db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM catalogue_rows WHERE id = ?',
    ),
    archiveCatalogue: db.prepare<[number, string]>(
      'UPDATE catalogue_rows SET archived = ? WHERE id = ?',
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
      const row = {
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
        effective_date: meta.effectiveDate ?? '',
        review_date: meta.reviewDate ?? '',
        search_text: meta.searchText ?? null,
      };
      return db.transaction(() => {
        const { effective_date: _e, review_date: _r, search_text: text, ...doc } = row;
        if (q.insertDoc.run(doc).changes !== 1) return false;
        if (meta.template !== null) {
          const { search_text: _t, ...listing } = row;
          q.dropSearchText.run(meta.id);
          q.insertCatalogue.run(listing);
          if (text !== null) q.addSearchText.run(text, meta.id);
        }
        return true;
      })();
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
      const pick = (keep: (c: string) => boolean) =>
        cols.flatMap((c, i) => (keep(c) ? [[c, vals[i]!] as const] : []));
      const listing = pick((c) => !CATALOGUE_ONLY.has(c));
      const rows = pick((c) => c !== 'search_text');
      const text = pick((c) => c === 'search_text')[0]?.[1];
      const set = (xs: ReadonlyArray<readonly [string, unknown]>) =>
        xs.map(([c]) => `${c} = ?`).join(', ');
      db.transaction(() => {
        if (listing.length > 0)
          prepared(`UPDATE docs SET ${set(listing)} WHERE id = ?`).run(
            ...listing.map(([, v]) => v),
            docId,
          );
        if (rows.length > 0)
          prepared(`UPDATE catalogue_rows SET ${set(rows)} WHERE id = ?`).run(
            ...rows.map(([, v]) => v),
            docId,
          );
        // Search text only for listed SOPs (a catalogue row exists).
        if (text !== undefined && q.isCatalogued.get(docId)) {
          q.dropSearchText.run(docId);
          q.addSearchText.run(String(text), docId);
        }
      })();
    },
    async setArchived(docId, archived) {
      return db.transaction(() => {
        q.archiveCatalogue.run(archived ? 1 : 0, docId);
        return q.archive.run(archived ? 1 : 0, docId).changes === 1;
      })();
    },
    async queryCatalogue(query) {
      const { where, params, orderBy } = catalogueSql(query, 'sqlite', ftsMatch);
      // One read transaction: the page and the total are of the same moment.
      return db.transaction(() => {
        const rows = db
          .prepare<unknown[], CatalogueDbRow>(
            `SELECT ${CATALOGUE_COLS} FROM catalogue_rows WHERE ${where} ORDER BY ${orderBy} ${pageSql(query, 'sqlite')}`,
          )
          .all(...params);
        const total =
          query.limit === undefined && !query.offset
            ? rows.length
            : (db
                .prepare<unknown[], { n: number }>(
                  `SELECT count(*) AS n FROM catalogue_rows WHERE ${where}`,
                )
                .get(...params)?.n ?? 0);
        return { rows: rows.map(fromCatalogueRow), total };
      })();
    },
    async catalogueFacts(query) {
      const { where, params } = catalogueSql(query, 'sqlite', ftsMatch);
      return db
        .prepare<unknown[], { id: string; status: string; review_date: string }>(
          `SELECT id, status, review_date FROM catalogue_rows WHERE ${where}`,
        )
        .all(...params)
        .map((r) => ({ id: r.id, status: r.status as SopStatus, reviewDate: r.review_date }));
    },
    async unindexed(limit) {
      return db
        .prepare<[number], { id: string }>(
          `SELECT id FROM catalogue_rows r
           WHERE NOT EXISTS (SELECT 1 FROM catalogue_fts f WHERE f.rowid = r.rowid) ORDER BY id LIMIT ?`,
        )
        .all(Math.max(0, Math.floor(limit)))
        .map((r) => r.id);
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

/** Columns only the catalogue table has. */
const CATALOGUE_ONLY = new Set(['effective_date', 'review_date', 'search_text']);

const CATALOGUE_COLS =
  'id, name, number, status, step_count, template, created_at, updated_at, archived, effective_date, review_date';

function fromCatalogueRow(r: CatalogueDbRow): CatalogueRow {
  return { ...fromRow(r), effectiveDate: r.effective_date, reviewDate: r.review_date };
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** Copy out of the Buffer pool into a plain Uint8Array. */
function toU8(b: Buffer): Uint8Array {
  return new Uint8Array(b);
}
