/**
 * The one way the server rebuilds a document from storage (rooms, REST snapshots,
 * versions, the presenter lookup, exports): salvage on load.
 *
 * A stored row that cannot be decoded or applied (random bytes, a truncated row, a
 * flipped byte, a corrupt snapshot) is moved to the quarantine table with the reason,
 * and the document loads from the rest, instead of the whole SOP becoming unloadable.
 *
 * How, per row (the snapshot first, then the log in append order):
 * 1. The snapshot's SHA-256 is checked against the one recorded when it was written. A
 *    match means these are the bytes we wrote: they are trusted (and may be sent to
 *    clients before parsing). Anything else is decoded first (`Y.decodeUpdate` reads
 *    every struct and the delete set without touching a doc), so an undecodable row
 *    never reaches the doc.
 * 2. Rows are applied in order, each in its own try.
 * 3. Only at the end are missing dependencies judged: a row's structs may legitimately
 *    wait for a later row, so "pending" mid-way means nothing. A row none of whose
 *    structs is integrated once everything is applied depends on something that will
 *    never come (usually a quarantined row) and is quarantined too. A row of which only
 *    some structs stay pending keeps its integrated part (snapshots compacted before the
 *    update guard existed may hold such leftovers; they are invisible to readers).
 * 4. When a row was quarantined after it was applied (its apply threw half-way, or it
 *    stayed pending), the doc may hold part of it: the document is rebuilt from the
 *    remaining rows until nothing more fails, so what is loaded is exactly what stays
 *    stored. A caller that passed its own doc (`into`, a room's) gets `tainted: true`
 *    and must drop that doc and load again (the bad rows are gone by then).
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { digestOf } from './digest.js';
import type { DocLog, LoggedDoc, QuarantinedRow, QuarantineRequest, RowRef } from './docLog.js';

/** What a load reads through. */
export type DocReader = Pick<DocLog, 'load' | 'quarantine' | 'adoptSnapshotDigest'>;

export type LoadDocDeps = { log: Logger } & (
  | { docLog: DocReader }
  /** @deprecated Transitional name of `docLog` (until the rooms code is switched). */
  | { storage: DocReader }
);

const readerOf = (deps: LoadDocDeps): DocReader => ('docLog' in deps ? deps.docLog : deps.storage);

export interface LoadDocOptions {
  /** Apply into this (empty) doc, e.g. a room's; default a new one. */
  into?: Y.Doc;
  /** Transaction origin of the applied rows. */
  origin?: unknown;
  /**
   * Called after reading and before parsing, with the stored snapshot when it is the
   * only row and its checksum matches (it is then exactly the document's state).
   */
  beforeApply?: (trustedSnapshot: Uint8Array | null) => Promise<void>;
}

export interface LoadedDoc {
  /** The document (`into` when given: then check `tainted`). */
  doc: Y.Doc;
  /** What is stored now (quarantined rows removed); null when nothing ever was. */
  stored: LoggedDoc | null;
  /** Rows this load moved to quarantine. */
  quarantined: QuarantinedRow[];
  /** The lone stored snapshot, applied cleanly: exactly `doc`'s state (sync answers can be cut from it). */
  loneSnapshot: Uint8Array | null;
  /** `into` holds part of a quarantined row: drop it and load again. */
  tainted: boolean;
}

interface Row {
  ref: RowRef;
  data: Uint8Array;
  /** Per client, the first clock of this row's structs (null: trusted, not decoded). */
  from: Map<number, number> | null;
  bad: string | null;
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}

/** Per client, the first clock of the structs of `update` (skips excluded); throws when undecodable. */
function firstClocks(update: Uint8Array): Map<number, number> {
  const from = new Map<number, number>();
  for (const s of Y.decodeUpdate(update).structs) {
    if (s instanceof Y.Skip) continue;
    const first = from.get(s.id.client);
    if (first === undefined || s.id.clock < first) from.set(s.id.client, s.id.clock);
  }
  return from;
}

/**
 * Apply the good rows to `doc`; mark rows whose apply throws, then (at the end) rows
 * none of whose structs got integrated. Returns whether any applied row was marked.
 */
function applyRows(doc: Y.Doc, rows: Row[], origin: unknown): boolean {
  let marked = false;
  doc.transact(() => {
    for (const row of rows) {
      if (row.bad) continue;
      try {
        Y.applyUpdate(doc, row.data, origin);
      } catch (err) {
        row.bad = `cannot be applied: ${message(err)}`;
        marked = true;
      }
    }
  }, origin);
  if (doc.store.pendingStructs) {
    // Integration is contiguous per client: a struct at clock ≥ the state is not in the doc.
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const row of rows) {
      if (row.bad || !row.from || row.from.size === 0) continue;
      if ([...row.from].every(([client, first]) => (sv.get(client) ?? 0) <= first)) {
        row.bad = 'depends on data that is missing (nothing of it could be integrated)';
        marked = true;
      }
    }
  }
  return marked;
}

