/**
 * Keeps a document's listing row (name, number, status, step count, updatedAt, the
 * catalogue's dates and search text) up to date, debounced: summarizing on every
 * keystroke would be wasted work.
 *
 * The write is synchronous in SQLite and blocks the event loop (0.7-1 ms, up to ~7 ms with
 * the search index), so while a document is being edited it is written once the edits
 * pause (`debounceMs` without a change), or at the latest {@link MAX_WAIT_FACTOR} times that
 * after the first change it lacks, not every `debounceMs`; and only the fields that changed
 * since this writer's last write go to the index (a keystroke in Instansi leaves the search
 * text, and its full-text index, alone).
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { MetaFields, SopIndex } from '../storage/sopIndex.js';

/** Where the listing row is written (the SOP index). */
export type ListingWriter = Pick<SopIndex, 'updateMeta'>;

import type { DocSummarizer } from './summary.js';

/** A row lags a document edited without pause by at most this many `debounceMs`. */
export const MAX_WAIT_FACTOR = 5;

type Written = Partial<Record<keyof MetaFields, unknown>>;

export class MetaWriter {
  private timer: NodeJS.Timeout | null = null;
  /** When the last change the row lacks happened (epoch ms); null: the row is current. */
  private lastChangeMs: number | null = null;
  /** When the oldest change the row lacks happened. */
  private firstChangeMs: number | null = null;
  /** The fields as this writer last wrote them (empty until its first write). */
  private written: Written = {};
  /** Only listed documents (SOPs) have a listing row worth maintaining. */
  private enabled = false;

  constructor(
    private readonly docId: string,
    private readonly doc: Y.Doc,
    private readonly deps: {
      index: ListingWriter;
      summarize?: DocSummarizer | undefined;
      debounceMs: number;
      log: Logger;
    },
  ) {}

  enable(): void {
    this.enabled = true;
  }

  /** A stored change happened now; refresh the row once the edits pause. */
  changed(): void {
    if (!this.enabled) return;
    const now = Date.now();
    this.lastChangeMs = now;
    this.firstChangeMs ??= now;
    if (this.timer || !this.deps.summarize) return;
    this.arm(this.deps.debounceMs);
  }

  /** Write the row now if anything changed since the last write. */
  async flush(): Promise<void> {
    this.cancel();
    const at = this.lastChangeMs;
    if (!this.deps.summarize || at === null) return;
    this.lastChangeMs = null;
    this.firstChangeMs = null;
    try {
      const changed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(this.deps.summarize(this.doc)))
        if (v !== undefined && this.written[k as keyof MetaFields] !== v) changed[k] = v;
      const update = { ...changed, updatedAt: new Date(at).toISOString() } as MetaFields;
      await this.deps.index.updateMeta(this.docId, update);
      this.written = { ...this.written, ...changed };
    } catch (err) {
      this.deps.log.warn({ err }, 'listing metadata update failed');
    }
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(this.onTimer, ms);
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    const { debounceMs } = this.deps;
    const now = Date.now();
    const quiet = now - (this.lastChangeMs ?? now);
    const waited = now - (this.firstChangeMs ?? now);
    const maxWait = debounceMs * MAX_WAIT_FACTOR;
    // Still being edited: wait for the pause, but not past the longest wait.
    if (this.lastChangeMs !== null && quiet < debounceMs && waited < maxWait) {
      this.arm(Math.max(1, Math.min(debounceMs - quiet, maxWait - waited)));
      return;
    }
    void this.flush();
  };
}
