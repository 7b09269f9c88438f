/** Procedure steps: ordered rows with kind, actor, Mutu Baku cells and decision exits. */
import type * as Y from 'yjs';
import { OrderedCollection } from './collection.js';
import { ModelError } from './errors.js';
import type { ModelContext } from './identity.js';
import {
  type EntryMap,
  newEntry,
  root,
  STEP_TEXT_FIELDS,
  type StepTextField,
  str,
  txt,
  ytext,
} from './layout.js';
import { newId, type Position } from './order.js';
import { setTextMinimal } from './text.js';
import type { Step, StepKind, TimeUnit } from './types.js';

export const STEP_KINDS: readonly StepKind[] = ['terminator', 'process', 'decision'];
export const TIME_UNITS: readonly TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

/** Fields of a new step; everything optional. */
export type StepInit = Partial<Omit<Step, 'id'>>;

export type Branch = 'yes' | 'no';
export interface ClearedBranch {
  stepId: string;
  branch: Branch;
}

function stepToPlain(id: string, m: EntryMap): Step {
  const kind = str(m, 'kind') as StepKind;
  const unit = str(m, 'timeUnit') as TimeUnit;
  const amount = m.get('timeAmount');
  const actorId = m.get('actorId');
  // Only decisions have exits. A concurrent setKind + setTargets can leave
  // targets on another kind; the plain view hides them (repair() clears them).
  const target = (k: Branch) => {
    const v = m.get(k);
    return typeof v === 'string' && kind === 'decision' ? v : null;
  };
  return {
    id,
    kind: STEP_KINDS.includes(kind) ? kind : 'process',
    actorId: typeof actorId === 'string' ? actorId : null,
    activity: txt(m, 'activity'),
    requirements: txt(m, 'requirements'),
    time: {
      amount: typeof amount === 'number' && Number.isFinite(amount) ? amount : null,
      unit: TIME_UNITS.includes(unit) ? unit : 'minute',
    },
    output: txt(m, 'output'),
    notes: txt(m, 'notes'),
    yes: target('yes'),
    no: target('no'),
  };
}

export class StepsApi {
  readonly col: OrderedCollection<Step>;

  constructor(private readonly ctx: ModelContext) {
    this.col = new OrderedCollection(root.steps(ctx.doc), stepToPlain, {
      path: 'steps',
      onSkip: ctx.onSkip,
    });
  }

  destroy(): void {
    this.col.destroy();
  }

  /** Ordered step ids; a new array only when order or membership changes. */
  ids(): readonly string[] {
    return this.col.ids();
  }

  /** Ordered plain steps (memoized). */
  list(): Step[] {
    return this.col.list();
  }

  /** Plain step; same object until this step changes. */
  get(id: string): Step | undefined {
    return this.col.get(id);
  }

  has(id: string): boolean {
    return this.col.has(id);
  }

  /** Fires only when `ids()` changes. */
  observeOrder(cb: () => void): () => void {
    return this.col.observeOrder(cb);
  }

  /** Fires only when `get(id)` changes. */
  observe(id: string, cb: () => void): () => void {
    return this.col.observeItem(id, cb);
  }

  /** Fires on any change to any step or the order. */
  observeAny(cb: () => void): () => void {
    return this.col.observeAny(cb);
  }

  /** Insert after `afterId` (null = at the start); returns the new id. */
  insertAfter(afterId: string | null, init: StepInit = {}): string {
    if (afterId !== null) this.must(afterId);
    return this.insert({ after: afterId }, init);
  }

  /** Insert before `beforeId` (null = at the end); returns the new id. */
  insertBefore(beforeId: string | null, init: StepInit = {}): string {
    if (beforeId !== null) this.must(beforeId);
    return this.insert({ before: beforeId }, init);
  }

