/**
 * The quarantine table of the SQLite store: stored rows that could not be decoded or
 * applied, moved out of a document's snapshot/log with their bytes and the reason, so
 * the document loads from the rest and nothing is destroyed (an operator can still
 * recover them by hand).
 */
import type Database from 'better-sqlite3';
import type { QuarantinedRow, QuarantineRequest } from './docLog.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS quarantine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS quarantine_by_doc ON quarantine (doc_id, id);
`;

interface Row {
  doc_id: string;
  at: string;
  reason: string;
  source: string;
  bytes: number;
}

export interface SqliteQuarantine {
  move(docId: string, rows: readonly QuarantineRequest[]): QuarantinedRow[];
  list(docId: string): QuarantinedRow[];
  count(): number;
}

export function createSqliteQuarantine(db: Database.Database): SqliteQuarantine {
  db.exec(SCHEMA);
  const q = {
    insert: db.prepare<[string, string, string, string, Buffer]>(
      'INSERT INTO quarantine (doc_id, at, reason, source, data) VALUES (?, ?, ?, ?, ?)',
    ),
    dropLogRow: db.prepare<[number, string]>('DELETE FROM updates WHERE seq = ? AND doc_id = ?'),
    // Only while the snapshot is still the one that was loaded (not compacted meanwhile).
    dropSnapshot: db.prepare<[string, Buffer]>(
      'UPDATE docs SET snapshot = NULL, snapshot_sha = NULL WHERE id = ? AND snapshot = ?',
    ),
    list: db.prepare<[string], Row>(
      'SELECT doc_id, at, reason, source, length(data) AS bytes FROM quarantine WHERE doc_id = ? ORDER BY id',
    ),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine'),
  };
  const moveTx = db.transaction((docId: string, rows: readonly QuarantineRequest[]) => {
    const at = new Date().toISOString();
    const moved: QuarantinedRow[] = [];
    for (const { row, data, reason } of rows) {
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const gone =
        row === 'snapshot' ? q.dropSnapshot.run(docId, buf) : q.dropLogRow.run(row, docId);
      if (gone.changes !== 1) continue;
      const source = row === 'snapshot' ? 'snapshot' : 'log';
      q.insert.run(docId, at, reason, source, buf);
      moved.push({ docId, at, reason, source, bytes: data.byteLength });
    }
    return moved;
  });
  return {
    move: (docId, rows) => (rows.length === 0 ? [] : moveTx(docId, rows)),
    list: (docId) =>
      q.list.all(docId).map((r) => ({
        docId: r.doc_id,
        at: r.at,
        reason: r.reason,
        source: r.source === 'snapshot' ? 'snapshot' : 'log',
        bytes: r.bytes,
      })),
    count: () => q.count.get()?.n ?? 0,
  };
}
