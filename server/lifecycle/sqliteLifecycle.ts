/**
 * SQLite {@link LifecycleStore} on the server's one better-sqlite3 connection; tables
 * created when missing. better-sqlite3 is synchronous, so `updateRecord` (read, change,
 * write in one `db.transaction`) runs alone; a second process on the file waits on
 * SQLite's write lock (`BEGIN IMMEDIATE`).
 */
import type { Acknowledgement, LinkFlag, LinkRow } from '../../shared/lifecycle/types.js';
import type { SqliteDb } from '../storage/sqliteDb.js';
import type { LifecycleStore, RecordKind, StoredRecord } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lc_links (
  source_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (source_id, item_id)
);
CREATE INDEX IF NOT EXISTS lc_links_target ON lc_links (target_id);
CREATE TABLE IF NOT EXISTS lc_flags (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  confirmed_at TEXT,
  confirmed_by TEXT
);
CREATE INDEX IF NOT EXISTS lc_flags_source ON lc_flags (source_id, confirmed_at);
CREATE TABLE IF NOT EXISTS lc_sop_state (
  sop_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  version_key TEXT NOT NULL,
  effective_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lc_records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  sop_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS lc_records_sop ON lc_records (kind, sop_id, created_at);
CREATE TABLE IF NOT EXISTS lc_acks (
  sop_id TEXT NOT NULL,
  version_key TEXT NOT NULL,
  user_id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (sop_id, version_key, user_id)
);
`;

interface LinkDb {
  source_id: string;
  item_id: string;
  target_id: string;
  type: string;
}
interface FlagDb {
  id: string;
  source_id: string;
  target_id: string;
  reason: string;
  at: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
}
interface RecordDb {
  kind: string;
  id: string;
  sop_id: string;
  created_at: string;
  data: string;
}
interface AckDb {
  sop_id: string;
  version_key: string;
  user_id: string;
  at: string;
}

export const linkOf = (r: LinkDb): LinkRow => ({
  sourceId: r.source_id,
  itemId: r.item_id,
  targetId: r.target_id,
  type: r.type as LinkRow['type'],
});
export const flagOf = (r: FlagDb): LinkFlag => ({
  id: r.id,
  sourceId: r.source_id,
  targetId: r.target_id,
  reason: r.reason as LinkFlag['reason'],
  at: r.at,
  confirmedAt: r.confirmed_at,
  confirmedBy: r.confirmed_by,
});
export const recordOf = <T>(r: RecordDb): StoredRecord<T> => ({
  kind: r.kind as RecordKind,
  id: r.id,
  sopId: r.sop_id,
  createdAt: r.created_at,
  data: JSON.parse(r.data) as T,
});
export const ackOf = (r: AckDb): Acknowledgement => ({
  sopId: r.sop_id,
  versionKey: r.version_key,
  userId: r.user_id,
  at: r.at,
});
export type { AckDb, FlagDb, LinkDb, RecordDb };

export function createSqliteLifecycle(db: SqliteDb): LifecycleStore {
  db.exec(SCHEMA);
  const q = {
    delLinks: db.prepare<[string]>('DELETE FROM lc_links WHERE source_id = ?'),
    addLink: db.prepare<[string, string, string, string]>(
      'INSERT OR REPLACE INTO lc_links (source_id, item_id, target_id, type) VALUES (?, ?, ?, ?)',
    ),
    from: db.prepare<[string], LinkDb>(
      'SELECT * FROM lc_links WHERE source_id = ? ORDER BY item_id',
    ),
    to: db.prepare<[string], LinkDb>(
      'SELECT * FROM lc_links WHERE target_id = ? ORDER BY source_id, item_id',
    ),
    all: db.prepare<[], LinkDb>('SELECT * FROM lc_links ORDER BY source_id, item_id'),
    addFlag: db.prepare<[string, string, string, string, string, string | null, string | null]>(
      `INSERT INTO lc_flags (id, source_id, target_id, reason, at, confirmed_at, confirmed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    confirm: db.prepare<[string, string, string, string | null, string | null]>(
      `UPDATE lc_flags SET confirmed_at = ?, confirmed_by = ?
       WHERE source_id = ? AND confirmed_at IS NULL AND (? IS NULL OR target_id = ?)`,
    ),
    getState: db.prepare<[string], { status: string; version_key: string; effective_date: string }>(
      'SELECT status, version_key, effective_date FROM lc_sop_state WHERE sop_id = ?',
    ),
    setState: db.prepare<[string, string, string, string]>(
      `INSERT INTO lc_sop_state (sop_id, status, version_key, effective_date) VALUES (?, ?, ?, ?)
       ON CONFLICT(sop_id) DO UPDATE SET status = excluded.status,
         version_key = excluded.version_key, effective_date = excluded.effective_date`,
    ),
    insertState: db.prepare<[string, string, string, string]>(
      `INSERT INTO lc_sop_state (sop_id, status, version_key, effective_date) VALUES (?, ?, ?, ?)
       ON CONFLICT(sop_id) DO NOTHING`,
    ),
    casState: db.prepare<[string, string, string, string, string, string, string]>(
      `UPDATE lc_sop_state SET status = ?, version_key = ?, effective_date = ?
       WHERE sop_id = ? AND status = ? AND version_key = ? AND effective_date = ?`,
    ),
    insertRec: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO lc_records (kind, id, sop_id, created_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, id) DO NOTHING`,
    ),
    putRec: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO lc_records (kind, id, sop_id, created_at, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, id) DO UPDATE SET sop_id = excluded.sop_id,
         created_at = excluded.created_at, data = excluded.data`,
    ),
    getRec: db.prepare<[string, string], RecordDb>(
      'SELECT * FROM lc_records WHERE kind = ? AND id = ?',
    ),
    listRec: db.prepare<[string], RecordDb>(
      'SELECT * FROM lc_records WHERE kind = ? ORDER BY created_at, id',
    ),
    listRecSop: db.prepare<[string, string], RecordDb>(
      'SELECT * FROM lc_records WHERE kind = ? AND sop_id = ? ORDER BY created_at, id',
    ),
    setData: db.prepare<[string, string, string]>(
      'UPDATE lc_records SET data = ? WHERE kind = ? AND id = ?',
    ),
    addAck: db.prepare<[string, string, string, string]>(
      `INSERT INTO lc_acks (sop_id, version_key, user_id, at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    acks: db.prepare<[string, string], AckDb>(
      'SELECT * FROM lc_acks WHERE sop_id = ? AND version_key = ? ORDER BY at, user_id',
    ),
  };
  const replace = db.transaction((sourceId: string, rows: readonly LinkRow[]) => {
    q.delLinks.run(sourceId);
    for (const r of rows) q.addLink.run(sourceId, r.itemId, r.targetId, r.type);
  });
  const update = db.transaction((kind: string, id: string, fn: (d: unknown) => unknown) => {
    const row = q.getRec.get(kind, id);
    if (!row) return { found: false as const };
    const next = fn(JSON.parse(row.data));
    q.setData.run(JSON.stringify(next), kind, id);
    return { found: true as const, next };
  });
  return {
    async replaceLinks(sourceId, rows) {
      replace.immediate(sourceId, rows);
    },
    async linksFrom(sourceId) {
      return q.from.all(sourceId).map(linkOf);
    },
    async linksTo(targetId) {
      return q.to.all(targetId).map(linkOf);
    },
    async allLinks() {
      return q.all.all().map(linkOf);
    },
    async addFlag(f) {
      q.addFlag.run(f.id, f.sourceId, f.targetId, f.reason, f.at, f.confirmedAt, f.confirmedBy);
    },
    async listFlags(filter) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.sourceId !== undefined) {
        where.push('source_id = ?');
        args.push(filter.sourceId);
      }
      if (filter.open) where.push('confirmed_at IS NULL');
      const sql = `SELECT * FROM lc_flags ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, id`;
      return db
        .prepare<string[], FlagDb>(sql)
        .all(...args)
        .map(flagOf);
    },
    async confirmFlags(sourceId, targetId, by, at) {
      return q.confirm.run(at, by, sourceId, targetId, targetId).changes;
    },
    async getSopState(sopId) {
      const r = q.getState.get(sopId);
      return r
        ? { status: r.status, versionKey: r.version_key, effectiveDate: r.effective_date }
        : null;
    },
    async setSopState(sopId, s) {
      q.setState.run(sopId, s.status, s.versionKey, s.effectiveDate);
    },
    async replaceSopState(sopId, e, n) {
      const r = e
        ? q.casState.run(
            n.status,
            n.versionKey,
            n.effectiveDate,
            sopId,
            e.status,
            e.versionKey,
            e.effectiveDate,
          )
        : q.insertState.run(sopId, n.status, n.versionKey, n.effectiveDate);
      return r.changes > 0;
    },
    async insertRecord(r) {
      return (
        q.insertRec.run(r.kind, r.id, r.sopId, r.createdAt, JSON.stringify(r.data)).changes > 0
      );
    },
    async putRecord(r) {
      q.putRec.run(r.kind, r.id, r.sopId, r.createdAt, JSON.stringify(r.data));
    },
    async getRecord<T>(kind: RecordKind, id: string) {
      const r = q.getRec.get(kind, id);
      return r ? recordOf<T>(r) : null;
    },
    async listRecords<T>(kind: RecordKind, sopId?: string) {
      const rows = sopId === undefined ? q.listRec.all(kind) : q.listRecSop.all(kind, sopId);
      return rows.map((r) => recordOf<T>(r));
    },
    async updateRecord<T>(kind: RecordKind, id: string, fn: (data: T) => T) {
      const out = update.immediate(kind, id, fn as (d: unknown) => unknown);
      return out.found ? (out.next as T) : null;
    },
    async addAck(a) {
      return q.addAck.run(a.sopId, a.versionKey, a.userId, a.at).changes > 0;
    },
    async listAcks(sopId, versionKey) {
      return q.acks.all(sopId, versionKey).map(ackOf);
    },
  };
}
