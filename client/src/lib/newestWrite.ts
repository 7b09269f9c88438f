/**
 * Writes values one at a time, the newest last: a value given while a write runs
 * waits for it and replaces any value still waiting, so the store ends with the
 * newest value and two writes never race (an older request reaching the server
 * after a newer one would undo it).
 */
export class NewestWrite<T> {
  private next: { value: T } | null = null;
  private running = false;

  /** `write` stores one value; `settled(ok)` runs when nothing is left to write (ok: the last write succeeded). */
  constructor(
    private readonly write: (value: T) => Promise<void>,
    private readonly settled: (ok: boolean, error?: unknown) => void = () => {},
  ) {}

  /** Write `value` now, or after the running write (replacing a value still waiting). */
  async push(value: T): Promise<void> {
    this.next = { value };
    if (this.running) return;
    this.running = true;
    let ok = true;
    let error: unknown;
    try {
      for (let item = this.take(); item; item = this.take()) await this.write(item.value);
    } catch (e) {
      // What waited is dropped with the failure: the caller still holds it and saves again.
      this.next = null;
      ok = false;
      error = e;
    } finally {
      this.running = false;
    }
    this.settled(ok, error);
  }

  /** True while a write runs. */
  get busy(): boolean {
    return this.running;
  }

  private take(): { value: T } | null {
    const item = this.next;
    this.next = null;
    return item;
  }
}
