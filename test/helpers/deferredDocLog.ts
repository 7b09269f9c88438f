/**
 * A fake asynchronous {@link DocLog} whose `load`, `append` and `replaceUpTo` calls each
 * return a promise the TEST settles when it wants (unless that kind is in `auto`): so a
 * test can interleave appends, compactions, resets and unloads in any order, the way a
 * real asynchronous store (PostgreSQL) may. An operation takes effect when it is
 * resolved, on an in-memory store behind it (same contract as the real ones): an append
 * resolved later gets a later sequence number, a load resolved later sees more rows.
 */
import type { AppendedRows, DocLog, LoggedDoc, UpdateEntry } from '../../server/storage/docLog.js';
import { createMemoryDocStores } from '../../server/storage/memoryDocs.js';

export type OpKind = 'load' | 'append' | 'replaceUpTo';

export interface DeferredOp {
  readonly kind: OpKind;
  readonly docIds: string[];
  /** For `append`: the entries; for `replaceUpTo`: `{ state, upToSeq }`. */
  readonly args: unknown;
  /** Perform the operation now on the store behind and answer the caller with its result. */
  resolve(): Promise<void>;
  /** Answer the caller with an error; nothing is stored. */
  reject(err?: Error): void;
  /** `replaceUpTo` only: answer `false` (another process compacts), nothing is written. */
  refuse(): void;
  readonly settled: boolean;
}

export class DeferredDocLog implements DocLog {
  readonly backing = createMemoryDocStores().docLog;
  /** Every deferred operation, in call order. */
  readonly calls: DeferredOp[] = [];
  /** Kinds performed at once (as a fast store would), not waiting for the test. */
  auto = new Set<OpKind>(['load']);
  /** Called at every deferred call (before it is settled). */
  onCall: ((op: DeferredOp) => void) | null = null;
  private readonly claimed = new Set<DeferredOp>();
  private waiters: Array<{ match: (op: DeferredOp) => boolean; give: (op: DeferredOp) => void }> =
    [];

  /** Operations of `kind` (on `docId`) not yet settled. */
  pending(kind: OpKind, docId?: string): DeferredOp[] {
    return this.calls.filter((op) => !op.settled && matches(op, kind, docId));
  }

  /** Calls of `kind` (on `docId`) so far, settled or not. */
  count(kind: OpKind, docId?: string): number {
    return this.calls.filter((op) => matches(op, kind, docId)).length;
  }

  /** The next call of `kind` (on `docId`) not handed out before: one already made, or the next one. */
  next(kind: OpKind, docId?: string): Promise<DeferredOp> {
    const match = (op: DeferredOp) => !this.claimed.has(op) && matches(op, kind, docId);
    const found = this.calls.find(match);
    if (found) {
      this.claimed.add(found);
      return Promise.resolve(found);
    }
    return new Promise((give) => this.waiters.push({ match, give }));
  }

  /** Write rows directly (as another process would), resolving with their sequence numbers. */
  seed(entries: readonly UpdateEntry[]): Promise<Map<string, AppendedRows>> {
    return this.backing.append(entries);
  }

  load(docId: string): Promise<LoggedDoc | null> {
    return this.defer('load', [docId], docId, () => this.backing.load(docId));
  }

  append(entries: readonly UpdateEntry[]): Promise<Map<string, AppendedRows>> {
    const docIds = [...new Set(entries.map((e) => e.docId))];
    const copy = entries.map((e) => ({ docId: e.docId, update: e.update.slice() }));
    return this.defer('append', docIds, copy, () => this.backing.append(copy));
  }

  replaceUpTo(docId: string, state: Uint8Array, upToSeq: number): Promise<boolean> {
    return this.defer('replaceUpTo', [docId], { state, upToSeq }, () =>
      this.backing.replaceUpTo(docId, state, upToSeq),
    );
  }

  readSince: DocLog['readSince'] = (docId, afterSeq) => this.backing.readSince(docId, afterSeq);
  quarantine: DocLog['quarantine'] = (docId, rows) => this.backing.quarantine(docId, rows);
  listQuarantined: DocLog['listQuarantined'] = (docId) => this.backing.listQuarantined(docId);
  countQuarantined: DocLog['countQuarantined'] = () => this.backing.countQuarantined();
  adoptSnapshotDigest: DocLog['adoptSnapshotDigest'] = (docId, snapshot) =>
    this.backing.adoptSnapshotDigest(docId, snapshot);
  close = async (): Promise<void> => {};

  private defer<T>(
    kind: OpKind,
    docIds: string[],
    args: unknown,
    perform: () => Promise<T>,
  ): Promise<T> {
    return new Promise<T>((answer, fail) => {
      let settled = false;
      const settle = () => {
        if (settled) throw new Error(`${kind} already settled`);
        settled = true;
      };
      const op: DeferredOp = {
        kind,
        docIds,
        args,
        get settled() {
          return settled;
        },
        async resolve() {
          settle();
          try {
            answer(await perform());
          } catch (err) {
            fail(err);
          }
        },
        reject(err = new Error(`simulated ${kind} failure`)) {
          settle();
          fail(err);
        },
        refuse() {
          if (kind !== 'replaceUpTo') throw new Error('only replaceUpTo can be refused');
          settle();
          answer(false as T);
        },
      };
      this.calls.push(op);
      this.onCall?.(op);
      const i = this.waiters.findIndex((w) => w.match(op));
      if (i >= 0) {
        const [w] = this.waiters.splice(i, 1);
        this.claimed.add(op);
        w?.give(op);
      }
      if (this.auto.has(kind)) void op.resolve();
    });
  }
}

function matches(op: DeferredOp, kind: OpKind, docId?: string): boolean {
  return op.kind === kind && (docId === undefined || op.docIds.includes(docId));
}

/** One turn of the event loop (lets scheduled immediates, e.g. a batched write, run). No fixed time. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Polls `cond` once per timer tick (so `setTimeout` callbacks, e.g. an unload delay of 0,
 * get to run) until it holds, at most `ticks` times; throws if it never does.
 */
export async function until(cond: () => boolean, ticks = 500): Promise<void> {
  for (let i = 0; i < ticks && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!cond()) throw new Error(`condition not met after ${ticks} ticks`);
}
