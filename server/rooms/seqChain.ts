/**
 * How far a room's copy of its document is complete, across processes. Every stored
 * group is a link `prevSeq → seq` of the document's chain (`DocLog.append` hands both
 * out under the document's append lock), whether this process stored it or another one
 * announced it. The watermark is the highest sequence number up to which the copy holds
 * EVERY stored row; links that start past it mean rows are missing in between (a
 * message not arrived yet, or lost): a gap. Sequence numbers come from one global
 * sequence, so "missing" cannot be read from the numbers alone — only from the links.
 */
export class SeqChain {
  private mark: number;
  /** Links received past the watermark, by where they start. */
  private readonly ahead = new Map<number, number>();

  constructor(watermark = 0) {
    this.mark = watermark;
  }

  /** Every stored row up to this sequence number is in the copy. */
  get watermark(): number {
    return this.mark;
  }

  /** Links are known past the watermark, but not the rows in between. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** Whether a group ending at `seq` is already in the copy. */
  has(seq: number): boolean {
    return seq <= this.mark;
  }

  /**
   * A group `prevSeq → seq` is now in the copy. A link that starts at or below the
   * watermark extends it (also one starting below: rows in between were quarantined or
   * compacted away, never skipped); one that starts above it waits for the rows between.
   */
  add(prevSeq: number, seq: number): void {
    if (seq <= this.mark) return;
    const known = this.ahead.get(prevSeq);
    if (known === undefined || known < seq) this.ahead.set(prevSeq, seq);
    this.advance();
  }

  /**
   * The copy now holds every row up to `seq` (it was loaded or caught up from storage):
   * links ending there or before are settled.
   */
  caughtUpTo(seq: number): void {
    if (seq > this.mark) this.mark = seq;
    this.advance();
  }

  private advance(): void {
    for (;;) {
      let next = -1;
      for (const [from, to] of this.ahead) {
        if (to <= this.mark) this.ahead.delete(from);
        else if (from <= this.mark && to > next) next = to;
      }
      if (next < 0) return;
      this.mark = next;
    }
  }
}
