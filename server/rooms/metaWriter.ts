/**
 * Keeps a document's listing row (name, number, status, step count, updatedAt) up to
 * date, debounced: summarizing on every keystroke would be wasted work.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { SopIndex } from '../storage/sopIndex.js';

/** Where the listing row is written (the SOP index). */
export type ListingWriter = Pick<SopIndex, 'updateMeta'>;

import type { DocSummarizer } from './summary.js';

export class MetaWriter {
  private timer: NodeJS.Timeout | null = null;
  private lastChangeAt: string | null = null;
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

  /** A stored change happened now; refresh the row after the debounce. */
  changed(): void {
    if (!this.enabled) return;
    this.lastChangeAt = new Date().toISOString();
    if (this.timer || !this.deps.summarize) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.deps.debounceMs);
  }

  /** Write the row now if anything changed since the last write. */
  async flush(): Promise<void> {
    this.cancel();
    const at = this.lastChangeAt;
    if (!this.deps.summarize || at === null) return;
    this.lastChangeAt = null;
    try {
      const summary = this.deps.summarize(this.doc);
      await this.deps.index.updateMeta(this.docId, { ...summary, updatedAt: at });
    } catch (err) {
      this.deps.log.warn({ err }, 'listing metadata update failed');
    }
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
