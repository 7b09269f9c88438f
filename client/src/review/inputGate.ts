/**
 * Holds back automatic scrolling while the user is acting on the page.
 *
 * Why: a follower's view jumps to the presenter's step. If the jump happens
 * between the press and the release of a click, the release lands on another
 * element and the click is lost (seen in meetings: verdict clicks that did not
 * count). So a follow-scroll waits while a pointer is down and until the page
 * has been quiet (no pointer movement, key, wheel or touch) for `quietMs`.
 */

/** The event source the gate listens to (`window` in the browser, a stub in tests). */
export interface GateTarget {
  addEventListener(type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions): void;
  removeEventListener(type: string, fn: (e: Event) => void, opts?: EventListenerOptions): void;
}

export interface GateClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: GateClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A press held longer than this (ms) no longer holds scrolling back. */
const STUCK_MS = 10_000;

/** Input events that count as "the user is doing something here". */
const ACTIVITY = ['pointermove', 'keydown', 'wheel', 'touchstart', 'touchmove'] as const;

export class InputGate {
  private down = false;
  private downAt = 0;
  private lastInput = Number.NEGATIVE_INFINITY;
  private pending: (() => void) | null = null;
  private timer: unknown = null;

  constructor(
    private readonly target: GateTarget | null,
    /** How long the page must be still before a held-back scroll runs. */
    readonly quietMs = 650,
    private readonly clock: GateClock = realClock,
  ) {
    if (!target) return;
    const opts = { capture: true, passive: true };
    target.addEventListener('pointerdown', this.onDown, opts);
    target.addEventListener('pointerup', this.onUp, opts);
    target.addEventListener('pointercancel', this.onUp, opts);
    for (const type of ACTIVITY) target.addEventListener(type, this.onActivity, opts);
  }

  private onDown = (): void => {
    this.down = true;
    this.downAt = this.lastInput = this.clock.now();
  };

  private onUp = (): void => {
    this.down = false;
    this.lastInput = this.clock.now();
    this.arm();
  };

  /** A press whose release never came (released outside the window) stops counting. */
  private pressed(): boolean {
    if (this.down && this.clock.now() - this.downAt > STUCK_MS) this.down = false;
    return this.down;
  }

  private onActivity = (): void => {
    this.lastInput = this.clock.now();
    if (this.pending) this.arm();
  };

  /** Whether a scroll may run now: no pointer down and no input for `quietMs`. */
  quiet(): boolean {
    return !this.pressed() && this.clock.now() - this.lastInput >= this.quietMs;
  }

  /**
   * Runs `fn` now when quiet, else once quiet. Only the latest call waits: a
   * newer one replaces it (the presenter moved again).
   */
  whenQuiet(fn: () => void): void {
    this.pending = fn;
    this.arm();
  }

  /** Forgets a waiting call. */
  cancel(): void {
    this.pending = null;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (!this.pending) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.quiet()) {
      const fn = this.pending;
      this.pending = null;
      fn();
      return;
    }
    // While the pointer is down the release re-arms (or, if it never comes, the
    // stuck-press limit); otherwise check again when the quiet time has passed.
    const wait = this.pressed()
      ? STUCK_MS - (this.clock.now() - this.downAt) + 1
      : this.quietMs - (this.clock.now() - this.lastInput);
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.arm();
      },
      Math.max(0, wait),
    );
  }

  destroy(): void {
    this.cancel();
    if (!this.target) return;
    const opts = { capture: true };
    this.target.removeEventListener('pointerdown', this.onDown, opts);
    this.target.removeEventListener('pointerup', this.onUp, opts);
    this.target.removeEventListener('pointercancel', this.onUp, opts);
    for (const type of ACTIVITY) this.target.removeEventListener(type, this.onActivity, opts);
  }
}
