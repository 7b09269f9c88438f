/**
 * The write side of a room: every change of its doc goes from the doc's `update` event
 * through the {@link DurableQueue} to storage; what is stored is reported to the room
 * (which broadcasts it), counted by the {@link LogCompactor} and summarized into the
 * listing row by the {@link MetaWriter}. Nothing here knows about connections.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocLog } from '../storage/docLog.js';
import { DurableQueue, type StoredGroup } from './durableQueue.js';
import { LogCompactor } from './logCompactor.js';
import { type ListingWriter, MetaWriter } from './metaWriter.js';
import { LOAD_ORIGIN, REMOTE_ORIGIN } from './origins.js';
import type { DocSummarizer } from './summary.js';
import type { WriteBatcher } from './writeBatcher.js';

export interface DocPipelineDeps {
  docLog: Pick<DocLog, 'replaceUpTo'>;
  index: ListingWriter;
  batcher: Pick<WriteBatcher, 'schedule'>;
  summarize?: DocSummarizer | undefined;
  compactThreshold: number;
  metaDebounceMs: number;
  log: Logger;
  /** The doc changed (sync answers cached so far are stale). */
  changed(): void;
  /** A group is stored: it may be seen now. */
  stored(group: StoredGroup): void;
  /**
   * The doc took `update` from storage written by another process (fan-out or catch-up;
   * origin {@link REMOTE_ORIGIN}): stored already, so it may be seen now.
   */
  remoteApplied(update: Uint8Array): void;
  /** A group's append failed: the doc holds changes nobody may see (reset). */
  failed(error: unknown): void;
}

export class DocPipeline {
  readonly queue: DurableQueue;
  /** Stored size and log compaction. */
  readonly compactor: LogCompactor;
  private readonly meta: MetaWriter;
  private listening = false;

  constructor(
    docId: string,
    private readonly doc: Y.Doc,
    private readonly deps: DocPipelineDeps,
  ) {
    this.meta = new MetaWriter(docId, doc, {
      index: deps.index,
      summarize: deps.summarize,
      debounceMs: deps.metaDebounceMs,
      log: deps.log,
    });
    this.queue = new DurableQueue(docId, deps.batcher, {
      stateVector: () => Y.encodeStateVector(doc),
      encodeState: () => Y.encodeStateAsUpdate(doc),
      stored: (group) => this.onStored(group),
      failed: (err) => deps.failed(err),
    });
    this.compactor = new LogCompactor(docId, {
      docLog: deps.docLog,
      storedState: () => this.queue.storedState(),
      threshold: deps.compactThreshold,
      log: deps.log,
    });
  }

  /** The doc was loaded from rows up to `stored.seq`: start capturing its changes. */
  loaded(stored: { logLength: number; bytes: number; seq: number } | null): void {
    if (stored) {
      this.compactor.loaded(stored);
      this.queue.loadedUpTo(stored.seq);
    }
    // Listen only now: with a listener attached during the load, Yjs would encode the
    // whole loaded state as one 'update' event just to have it ignored (~100 ms at 10×).
    this.doc.on('update', this.onDocUpdate);
    this.listening = true;
  }

  /**
   * Rows another process stored are in the doc: counted for compaction (every process
   * sees the same log), and, `complete`, the doc holds every stored row up to `seq`.
   */
  remoteStored(rows: { rows: number; bytes: number; seq: number }, complete: number): void {
    this.compactor.appended(rows);
    this.queue.loadedUpTo(complete);
  }

  /** The doc holds every stored row up to `seq` (it caught up from storage). */
  caughtUpTo(seq: number): void {
    this.queue.loadedUpTo(seq);
  }

  /** The document is a listed SOP: keep its listing row up to date. */
  enableListing(): void {
    this.meta.enable();
  }

  /** Run `fn` once everything the doc holds now is stored (never if the room closes first). */
  afterStored(fn: () => void): void {
    this.queue.afterStored(fn);
  }

  /** Resolves when every change so far is stored; rejects if that write failed or the room closed. */
  whenStored(): Promise<void> {
    return this.queue.whenStored();
  }

  /** The doc's state now (encoded at once), handed out once all of it is stored. */
  storedState(): Promise<Uint8Array> {
    const state = Y.encodeStateAsUpdate(this.doc);
    return this.queue.whenStored().then(() => state);
  }

  /**
   * For an unload (no change can arrive any more): wait for this doc's own writes,
   * compact, write the listing row. False when a write failed (the room resets).
   */
  async finish(): Promise<boolean> {
    try {
      await this.queue.whenStored();
    } catch {
      return false;
    }
    await this.compactor.compact();
    await this.meta.flush();
    return true;
  }

  /** Stop: nothing pending is written any more, a compaction waiting for a stored state gets none. */
  abandon(reason: string): void {
    this.meta.cancel();
    this.queue.abandon(reason);
    if (this.listening) this.doc.off('update', this.onDocUpdate);
    this.listening = false;
  }

  /** Resolves once a group already in flight and a running compaction have settled. */
  settled(): Promise<void> {
    return Promise.all([this.queue.drained(), this.compactor.settled()]).then(() => {});
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    this.deps.changed();
    if (origin === REMOTE_ORIGIN) {
      // Stored by another process: seen now, never stored again.
      this.deps.remoteApplied(update);
      return;
    }
    this.compactor.grew(update.length);
    this.queue.push(update, origin);
  };

  private onStored(group: StoredGroup): void {
    if (group.items.length > 0) {
      this.deps.stored(group);
      this.meta.changed();
    }
    let bytes = 0;
    for (const it of group.items) bytes += it.update.length;
    this.compactor.appended({ rows: group.merged.length, bytes, seq: group.seq });
  }
}
