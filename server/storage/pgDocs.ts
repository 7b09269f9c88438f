/**
 * PostgreSQL {@link DocLog}, {@link SopIndex} and {@link SettingsStore} on the server's one
 * pool (`pgDb.ts`). Same tables as SQLite: `docs` (listing row + snapshot), `doc_updates`
 * (the log, `seq` a global `bigserial`), `doc_quarantine`, `settings`.
 *
 * Several processes may write one document (multi-process deployment). Two advisory locks
 * per document, on `hashtext(docId)`:
 * - appends take `pg_advisory_xact_lock(APPEND_LOCK, hashtext(docId))` (two-key form),
 *   so per document, sequence numbers are handed out AND committed in the same order:
 *   once a row of the document is visible, every row of it with a lower seq is visible
 *   too. Without it, a row could commit after a compaction that read past it and deleted
 *   "everything up to seq", losing it.
 * - `replaceUpTo` takes `pg_try_advisory_xact_lock(hashtext(docId))` (one-key form, a
 *   separate key space): one compaction of a document at a time; a second one resolves
 *   false at once instead of waiting. Appends and compactions do not block each other.
 */

import * as Y from 'yjs';
import { catalogueSql, pageSql } from '../catalogue/catalogueQuery.js';
import { digestOf } from './digest.js';
import type { AppendedRows, DocLog, QuarantinedRow, RowRef } from './docLog.js';
import { matchesQuery, metaAssignments } from './metaUtil.js';
import { type PgPool, toBytea, toNum, withTransaction } from './pgDb.js';
import type { SettingsStore } from './settings.js';
import type { CatalogueRow, DocMeta, SopIndex } from './sopIndex.js';

/** First key of the appenders' advisory lock (arbitrary, fixed). */
const APPEND_LOCK = 0x5375_6e02;

interface MetaRow {
  id: string;
  name: string;
  number: string;
  status: string;
  step_count: number;
  template: string | null;
  created_at: string;
  updated_at: string;
  archived: boolean;
}

const META_COLS =
  'id, name, number, status, step_count, template, created_at, updated_at, archived';
const CATALOGUE_COLS = `${META_COLS}, effective_date, review_date`;
type CatalogueDbRow = MetaRow & { effective_date: string; review_date: string };

export interface PgDocStores {
  docLog: DocLog;
  index: SopIndex;
  settings: SettingsStore;
}

