/**
 * `SopDoc`: the typed API over one SOP's Y.Doc. Components and routes call
 * `sop.steps.insertAfter(...)`, never raw Y.Map reads.
 */
import type * as Y from 'yjs';
import { ActorsApi } from './actors.js';
import { IdentityApi, type ModelContext } from './identity.js';
import { root } from './layout.js';
import { MetaApi } from './meta.js';
import { NarrativeApi } from './narrative.js';
import { defaultRandom, type Random } from './order.js';
import { Origin } from './origins.js';
import { type ClearedBranch, StepsApi } from './steps.js';
import type { SopSnapshot } from './types.js';

export interface SopDocOptions {
  /** Transaction origin of every mutation (default `Origin.local`). */
  origin?: unknown;
  /** Randomness for ids and order-key jitter (default: crypto). */
  random?: Random;
}

/** What `repair()` fixed. */
export interface RepairReport {
  clearedBranches: ClearedBranch[];
  /** Steps whose actorId pointed at a deleted actor (now null). */
  clearedActors: string[];
}

export class SopDoc {
  readonly doc: Y.Doc;
  readonly origin: unknown;
  readonly identity: IdentityApi;
  readonly actors: ActorsApi;
  readonly steps: StepsApi;
  readonly narrative: NarrativeApi;
  readonly meta: MetaApi;
  private readonly ctx: ModelContext;

  constructor(doc: Y.Doc, opts: SopDocOptions = {}) {
    this.doc = doc;
    this.origin = opts.origin ?? Origin.local;
    this.ctx = {
      doc,
      random: opts.random ?? defaultRandom,
      // nested transact calls join the outer transaction (Yjs semantics)
      transact: (fn) => doc.transact(fn, this.origin),
    };
    this.identity = new IdentityApi(this.ctx);
    this.actors = new ActorsApi(this.ctx);
    this.steps = new StepsApi(this.ctx);
    this.narrative = new NarrativeApi(this.ctx);
    this.meta = new MetaApi(this.ctx);
  }

  /** Run several API calls as one transaction (one undo step, one update). */
  transact(fn: () => void): void {
    this.ctx.transact(fn);
  }

  /** Detach all observers. */
  destroy(): void {
    this.identity.destroy();
    this.actors.destroy();
    this.steps.destroy();
    this.narrative.destroy();
    this.meta.destroy();
  }

  /** Plain JSON view of the whole SOP (fresh objects, safe to mutate). */
  toSnapshot(): SopSnapshot {
    return structuredClone({
      meta: this.meta.get(),
      identity: this.identity.get(),
      actors: this.actors.list(),
      steps: this.steps.list(),
      narrative: this.narrative
        .keys()
        .map((key) => ({ key, content: this.narrative.getJSON(key) })),
    });
  }

  /**
   * Clear references that concurrent edits can leave dangling: a decision
   * exit set while its target was deleted elsewhere, an actor assigned while
   * deleted elsewhere. Deterministic, so replicas repairing at once agree.
   */
  repair(): RepairReport {
    const report: RepairReport = { clearedBranches: [], clearedActors: [] };
    const steps = root.steps(this.doc);
    const actors = root.actors(this.doc);
    this.transact(() => {
      for (const [id, m] of steps.entries()) {
        const actorId = m.get('actorId');
        if (typeof actorId === 'string' && !actors.has(actorId)) {
          m.set('actorId', null);
          report.clearedActors.push(id);
        }
        for (const b of ['yes', 'no'] as const) {
          const t = m.get(b);
          if (typeof t !== 'string') continue;
          if (t === id || !steps.has(t) || m.get('kind') !== 'decision') {
            m.set(b, null);
            report.clearedBranches.push({ stepId: id, branch: b });
          }
        }
      }
    });
    return report;
  }
}
