/**
 * PostgreSQL {@link LifecycleStore} on the server's one pool; tables from migration 5
 * (`server/storage/pgMigrations.ts`). `updateRecord` locks the row (`SELECT … FOR
 * UPDATE`) inside one transaction, so concurrent updates from several processes
 * apply one after the other, each on the other's committed data.
 */
import { type PgPool, withTransaction } from '../storage/pgDb.js';
import {
  type AckDb,
  ackOf,
  type FlagDb,
  flagOf,
  type LinkDb,
  linkOf,
  type RecordDb,
  recordOf,
} from './sqliteLifecycle.js';
import type { LifecycleStore, RecordKind } from './types.js';

export function createPgLifecycle(pool: PgPool): LifecycleStore {
  return {
    async replaceLinks(sourceId, rows) {
      await withTransaction(pool, async (c) => {
        await c.query('DELETE FROM lc_links WHERE source_id = $1', [sourceId]);
        for (const r of rows)
          await c.query(
            `INSERT INTO lc_links (source_id, item_id, target_id, type) VALUES ($1, $2, $3, $4)
             ON CONFLICT (source_id, item_id) DO UPDATE SET target_id = excluded.target_id,
               type = excluded.type`,
            [sourceId, r.itemId, r.targetId, r.type],
          );
      });
    },
    async linksFrom(sourceId) {
      const { rows } = await pool.query<LinkDb>(
        'SELECT * FROM lc_links WHERE source_id = $1 ORDER BY item_id',
        [sourceId],
      );
      return rows.map(linkOf);
    },
    async linksTo(targetId) {
      const { rows } = await pool.query<LinkDb>(
        'SELECT * FROM lc_links WHERE target_id = $1 ORDER BY source_id, item_id',
        [targetId],
      );
      return rows.map(linkOf);
    },
    async allLinks() {
      const { rows } = await pool.query<LinkDb>(
        'SELECT * FROM lc_links ORDER BY source_id, item_id',
      );
      return rows.map(linkOf);
    },
    async addFlag(f) {
      await pool.query(
        `INSERT INTO lc_flags (id, source_id, target_id, reason, at, confirmed_at, confirmed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [f.id, f.sourceId, f.targetId, f.reason, f.at, f.confirmedAt, f.confirmedBy],
      );
    },
    async listFlags(filter) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.sourceId !== undefined) {
        args.push(filter.sourceId);
        where.push(`source_id = $${args.length}`);
      }
      if (filter.open) where.push('confirmed_at IS NULL');
      const { rows } = await pool.query<FlagDb>(
        `SELECT * FROM lc_flags ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, id`,
        args,
      );
      return rows.map(flagOf);
    },
    async confirmFlags(sourceId, targetId, by, at) {
      const r = await pool.query(
        `UPDATE lc_flags SET confirmed_at = $1, confirmed_by = $2
         WHERE source_id = $3 AND confirmed_at IS NULL AND ($4::text IS NULL OR target_id = $4)`,
        [at, by, sourceId, targetId],
      );
      return r.rowCount ?? 0;
    },
    async getSopState(sopId) {
      const { rows } = await pool.query<{
        status: string;
        version_key: string;
        effective_date: string;
      }>('SELECT status, version_key, effective_date FROM lc_sop_state WHERE sop_id = $1', [sopId]);
      const r = rows[0];
      return r
        ? { status: r.status, versionKey: r.version_key, effectiveDate: r.effective_date }
        : null;
    },
    async setSopState(sopId, s) {
      await pool.query(
        `INSERT INTO lc_sop_state (sop_id, status, version_key, effective_date)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (sop_id) DO UPDATE SET status = excluded.status,
           version_key = excluded.version_key, effective_date = excluded.effective_date`,
        [sopId, s.status, s.versionKey, s.effectiveDate],
      );
    },
    async replaceSopState(sopId, e, n) {
      const r = e
        ? await pool.query(
            `UPDATE lc_sop_state SET status = $1, version_key = $2, effective_date = $3
             WHERE sop_id = $4 AND status = $5 AND version_key = $6 AND effective_date = $7`,
            [
              n.status,
              n.versionKey,
              n.effectiveDate,
              sopId,
              e.status,
              e.versionKey,
              e.effectiveDate,
            ],
          )
        : await pool.query(
            `INSERT INTO lc_sop_state (sop_id, status, version_key, effective_date)
             VALUES ($1, $2, $3, $4) ON CONFLICT (sop_id) DO NOTHING`,
            [sopId, n.status, n.versionKey, n.effectiveDate],
          );
      return (r.rowCount ?? 0) > 0;
    },
    async insertRecord(r) {
      const out = await pool.query(
        `INSERT INTO lc_records (kind, id, sop_id, created_at, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, id) DO NOTHING`,
        [r.kind, r.id, r.sopId, r.createdAt, JSON.stringify(r.data)],
      );
      return (out.rowCount ?? 0) > 0;
    },
    async putRecord(r) {
      await pool.query(
        `INSERT INTO lc_records (kind, id, sop_id, created_at, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, id) DO UPDATE SET sop_id = excluded.sop_id,
           created_at = excluded.created_at, data = excluded.data`,
        [r.kind, r.id, r.sopId, r.createdAt, JSON.stringify(r.data)],
      );
    },
    async getRecord<T>(kind: RecordKind, id: string) {
      const { rows } = await pool.query<RecordDb>(
        'SELECT * FROM lc_records WHERE kind = $1 AND id = $2',
        [kind, id],
      );
      return rows[0] ? recordOf<T>(rows[0]) : null;
    },
    async listRecords<T>(kind: RecordKind, sopId?: string) {
      const { rows } =
        sopId === undefined
          ? await pool.query<RecordDb>(
              'SELECT * FROM lc_records WHERE kind = $1 ORDER BY created_at, id',
              [kind],
            )
          : await pool.query<RecordDb>(
              'SELECT * FROM lc_records WHERE kind = $1 AND sop_id = $2 ORDER BY created_at, id',
              [kind, sopId],
            );
      return rows.map((r) => recordOf<T>(r));
    },
    async updateRecord<T>(kind: RecordKind, id: string, fn: (data: T) => T) {
      return withTransaction(pool, async (c) => {
        const { rows } = await c.query<{ data: string }>(
          'SELECT data FROM lc_records WHERE kind = $1 AND id = $2 FOR UPDATE',
          [kind, id],
        );
        const row = rows[0];
        if (!row) return null;
        const next = fn(JSON.parse(row.data) as T);
        await c.query('UPDATE lc_records SET data = $1 WHERE kind = $2 AND id = $3', [
          JSON.stringify(next),
          kind,
          id,
        ]);
        return next;
      });
    },
    async addAck(a) {
      const out = await pool.query(
        `INSERT INTO lc_acks (sop_id, version_key, user_id, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [a.sopId, a.versionKey, a.userId, a.at],
      );
      return (out.rowCount ?? 0) > 0;
    },
    async listAcks(sopId, versionKey) {
      const { rows } = await pool.query<AckDb>(
        'SELECT * FROM lc_acks WHERE sop_id = $1 AND version_key = $2 ORDER BY at, user_id',
        [sopId, versionKey],
      );
      return rows.map(ackOf);
    },
  };
}