/** Load `docId`, salvaging what can be read (see the module comment). */
export async function loadDoc(
  deps: LoadDocDeps,
  docId: string,
  opts: LoadDocOptions = {},
): Promise<LoadedDoc> {
  const origin = opts.origin ?? null;
  const stored = await readerOf(deps).load(docId);
  const target = opts.into ?? new Y.Doc();
  if (!stored) {
    await opts.beforeApply?.(null);
    return { doc: target, stored: null, quarantined: [], loneSnapshot: null, tainted: false };
  }
  const rows: Row[] = stored.updates.map((data, i) => ({
    ref: stored.rows[i] ?? 'snapshot',
    data,
    from: null,
    bad: null,
  }));
  const snap = rows[0]?.ref === 'snapshot' ? rows[0] : null;
  const trusted =
    snap !== null &&
    stored.snapshotDigest !== null &&
    stored.snapshotDigest === digestOf(snap.data);
  if (snap && stored.snapshotDigest && !trusted)
    deps.log.warn({ docId }, 'stored snapshot does not match its checksum; checking it');
  await opts.beforeApply?.(trusted && rows.length === 1 ? (snap?.data ?? null) : null);

  for (const row of rows) {
    if (trusted && row === snap) continue;
    try {
      row.from = firstClocks(row.data);
    } catch (err) {
      row.bad = `cannot be decoded: ${message(err)}`;
    }
  }

  let doc = target;
  let tainted = applyRows(target, rows, origin);
  if (tainted) {
    // Rebuild from what is left until nothing more fails (each round marks ≥ 1 row).
    for (;;) {
      const scratch = new Y.Doc();
      if (!applyRows(scratch, rows, origin)) {
        doc = scratch;
        break;
      }
      scratch.destroy();
    }
    // A caller's own doc stays theirs (they drop it and load again, see `tainted`).
    if (opts.into) {
      doc.destroy();
      doc = opts.into;
    } else target.destroy();
  }
  if (!opts.into) tainted = false;

  const bad = rows.filter((r) => r.bad !== null);
  let quarantined: QuarantinedRow[] = [];
  if (bad.length > 0) {
    const requests: QuarantineRequest[] = bad.map((r) => ({
      row: r.ref,
      data: r.data,
      reason: r.bad ?? '',
    }));
    for (const r of requests)
      deps.log.error(
        { docId, row: r.row, bytes: r.data.byteLength, reason: r.reason },
        'stored row could not be used: moved to quarantine',
      );
    try {
      quarantined = await readerOf(deps).quarantine(docId, requests);
    } catch (err) {
      deps.log.error({ docId, err }, 'quarantine failed; the rows stay stored');
      // A room must not load again from rows it would fail on again.
      if (tainted) throw err;
    }
  } else if (snap && !stored.snapshotDigest) {
    // A snapshot from before checksums that loaded cleanly: trust it from now on.
    await readerOf(deps)
      .adoptSnapshotDigest(docId, snap.data)
      .catch((err: unknown) => deps.log.warn({ docId, err }, 'could not record snapshot checksum'));
  }

  const good = rows.filter((r) => r.bad === null);
  const remaining: LoggedDoc = {
    updates: good.map((r) => r.data),
    rows: good.map((r) => r.ref),
    logLength: good.filter((r) => r.ref !== 'snapshot').length,
    bytes: good.reduce((s, r) => s + r.data.byteLength, 0),
    snapshotDigest: good[0]?.ref === 'snapshot' ? stored.snapshotDigest : null,
    // Quarantined rows are gone from the log: what is stored still covers the same range.
    lastSeq: stored.lastSeq,
  };
  const loneSnapshot =
    bad.length === 0 && rows.length === 1 && snap !== null && !tainted ? snap.data : null;
  return { doc, stored: remaining, quarantined, loneSnapshot, tainted };
}

/**
 * The stored updates of `docId` that decode, for a reader that applies them elsewhere
 * (an export worker): the snapshot when its checksum matches, every other row after
 * `Y.decodeUpdate` succeeded on it; the others are quarantined like {@link loadDoc}
 * does. Cheaper than a load (nothing is applied here), so missing dependencies are not
 * judged: the reader must apply each update in its own try and read with the model's
 * total reads (pending structs are simply not shown). Null when nothing was stored.
 */
export async function readStoredUpdates(
  deps: LoadDocDeps,
  docId: string,
): Promise<Uint8Array[] | null> {
  const stored = await readerOf(deps).load(docId);
  if (!stored) return null;
  const requests: QuarantineRequest[] = [];
  const good: Uint8Array[] = [];
  stored.updates.forEach((data, i) => {
    const ref = stored.rows[i] ?? 'snapshot';
    if (ref === 'snapshot' && stored.snapshotDigest && stored.snapshotDigest === digestOf(data)) {
      good.push(data);
      return;
    }
    try {
      Y.decodeUpdate(data);
      good.push(data);
    } catch (err) {
      requests.push({ row: ref, data, reason: `cannot be decoded: ${message(err)}` });
    }
  });
  if (requests.length > 0) {
    for (const r of requests)
      deps.log.error(
        { docId, row: r.row, bytes: r.data.byteLength, reason: r.reason },
        'stored row could not be used: moved to quarantine',
      );
    await readerOf(deps)
      .quarantine(docId, requests)
      .catch((err: unknown) =>
        deps.log.error({ docId, err }, 'quarantine failed; the rows stay stored'),
      );
  }
  return good;
}