  private insert(pos: Position, init: StepInit): string {
    const kind = init.kind ?? 'process';
    if (init.actorId != null && !root.actors(this.ctx.doc).has(init.actorId)) {
      throw new ModelError('unknown-actor', `no actor ${init.actorId}`, { actorId: init.actorId });
    }
    const id = newId('s', this.ctx.random);
    const targets =
      kind === 'decision'
        ? { yes: init.yes ?? null, no: init.no ?? null }
        : { yes: null, no: null };
    for (const t of [targets.yes, targets.no]) if (t !== null) this.must(t);
    this.ctx.transact(() => {
      const key = this.col.keyFor(pos, this.ctx.random);
      const texts: Record<string, string> = {};
      for (const f of STEP_TEXT_FIELDS) texts[f] = init[f] ?? '';
      const prims = {
        kind,
        actorId: init.actorId ?? null,
        timeAmount: init.time?.amount ?? null,
        timeUnit: init.time?.unit ?? 'minute',
        ...targets,
      };
      this.col.map.set(id, newEntry(key, prims, texts));
    });
    return id;
  }

  move(id: string, pos: Position): void {
    const m = this.must(id);
    const ref = 'after' in pos ? pos.after : pos.before;
    if (ref === id) return;
    if (ref !== null) this.must(ref);
    this.ctx.transact(() => {
      const key = this.col.keyFor(pos, this.ctx.random, id);
      m.set('order', key);
    });
  }

  /** Delete a step; decision branches pointing at it are cleared and returned. */
  delete(id: string): { clearedBranches: ClearedBranch[] } {
    this.must(id);
    const cleared: ClearedBranch[] = [];
    this.ctx.transact(() => {
      for (const [sid, m] of this.col.entries()) {
        if (sid === id) continue;
        for (const b of ['yes', 'no'] as const) {
          if (m.get(b) === id) {
            m.set(b, null);
            cleared.push({ stepId: sid, branch: b });
          }
        }
      }
      this.col.map.delete(id);
    });
    return { clearedBranches: cleared };
  }

  /** Change the kind; leaving 'decision' clears its exits. */
  setKind(id: string, kind: StepKind): void {
    const m = this.must(id);
    this.ctx.transact(() => {
      m.set('kind', kind);
      if (kind !== 'decision') {
        if (m.get('yes') !== null) m.set('yes', null);
        if (m.get('no') !== null) m.set('no', null);
      }
    });
  }

  setActor(id: string, actorId: string | null): void {
    const m = this.must(id);
    if (actorId !== null && !root.actors(this.ctx.doc).has(actorId)) {
      throw new ModelError('unknown-actor', `no actor ${actorId}`, { actorId });
    }
    this.ctx.transact(() => m.set('actorId', actorId));
  }

  /** Set amount and/or unit (each is its own key, so concurrent edits of both survive). */
  setTime(id: string, time: { amount?: number | null; unit?: TimeUnit }): void {
    const m = this.must(id);
    this.ctx.transact(() => {
      if (time.amount !== undefined) m.set('timeAmount', time.amount);
      if (time.unit !== undefined) m.set('timeUnit', time.unit);
    });
  }

  /** Set the Ya/Tidak exits of a decision. */
  setTargets(id: string, targets: { yes?: string | null; no?: string | null }): void {
    const m = this.must(id);
    if (m.get('kind') !== 'decision')
      throw new ModelError('not-a-decision', `step ${id} is not a decision`, { id });
    for (const b of ['yes', 'no'] as const) {
      const t = targets[b];
      if (t === undefined || t === null) continue;
      if (t === id)
        throw new ModelError('decision-target-self', `step ${id} cannot point at itself`, { id });
      this.must(t);
    }
    this.ctx.transact(() => {
      if (targets.yes !== undefined) m.set('yes', targets.yes);
      if (targets.no !== undefined) m.set('no', targets.no);
    });
  }

  /** Replace a text cell with a minimal edit. */
  set(id: string, field: StepTextField, value: string): void {
    const m = this.must(id);
    this.ctx.transact(() => setTextMinimal(ytext(m, field), value));
  }

  text(id: string, field: StepTextField): Y.Text {
    return ytext(this.must(id), field);
  }

  private must(id: string): EntryMap {
    const m = this.col.entry(id);
    if (!m) throw new ModelError('unknown-step', `no step ${id}`, { id });
    return m;
  }
}
