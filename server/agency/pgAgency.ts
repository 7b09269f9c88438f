/**
 * PostgreSQL {@link AgencyStore} on the server's one pool; tables from migration 2
 * (`server/storage/pgMigrations.ts`).
 *
 * Atomicity across processes: the counter is one `INSERT … ON CONFLICT DO UPDATE …
 * RETURNING` statement (the row lock serialises concurrent increments, each sees the
 * other's committed value); a number is claimed in one transaction whose unique keys
 * (`number_key`, `sop_id`) refuse a second owner even when two processes race.
 */
import { type PgPool, toBytea, withTransaction } from '../storage/pgDb.js';
import { type AgencyStore, type LogoMime, numberKey } from './types.js';
import {
  rowToVerification,
  VERIFICATION_COLUMNS,
  type VerificationRow,
  verificationToRow,
} from './verificationRows.js';

const LOGO = 'logo';

/** SQLSTATE of a unique-key violation. */
const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

export function createPgAgency(pool: PgPool): AgencyStore {
  return {
    async getLogo() {
      const { rows } = await pool.query<{ mime: string; data: Buffer; updated_at: string }>(
        'SELECT mime, data, updated_at FROM agency_files WHERE key = $1',
        [LOGO],
      );
      const r = rows[0];
      return r
        ? { mime: r.mime as LogoMime, data: new Uint8Array(r.data), updatedAt: r.updated_at }
        : null;
    },
    async setLogo(l) {
      await pool.query(
        `INSERT INTO agency_files (key, mime, data, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET mime = excluded.mime, data = excluded.data,
           updated_at = excluded.updated_at`,
        [LOGO, l.mime, toBytea(l.data), l.updatedAt],
      );
    },
    async deleteLogo() {
      await pool.query('DELETE FROM agency_files WHERE key = $1', [LOGO]);
    },
    async nextSeq(scope) {
      const { rows } = await pool.query<{ value: string }>(
        `INSERT INTO agency_counters (scope, value) VALUES ($1, 1)
         ON CONFLICT (scope) DO UPDATE SET value = agency_counters.value + 1 RETURNING value`,
        [scope],
      );
      return Number(rows[0]?.value);
    },
    async claimNumber(sopId, number) {
      const key = numberKey(number);
      try {
        return await withTransaction(pool, async (c) => {
          const { rows } = await c.query<{ sop_id: string }>(
            'SELECT sop_id FROM sop_numbers WHERE number_key = $1 FOR UPDATE',
            [key],
          );
          const owner = rows[0]?.sop_id;
          if (owner !== undefined && owner !== sopId) return 'taken' as const;
          await c.query('DELETE FROM sop_numbers WHERE sop_id = $1', [sopId]);
          await c.query(
            'INSERT INTO sop_numbers (number_key, sop_id, number) VALUES ($1, $2, $3)',
            [key, sopId, number.trim()],
          );
          return 'ok' as const;
        });
      } catch (err) {
        // Another process inserted the same key between our SELECT and INSERT.
        if (isUniqueViolation(err)) return 'taken';
        throw err;
      }
    },
    async releaseNumber(sopId) {
      await pool.query('DELETE FROM sop_numbers WHERE sop_id = $1', [sopId]);
    },
    async numberOwner(number) {
      const { rows } = await pool.query<{ sop_id: string }>(
        'SELECT sop_id FROM sop_numbers WHERE number_key = $1',
        [numberKey(number)],
      );
      return rows[0]?.sop_id ?? null;
    },
    async addVerification(v) {
      const row = verificationToRow(v);
      const cols = VERIFICATION_COLUMNS;
      const r = await pool.query(
        `INSERT INTO verifications (${cols.join(', ')})
         VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING`,
        cols.map((c) => row[c]),
      );
      return r.rowCount === 1;
    },
    async getVerification(code) {
      const { rows } = await pool.query<VerificationRow>(
        'SELECT * FROM verifications WHERE code = $1',
        [code],
      );
      return rows[0] ? rowToVerification(rows[0]) : null;
    },
    async listVerifications(sopId) {
      const { rows } = await pool.query<VerificationRow>(
        'SELECT * FROM verifications WHERE sop_id = $1 ORDER BY version',
        [sopId],
      );
      return rows.map(rowToVerification);
    },
  };
}
