/** Actors (pelaksana): the swimlane columns. */
import * as Y from 'yjs';
import { OrderedCollection } from './collection.js';
import { ModelError } from './errors.js';
import type { ModelContext } from './identity.js';
import { type EntryMap, newEntry, root, txt, ytext } from './layout.js';
import { newId, type Position } from './order.js';
import { setTextMinimal } from './text.js';
import type { Actor } from './types.js';

export class ActorsApi {
  readonly col: OrderedCollection<Actor>;

  constructor(private readonly ctx: ModelContext) {
    this.col = new OrderedCollection(
      root.actors(ctx.doc),
      (id, m) => ({ id, name: txt(m, 'name') }),
      { path: 'actors', onSkip: ctx.onSkip },
    );
  }

  destroy(): void {
    this.col.destroy();
  }

  /** Actors in column order (memoized). */
  list(): Actor[] {
    return this.col.list();
  }

  ids(): readonly string[] {
    return this.col.ids();
  }

  get(id: string): Actor | undefined {
    return this.col.get(id);
  }

  has(id: string): boolean {
    return this.col.has(id);
  }

  /** Fires when the list, its order or any name changes. */
  observe(cb: () => void): () => void {
    return this.col.observeAny(cb);
  }

  /** Add an actor (default: last column); returns its id. */
  add(name: string, pos: Position = { before: null }): string {
    const id = newId('a', this.ctx.random);
    this.ctx.transact(() => {
      const key = this.col.keyFor(pos, this.ctx.random);
      this.col.map.set(id, newEntry(key, {}, { name }));
    });
    return id;
  }

  rename(id: string, name: string): void {
    const m = this.must(id);
    this.ctx.transact(() => setTextMinimal(ytext(m, 'name'), name));
  }

  nameText(id: string): Y.Text {
    return ytext(this.must(id), 'name');
  }

  move(id: string, pos: Position): void {
    const m = this.must(id);
    this.ctx.transact(() => {
      const key = this.col.keyFor(pos, this.ctx.random, id);
      m.set('order', key);
    });
  }

  /**
   * Delete an actor. If steps use it, refuse with `actor-in-use` unless
   * `reassignTo` names another existing actor; those steps move to it.
   */
  delete(id: string, opts: { reassignTo?: string } = {}): { reassignedSteps: string[] } {
    this.must(id);
    const users: Array<[string, EntryMap]> = [];
    for (const [sid, v] of root.steps(this.ctx.doc).entries()) {
      // (a value that is not an entry cannot use an actor)
      if (v instanceof Y.Map && v.get('actorId') === id) users.push([sid, v]);
    }
    const target = opts.reassignTo;
    if (users.length > 0) {
      if (target === undefined) {
        throw new ModelError('actor-in-use', `actor ${id} is used by ${users.length} step(s)`, {
          actorId: id,
          stepIds: users.map(([sid]) => sid),
        });
      }
      if (target === id || !this.col.has(target)) {
        throw new ModelError('unknown-actor', `cannot reassign to ${target}`, { actorId: target });
      }
    }
    this.ctx.transact(() => {
      for (const [, m] of users) m.set('actorId', target ?? null);
      this.col.map.delete(id);
    });
    return { reassignedSteps: users.map(([sid]) => sid) };
  }

  private must(id: string): EntryMap {
    const m = this.col.entry(id);
    if (!m) throw new ModelError('unknown-actor', `no actor ${id}`, { actorId: id });
    return m;
  }
}
