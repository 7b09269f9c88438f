/**
 * Groups the update writes of all rooms that arrive in the same event-loop turn into
 * ONE `DocLog.append` (one transaction). Why: with one transaction per group, a durable
 * commit (and in `full` sync mode, one fsync) covers every update that arrived together,
 * so the "stored before broadcast" rule holds at 50+ edits/s without one commit per
 * keystroke.
 *
 * Writes are serial: the next group is taken only once the previous append settled, so
 * each source hears back about its groups in the order it sealed them, and the sequence
 * numbers it is told only grow.
 */
import type { AppendedRows, DocLog, UpdateEntry } from '../storage/docLog.js';

/** A producer of grouped updates (a room's {@link DurableQueue}). */
export interface BatchSource {
  readonly docId: string;
  /** Take the updates accumulated since the last call (the room seals its group); [] for none. */
  takeGroup(): Uint8Array[];
  /**
   * The group is durably stored; `seq` is the sequence number of its last row, `prevSeq`
   * the document's last one before it (see `AppendedRows`).
   */
  groupStored(group: Uint8Array[], seq: number, prevSeq: number): void;
  /** The append holding the group failed (nothing of it is stored). */
  groupFailed(group: Uint8Array[], error: unknown): void;
}

export class WriteBatcher {
  private readonly scheduled = new Set<BatchSource>();
  private timer: NodeJS.Immediate | null = null;
  private running: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly docLog: Pick<DocLog, 'append'>,
    private readonly onCallbackError: (err: unknown) => void = () => {},
  ) {}

  /** Ask for `source.takeGroup()` to be written at the end of this turn. */
  schedule(source: BatchSource): void {
    this.scheduled.add(source);
    if (this.timer === null) {
      this.inFlight++;
      this.timer = setImmediate(() => {
        this.timer = null;
        this.running = this.running.then(() => this.flush());
      });
    }
  }

  /**
   * Resolves when every scheduled write has settled (shutdown). A room waits for its
   * own writes instead (`DurableQueue.whenStored`): under steady traffic elsewhere the
   * batcher may never be idle.
   */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async flush(): Promise<void> {
    const sources = [...this.scheduled];
    this.scheduled.clear();
    try {
      const groups: Array<{ source: BatchSource; group: Uint8Array[] }> = [];
      const entries: UpdateEntry[] = [];
      for (const source of sources) {
        const group = this.call(() => source.takeGroup()) ?? [];
        // A closed source (a reset room) gives nothing: nothing of it is written.
        if (group.length === 0) continue;
        groups.push({ source, group });
        for (const update of group) entries.push({ docId: source.docId, update });
      }
      if (entries.length === 0) return;
      let seqs: Map<string, AppendedRows> | null = null;
      let error: unknown = null;
      try {
        seqs = await this.docLog.append(entries);
      } catch (err) {
        error = err ?? new Error('write failed');
      }
      for (const { source, group } of groups) {
        // One room's failing callback must not keep the others from hearing back.
        this.call(() => {
          const stored = seqs?.get(source.docId);
          if (stored !== undefined) source.groupStored(group, stored.seq, stored.prevSeq);
          else source.groupFailed(group, error ?? new Error('append returned no sequence number'));
        });
      }
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  private call<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.onCallbackError(err);
      return undefined;
    }
  }
}
