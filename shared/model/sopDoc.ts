/**
 * `SopDoc`: the typed API over one SOP's Y.Doc. Components and routes call
 * `sop.steps.insertAfter(...)`, never raw Y.Map reads.
 */
import * as Y from 'yjs';
import { ActorsApi } from './actors.js';
import { emptySnapshot } from './defaults.js';
import { IdentityApi, type ModelContext } from './identity.js';
import { isKnownRoot, root } from './layout.js';
import { MetaApi } from './meta.js';
import { NarrativeApi } from './narrative.js';
import { defaultRandom, type Random } from './order.js';
import { Origin } from './origins.js';
import { guarded, ignoreSkips, type SkipReporter } from './skip.js';
import { type ClearedBranch, StepsApi } from './steps.js';
import type { SopSnapshot } from './types.js';

export interface SopDocOptions {
  /** Transaction origin of every mutation (default `Origin.local`). */
  origin?: unknown;
  /** Randomness for ids and order-key jitter (default: crypto). */
  random?: Random;
  /**
   * Told about every entry a read leaves out because it cannot be read (a value of the
   * wrong type, an unknown root, content nested too deeply; see skip.ts). Default: ignore.
   */
  onSkip?: SkipReporter;
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
  private readonly onSkip: SkipReporter;

  constructor(doc: Y.Doc, opts: SopDocOptions = {}) {
    this.doc = doc;
    this.origin = opts.origin ?? Origin.local;
    this.onSkip = opts.onSkip ?? ignoreSkips;
    this.ctx = {
      doc,
      random: opts.random ?? defaultRandom,
      // nested transact calls join the outer transaction (Yjs semantics)
      transact: (fn) => doc.transact(fn, this.origin),
      onSkip: opts.onSkip,
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

  /**
   * Plain JSON view of the whole SOP (fresh objects, safe to mutate). Total: what cannot
   * be read is left out and reported to `onSkip`; a part that still fails reads as empty.
   */
  toSnapshot(): SopSnapshot {
    const report = this.onSkip;
    const empty = emptySnapshot();
    for (const name of this.doc.share.keys())
      if (!isKnownRoot(name)) report(name, 'unknown root left out');
    const snapshot: SopSnapshot = {
      meta: guarded(report, 'meta', empty.meta, () => this.meta.get()),
      identity: guarded(report, 'identity', empty.identity, () => this.identity.get()),
      actors: guarded(report, 'actors', [], () => this.actors.list()),
      steps: guarded(report, 'steps', [], () => this.steps.list()),
      narrative: guarded(report, 'narrativeIndex', [], () => this.narrative.keys()).flatMap((key) =>
        guarded(report, root.narrativeName(key), [], () => [
          { key, content: this.narrative.getJSON(key) },
        ]),
      ),
    };
    return structuredClone(snapshot);
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
        if (!(m instanceof Y.Map)) continue; // not an entry (see collection.ts)
        const actorId = m.get('actorId');
        if (typeof actorId === 'string' && !(actors.get(actorId) instanceof Y.Map)) {
          m.set('actorId', null);
          report.clearedActors.push(id);
        }
        for (const b of ['yes', 'no'] as const) {
          const t = m.get(b);
          if (typeof t !== 'string') continue;
          if (t === id || !(steps.get(t) instanceof Y.Map) || m.get('kind') !== 'decision') {
            m.set(b, null);
            report.clearedBranches.push({ stepId: id, branch: b });
          }
        }
      }
    });
    return report;
  }
}
