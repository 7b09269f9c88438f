/**
 * Periodic work over many sockets, a slice at a time: each socket takes a slot (round robin)
 * and each tick of `periodMs / SLICES` visits one slot, so every socket is still visited once
 * per `periodMs`. Why: visiting all of them at once was one long task — the heartbeat's
 * 1,000 pings took 78 ms in a profile of bench (a) — that every room's updates waited behind.
 * Used by the heartbeat (wsTransport.ts) and the access sweep (liveAccess.ts).
 */
export const SLICES = 10;

export class SlicedTimer {
  private nextSlot = 0;
  private tick = 0;
  private readonly timer: NodeJS.Timeout;

  /** Calls `visit(slot)` every `periodMs / SLICES` (never keeps the process alive). */
  constructor(periodMs: number, visit: (slot: number) => void) {
    this.timer = setInterval(
      () => visit(this.tick++ % SLICES),
      Math.max(1, Math.floor(periodMs / SLICES)),
    );
    this.timer.unref();
  }

  /** The slot of the next socket. */
  takeSlot(): number {
    return this.nextSlot++ % SLICES;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
