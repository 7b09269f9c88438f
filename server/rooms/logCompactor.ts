/**
 * Owns a room's stored-size counters (snapshot + log rows + what is pending) and
 * compacts its log: a stored state of the doc replaces the snapshot and the log rows it
 * contains, in the background past a threshold and on unload. Why encode a Y.Doc
 * instead of `Y.mergeUpdates`: merging is superlinear on long logs (20k updates took
 * 7.5 s), encoding is linear.
 *
 * Why it is safe whatever runs meanwhile: the state comes from
 * `DurableQueue.storedState()` (the doc when it held exactly the rows stored up to
 * `seq`, never a group not yet confirmed), and `DocLog.replaceUpTo(docId, state, seq)`
 * deletes only rows up to `seq`: a row appended meanwhile, by this room or by an older
 * one still draining, stays. A room that closes while waiting gets no state (the
 * promise rejects): nothing is written for a destroyed doc.
 */
import type { Logger } from 'pino';
import type { DocLog } from '../storage/docLog.js';
import type { StoredState } from './durableQueue.js';

/** Stored rows not yet compacted, by the sequence number of their last row. */
interface LogSpan {
  seq: number;
  rows: number;
  bytes: number;
}

export interface LogCompactorDeps {
  docLog: Pick<DocLog, 'replaceUpTo'>;
  /** The doc's state at a moment it held exactly the stored rows (see `DurableQueue.storedState`). */
  storedState(): Promise<StoredState>;
  threshold: number;
  log: Logger;
}

export class LogCompactor {
  private snapshotBytes = 0;
  private spans: LogSpan[] = [];
  private unstoredBytes = 0;
  private running: Promise<void> | null = null;
  /** After a compaction that failed or was refused: the log length at which to try again. */
  private retryAt = 0;
  /** Compactions that wrote a snapshot (tests, logs). */
  compactions = 0;

  constructor(
    private readonly docId: string,
    private readonly deps: LogCompactorDeps,
  ) {}

  /** Rows in the stored log (not counting the snapshot). */
  get logLength(): number {
    let n = 0;
    for (const s of this.spans) n += s.rows;
    return n;
  }

  /** Approximate size of the document: snapshot + log rows + updates not yet stored. */
  get bytes(): number {
    let n = this.snapshotBytes + this.unstoredBytes;
    for (const s of this.spans) n += s.bytes;
    return n;
  }

  /** What the load found: `logLength` rows up to `seq`, `bytes` in all (snapshot included). */
  loaded(stored: { logLength: number; bytes: number; seq: number }): void {
    this.spans = [{ seq: stored.seq, rows: stored.logLength, bytes: stored.bytes }];
    this.snapshotBytes = 0;
  }

  /** An update of `bytes` was applied and is on its way to storage. */
  grew(bytes: number): void {
    this.unstoredBytes += bytes;
  }

  /** A group of `rows` rows (`bytes` of updates) was stored, its last row numbered `seq`. */
  appended(group: { rows: number; bytes: number; seq: number }): void {
    this.unstoredBytes = Math.max(0, this.unstoredBytes - group.bytes);
    this.spans.push(group);
    this.checkThreshold();
  }

  /** Compact now (joins a running compaction). Never rejects: a failure keeps the log. */
  compact(): Promise<void> {
    if (this.running) return this.running;
    if (this.logLength === 0) return Promise.resolve();
    const run = this.run()
      .catch((err: unknown) => {
        this.deferRetry();
        this.deps.log.warn({ err }, 'compaction failed; the log is kept');
      })
      .finally(() => {
        this.running = null;
      });
    this.running = run;
    return run;
  }

  /** Resolves when no compaction is running (a closing room waits for it). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Start a background compaction when the log is past the threshold. */
  checkThreshold(): void {
    const n = this.logLength;
    if (n >= this.deps.threshold && n >= this.retryAt) void this.compact();
  }

  /** Not again at every stored group (each attempt encodes the doc): after another threshold's worth. */
  private deferRetry(): void {
    this.retryAt = this.logLength + this.deps.threshold;
  }

  private async run(): Promise<void> {
    const { state, seq } = await this.deps.storedState();
    const done = await this.deps.docLog.replaceUpTo(this.docId, state, seq);
    if (!done) {
      // Another process is compacting this document: its snapshot will do.
      this.deferRetry();
      this.deps.log.debug({ seq }, 'compaction skipped: another process holds the document');
      return;
    }
    this.retryAt = 0;
    const before = this.logLength;
    this.spans = this.spans.filter((s) => s.seq > seq);
    this.snapshotBytes = state.length;
    this.compactions++;
    this.deps.log.debug(
      { entries: before - this.logLength, bytes: state.length, seq },
      'compacted',
    );
  }
}
