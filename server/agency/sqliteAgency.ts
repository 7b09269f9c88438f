/**
 * SQLite {@link AgencyStore} on the server's one better-sqlite3 connection
 * (`server/storage/sqliteDb.ts`). Tables (created when missing): `agency_files` (the
 * logo), `agency_counters`, `sop_numbers`, `verifications`.
 *
 * Atomicity: better-sqlite3 is synchronous and the connection is the process's only one,
 * so each statement (and each `db.transaction`) runs alone; the counter is one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement, atomic in the database itself
 * (a second process on the same file would wait on SQLite's write lock, not race).
 */
import type { SqliteDb } from '../storage/sqliteDb.js';
import { type AgencyStore, type LogoMime, numberKey, type VerificationRecord } from './types.js';
import { rowToVerification, type VerificationRow, verificationToRow } from './verificationRows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agency_files (
  key TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  data BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS agency_counters (scope TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sop_numbers (
  number_key TEXT PRIMARY KEY,
  sop_id TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS verifications (
  code TEXT PRIMARY KEY,
  sop_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  sop_number TEXT NOT NULL,
  sop_name TEXT NOT NULL,
  approver_name TEXT NOT NULL,
  approver_title TEXT NOT NULL,
  approver_nip TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  UNIQUE (sop_id, version)
);
`;

const LOGO = 'logo';

export function createSqliteAgency(db: SqliteDb): AgencyStore {
  db.exec(SCHEMA);
  const q = {
    getLogo: db.prepare<[string], { mime: string; data: Buffer; updated_at: string }>(
      'SELECT mime, data, updated_at FROM agency_files WHERE key = ?',
    ),
    setLogo: db.prepare<[string, string, Buffer, string]>(
      `INSERT INTO agency_files (key, mime, data, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET mime = excluded.mime, data = excluded.data,
         updated_at = excluded.updated_at`,
    ),
    deleteLogo: db.prepare<[string]>('DELETE FROM agency_files WHERE key = ?'),
    nextSeq: db.prepare<[string], { value: number }>(
      `INSERT INTO agency_counters (scope, value) VALUES (?, 1)
       ON CONFLICT(scope) DO UPDATE SET value = value + 1 RETURNING value`,
    ),
    owner: db.prepare<[string], { sop_id: string }>(
      'SELECT sop_id FROM sop_numbers WHERE number_key = ?',
    ),
    release: db.prepare<[string]>('DELETE FROM sop_numbers WHERE sop_id = ?'),
    insertNumber: db.prepare<[string, string, string]>(
      'INSERT INTO sop_numbers (number_key, sop_id, number) VALUES (?, ?, ?)',
    ),
    addVerification: db.prepare(
      `INSERT OR IGNORE INTO verifications (code, sop_id, version_id, version, sop_number,
         sop_name, approver_name, approver_title, approver_nip, approved_at, effective_date, sha256)
       VALUES (@code, @sop_id, @version_id, @version, @sop_number, @sop_name, @approver_name,
         @approver_title, @approver_nip, @approved_at, @effective_date, @sha256)`,
    ),
    getVerification: db.prepare<[string], VerificationRow>(
      'SELECT * FROM verifications WHERE code = ?',
    ),
    listVerifications: db.prepare<[string], VerificationRow>(
      'SELECT * FROM verifications WHERE sop_id = ? ORDER BY version',
    ),
  };

  const claimTx = db.transaction((sopId: string, number: string): 'ok' | 'taken' => {
    const key = numberKey(number);
    const owner = q.owner.get(key)?.sop_id;
    if (owner !== undefined && owner !== sopId) return 'taken';
    q.release.run(sopId);
    q.insertNumber.run(key, sopId, number.trim());
    return 'ok';
  });

  return {
    async getLogo() {
      const r = q.getLogo.get(LOGO);
      return r
        ? { mime: r.mime as LogoMime, data: new Uint8Array(r.data), updatedAt: r.updated_at }
        : null;
    },
    async setLogo(l) {
      q.setLogo.run(LOGO, l.mime, Buffer.from(l.data), l.updatedAt);
    },
    async deleteLogo() {
      q.deleteLogo.run(LOGO);
    },
    async nextSeq(scope) {
      return (q.nextSeq.get(scope) as { value: number }).value;
    },
    async claimNumber(sopId, number) {
      return claimTx(sopId, number);
    },
    async releaseNumber(sopId) {
      q.release.run(sopId);
    },
    async numberOwner(number) {
      return q.owner.get(numberKey(number))?.sop_id ?? null;
    },
    async addVerification(v: VerificationRecord) {
      return q.addVerification.run(verificationToRow(v)).changes === 1;
    },
    async getVerification(code) {
      const r = q.getVerification.get(code);
      return r ? rowToVerification(r) : null;
    },
    async listVerifications(sopId) {
      return q.listVerifications.all(sopId).map(rowToVerification);
    },
  };
}