/** The three stores over `pool` (migrated by `openPgPool`; not closed by them). */
export function createPgDocStores(pool: PgPool): PgDocStores {
  const docLog: DocLog = {
    async load(docId) {
      // One statement = one consistent view of the snapshot and the log.
      const { rows } = await pool.query<{
        seq: string | null;
        data: Buffer | null;
        sha: string | null;
        snap_seq: string | null;
      }>(
        `SELECT NULL::bigint AS seq, snapshot AS data, snapshot_sha AS sha, snapshot_seq AS snap_seq
           FROM docs WHERE id = $1
         UNION ALL
         SELECT seq, data, NULL, NULL FROM doc_updates WHERE doc_id = $1
         ORDER BY seq NULLS FIRST`,
        [docId],
      );
      if (rows.length === 0) return null;
      const head = rows[0]?.seq === null ? rows[0] : undefined;
      const log = head ? rows.slice(1) : rows;
      const updates = log.map((r) => new Uint8Array(r.data as Buffer));
      const refs: RowRef[] = log.map((r) => toNum(r.seq));
      const snap = head?.data ?? null;
      if (snap) {
        updates.unshift(new Uint8Array(snap));
        refs.unshift('snapshot');
      }
      return {
        updates,
        rows: refs,
        logLength: log.length,
        bytes: updates.reduce((s, u) => s + u.length, 0),
        snapshotDigest: snap ? (head?.sha ?? null) : null,
        lastSeq: log.length > 0 ? toNum(log.at(-1)?.seq) : toNum(head?.snap_seq ?? 0),
      };
    },

    async readSince(docId, afterSeq) {
      // One statement = one consistent view; the snapshot only when it covers rows past
      // `afterSeq` (compacted away from the log).
      const { rows } = await pool.query<{
        seq: string | null;
        data: Buffer | null;
        snap_seq: string | null;
      }>(
        `SELECT NULL::bigint AS seq, CASE WHEN snapshot_seq > $2 THEN snapshot END AS data,
                snapshot_seq AS snap_seq
           FROM docs WHERE id = $1
         UNION ALL
         SELECT seq, data, NULL FROM doc_updates WHERE doc_id = $1 AND seq > $2
         ORDER BY seq NULLS FIRST`,
        [docId, afterSeq],
      );
      if (rows.length === 0) return null;
      const head = rows[0]?.seq === null ? rows[0] : undefined;
      const log = head ? rows.slice(1) : rows;
      const updates = log.map((r) => new Uint8Array(r.data as Buffer));
      if (head?.data) updates.unshift(new Uint8Array(head.data));
      const lastSeq = Math.max(
        afterSeq,
        toNum(head?.snap_seq ?? 0),
        log.length > 0 ? toNum(log.at(-1)?.seq) : 0,
      );
      return { updates, lastSeq };
    },

    async append(entries) {
      if (entries.length === 0) return new Map();
      const ids = entries.map((e) => e.docId);
      const now = new Date().toISOString();
      return withTransaction(pool, async (c) => {
        // Locks in one global order (by key), so two multi-document appends cannot deadlock.
        await c.query(
          `SELECT pg_advisory_xact_lock($1, h)
             FROM (SELECT DISTINCT hashtext(d) AS h FROM unnest($2::text[]) AS d ORDER BY h) AS k`,
          [APPEND_LOCK, ids],
        );
        await c.query(
          `INSERT INTO docs (id, created_at, updated_at)
           SELECT DISTINCT d, $2, $2 FROM unnest($1::text[]) AS d
           ON CONFLICT (id) DO NOTHING`,
          [ids, now],
        );
        // Under the lock: each document's last sequence number before these rows.
        const prev = await c.query<{ id: string; seq: string }>(
          `SELECT d.id, GREATEST(d.snapshot_seq,
             COALESCE((SELECT max(u.seq) FROM doc_updates u WHERE u.doc_id = d.id), 0)) AS seq
           FROM docs d WHERE d.id = ANY($1::text[])`,
          [[...new Set(ids)]],
        );
        const prevOf = new Map(prev.rows.map((r) => [r.id, toNum(r.seq)]));
        // ORDER BY n: sequence numbers follow the order of `entries`.
        const { rows } = await c.query<{ doc_id: string; seq: string }>(
          `INSERT INTO doc_updates (doc_id, data)
           SELECT d, u FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(d, u, n)
           ORDER BY n
           RETURNING doc_id, seq`,
          [ids, entries.map((e) => toBytea(e.update))],
        );
        const last = new Map<string, AppendedRows>();
        for (const r of rows) {
          const seq = toNum(r.seq);
          if (seq > (last.get(r.doc_id)?.seq ?? 0))
            last.set(r.doc_id, { seq, prevSeq: prevOf.get(r.doc_id) ?? 0 });
        }
        return last;
      });
    },

    async replaceUpTo(docId, state, upToSeq) {
      return withTransaction(pool, async (c) => {
        const lock = await c.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok',
          [docId],
        );
        if (!lock.rows[0]?.ok) return false;
        const now = new Date().toISOString();
        await c.query(
          `INSERT INTO docs (id, created_at, updated_at) VALUES ($1, $2, $2)
           ON CONFLICT (id) DO NOTHING`,
          [docId, now],
        );
        // Stale: another compaction already stored a snapshot covering more.
        const cur = await c.query<{ snapshot_seq: string; snapshot: Buffer | null }>(
          'SELECT snapshot_seq, snapshot FROM docs WHERE id = $1 FOR UPDATE',
          [docId],
        );
        if (upToSeq < toNum(cur.rows[0]?.snapshot_seq ?? 0)) return false;
        // Safe by construction with several processes: the caller's state holds what ITS
        // room saw, which may lack rows another process appended (≤ upToSeq) that were not
        // fanned out to it yet. The rows are read here, under the compaction lock and after
        // every row ≤ upToSeq has committed (appends of a document commit in seq order), so
        // the snapshot written holds exactly what the rows it replaces held, and more.
        const rows = await c.query<{ data: Buffer }>(
          'SELECT data FROM doc_updates WHERE doc_id = $1 AND seq <= $2 ORDER BY seq',
          [docId, upToSeq],
        );
        const stored = cur.rows[0]?.snapshot ?? null;
        const merged = mergeStored(state, stored, rows.rows);
        // The snapshot records the last row it replaced (a caller may pass "everything so far").
        await c.query(
          `UPDATE docs SET snapshot = $2, snapshot_sha = $3, snapshot_seq = GREATEST(snapshot_seq,
             COALESCE((SELECT max(seq) FROM doc_updates WHERE doc_id = $1 AND seq <= $4), 0))
           WHERE id = $1`,
          [docId, toBytea(merged), digestOf(merged), upToSeq],
        );
        await c.query('DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2', [docId, upToSeq]);
        return true;
      });
    },

    async quarantine(docId, requests) {
      if (requests.length === 0) return [];
      return withTransaction(pool, async (c) => {
        const at = new Date().toISOString();
        const moved: QuarantinedRow[] = [];
        for (const { row, data, reason } of requests) {
          const bytes = toBytea(data);
          // Only while the row still exists / the snapshot is still the one loaded.
          const gone =
            row === 'snapshot'
              ? await c.query(
                  `UPDATE docs SET snapshot = NULL, snapshot_sha = NULL
                   WHERE id = $1 AND snapshot = $2`,
                  [docId, bytes],
                )
              : await c.query('DELETE FROM doc_updates WHERE seq = $1 AND doc_id = $2', [
                  row,
                  docId,
                ]);
          if (gone.rowCount !== 1) continue;
          const source = row === 'snapshot' ? 'snapshot' : 'log';
          await c.query(
            `INSERT INTO doc_quarantine (doc_id, at, reason, source, data)
             VALUES ($1, $2, $3, $4, $5)`,
            [docId, at, reason, source, bytes],
          );
          moved.push({ docId, at, reason, source, bytes: data.byteLength });
        }
        return moved;
      });
    },
    async listQuarantined(docId) {
      const { rows } = await pool.query<{
        doc_id: string;
        at: string;
        reason: string;
        source: string;
        bytes: number;
      }>(
        `SELECT doc_id, at, reason, source, octet_length(data) AS bytes FROM doc_quarantine
         WHERE doc_id = $1 ORDER BY id`,
        [docId],
      );
      return rows.map((r) => ({
        docId: r.doc_id,
        at: r.at,
        reason: r.reason,
        source: r.source === 'snapshot' ? 'snapshot' : 'log',
        bytes: r.bytes,
      }));
    },
    async countQuarantined() {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM doc_quarantine');
      return toNum(rows[0]?.n ?? 0);
    },
    async adoptSnapshotDigest(docId, snapshot) {
      await pool.query(
        `UPDATE docs SET snapshot_sha = $1
         WHERE id = $2 AND snapshot_sha IS NULL AND snapshot = $3`,
        [digestOf(snapshot), docId, toBytea(snapshot)],
      );
    },
    async close() {},
  };

  const index: SopIndex = {
    async createDoc(meta, state) {
      const r = await pool.query(
        `INSERT INTO docs (id, snapshot, snapshot_sha, name, number, status, step_count, template,
           created_at, updated_at, archived, effective_date, review_date, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO NOTHING`,
        [
          meta.id,
          toBytea(state),
          digestOf(state),
          meta.name,
          meta.number,
          meta.status,
          meta.stepCount,
          meta.template,
          meta.createdAt,
          meta.updatedAt,
          meta.archived,
          meta.effectiveDate ?? '',
          meta.reviewDate ?? '',
          meta.searchText ?? null,
        ],
      );
      return r.rowCount === 1;
    },
    async getMeta(docId) {
      const { rows } = await pool.query<MetaRow>(`SELECT ${META_COLS} FROM docs WHERE id = $1`, [
        docId,
      ]);
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async listMeta(opts = {}) {
      const { rows } = await pool.query<MetaRow>(
        `SELECT ${META_COLS} FROM docs WHERE archived = $1 AND template IS NOT NULL
         ORDER BY updated_at DESC, id`,
        [opts.archived ?? false],
      );
      return rows.map(fromRow).filter((m) => matchesQuery(m, opts.q));
    },
    async updateMeta(docId, fields) {
      const [cols, vals] = metaAssignments(fields);
      if (cols.length === 0) return;
      await pool.query(
        `UPDATE docs SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [docId, ...vals],
      );
    },
    async setArchived(docId, archived) {
      const r = await pool.query('UPDATE docs SET archived = $2 WHERE id = $1', [docId, archived]);
      return r.rowCount === 1;
    },
    async queryCatalogue(query) {
      const { where, params, orderBy } = catalogueSql(query, 'pg');
      // The total in the same statement (a window over the filtered rows, before paging).
      const { rows } = await pool.query<CatalogueDbRow & { total: string }>(
        `SELECT ${CATALOGUE_COLS}, count(*) OVER () AS total FROM docs WHERE ${where}
         ORDER BY ${orderBy} ${pageSql(query, 'pg')}`,
        params,
      );
      let total = rows[0] ? toNum(rows[0].total) : 0;
      if (rows.length === 0 && (query.offset ?? 0) > 0) {
        // A page past the end: the window saw no row, count apart.
        const c = await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM docs WHERE ${where}`,
          params,
        );
        total = toNum(c.rows[0]?.n ?? 0);
      }
      return { rows: rows.map(fromCatalogueRow), total };
    },
    async catalogueFacts(query) {
      const { where, params } = catalogueSql(query, 'pg');
      const { rows } = await pool.query<{ id: string; status: string; review_date: string }>(
        `SELECT id, status, review_date FROM docs WHERE ${where}`,
        params,
      );
      return rows.map((r) => ({
        id: r.id,
        status: r.status as DocMeta['status'],
        reviewDate: r.review_date,
      }));
    },
    async unindexed(limit) {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM docs WHERE search_text IS NULL AND template IS NOT NULL
         ORDER BY id LIMIT $1`,
        [Math.max(0, Math.floor(limit))],
      );
      return rows.map((r) => r.id);
    },
  };

  const settings: SettingsStore = {
    async getSetting(key) {
      const { rows } = await pool.query<{ value: string }>(
        'SELECT value FROM settings WHERE key = $1',
        [key],
      );
      return rows[0]?.value ?? null;
    },
    async setSetting(key, value) {
      await pool.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [key, value],
      );
    },
  };
  return { docLog, index, settings };
}

function fromRow(r: MetaRow): DocMeta {
  return {
    id: r.id,
    name: r.name,
    number: r.number,
    status: r.status as DocMeta['status'],
    stepCount: r.step_count,
    template: r.template as DocMeta['template'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archived: r.archived,
  };
}

function fromCatalogueRow(r: CatalogueDbRow): CatalogueRow {
  return { ...fromRow(r), effectiveDate: r.effective_date, reviewDate: r.review_date };
}

/**
 * `state` merged with the stored snapshot and log rows (all applied to one Y.Doc and
 * encoded: linear, unlike `Y.mergeUpdates` over long runs). A stored row that cannot be
 * applied throws: the compaction fails and the log is kept (the next load sets it aside).
 */
function mergeStored(
  state: Uint8Array,
  snapshot: Buffer | null,
  rows: ReadonlyArray<{ data: Buffer }>,
): Uint8Array {
  if (!snapshot && rows.length === 0) return state;
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot));
    for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
    Y.applyUpdate(doc, state);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
