/**
 * Where would an update land? Resolves every new item of a validated update (see
 * {@link UpdateShape}) and every deletion to the root type it belongs to, against the
 * room's doc and the update itself — BEFORE Yjs applies it, so a guard can refuse it
 * with nothing applied.
 *
 * Why resolve by hand: Yjs does not write an item's parent (nor its map key) when the
 * item has a left or right origin — both are inherited from the origin on integration —
 * so the root an update touches is only known by following origins, into the doc's
 * struct store (`Y.getItem`) or to earlier items of the same update. Anything that
 * cannot be followed (an origin neither in the doc nor in the update) is a missing
 * dependency: Yjs would keep it pending in memory, unbounded and unchecked.
 *
 * Cost: linear in the update (each item is resolved once and memoized, origins are
 * found by binary search, chains are followed with an explicit stack, never recursion),
 * so a 4 MiB sync step 2 of a long offline session costs what applying it costs.
 * {@link addsAnything} answers the cheap question first (does it change anything?),
 * for connections that may not write at all.
 */
import * as Y from 'yjs';
import type { ShapeId, ShapeItem, UpdateShape } from './validate.js';

/** Where a new item or a deletion lands. */
export interface Landing {
  /** Name of the root type it is under. */
  root: string;
  /** Map keys from the root down to the item's parent (null for sequence positions). */
  path: Array<string | null>;
  /** Yjs type ref of the direct parent type (1 map, 2 text, 3/4 xml, ...), null for roots. */
  parentTypeRef: number | null;
  /**
   * The item's map key. Yjs writes it only for an item without origins; one that has an
   * origin (a new value for an existing key) inherits the key of its origin.
   */
  key: string | null;
}

export interface Inspection {
  /** The update changes the doc (new content or new deletions). */
  adds: boolean;
  /** Roots it changes. */
  roots: Set<string>;
  /** New items with their landing (items under GC'd parents are dropped by Yjs: absent). */
  landed: Array<{ item: ShapeItem; at: Landing }>;
  /** Depth (nesting of types) of the deepest new item, roots being depth 0. */
  maxDepth: number;
  /** References to content neither in the doc nor in the update. */
  missing: ShapeId[];
}

/** Resolved parent: a type in the doc, a type created by this update, a root, or gone. */
type Parent =
  | { kind: 'doc'; type: Y.AbstractType<unknown> }
  | { kind: 'new'; item: ShapeItem }
  | { kind: 'root'; name: string }
  | { kind: 'gone' }
  | { kind: 'missing'; id: ShapeId };

interface Resolved {
  parent: Parent;
  key: string | null;
}

const GONE: Resolved = { parent: { kind: 'gone' }, key: null };

function typeRefOf(t: Y.AbstractType<unknown>): number {
  if (t instanceof Y.XmlText) return 6;
  if (t instanceof Y.Text) return 2;
  if (t instanceof Y.Map) return 1;
  if (t instanceof Y.Array) return 0;
  if (t instanceof Y.XmlElement) return 3;
  if (t instanceof Y.XmlFragment) return 4;
  return -1;
}

/** Cheap: does the update change the doc at all (new structs, or deletions of live items)? */
export function addsAnything(doc: Y.Doc, shape: UpdateShape): boolean {
  for (const it of shape.items)
    if (Y.getState(doc.store, it.client) < it.clock + it.length) return true;
  for (const g of shape.gcs) if (Y.getState(doc.store, g.client) < g.clock + g.length) return true;
  for (const d of shape.deletes) {
    const state = Y.getState(doc.store, d.client);
    if (d.clock + d.length > state) return true;
    const structs = doc.store.clients.get(d.client);
    if (!structs) continue;
    const end = d.clock + d.length;
    for (let i = Y.findIndexSS(structs, d.clock); i < structs.length; i++) {
      const s = structs[i] as Y.Item | Y.GC;
      if (s.id.clock >= end) break;
      if (!(s instanceof Y.GC) && !s.deleted) return true;
    }
  }
  return false;
}

class Inspector {
  /** The update's items per client, in clock order (as the update lists them). */
  private readonly local = new Map<number, ShapeItem[]>();
  private readonly resolved = new Map<ShapeItem, Resolved>();
  private readonly landings = new Map<ShapeItem, Landing | null>();

  constructor(
    private readonly doc: Y.Doc,
    shape: UpdateShape,
  ) {
    for (const it of shape.items) {
      let list = this.local.get(it.client);
      if (!list) {
        list = [];
        this.local.set(it.client, list);
      }
      list.push(it);
    }
  }

  /** The update's item holding `id` (binary search), or null. */
  findLocal(id: ShapeId): ShapeItem | null {
    const list = this.local.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const it = list[mid] as ShapeItem;
      if (id.clock < it.clock) hi = mid - 1;
      else if (id.clock >= it.clock + it.length) lo = mid + 1;
      else return it;
    }
    return null;
  }

  docItem(id: ShapeId): Y.Item | Y.GC | null {
    if (Y.getState(this.doc.store, id.client) <= id.clock) return null;
    return Y.getItem(this.doc.store, Y.createID(id.client, id.clock)) as Y.Item | Y.GC;
  }

  known(id: ShapeId): boolean {
    return Y.getState(this.doc.store, id.client) > id.clock || this.findLocal(id) !== null;
  }

  /** The type held by the item `ref` (an explicit parent id). */
  private typeAt(ref: ShapeId): Parent {
    const d = this.docItem(ref);
    if (d) {
      if (d instanceof Y.GC || !(d.content instanceof Y.ContentType)) return { kind: 'gone' };
      return { kind: 'doc', type: d.content.type as Y.AbstractType<unknown> };
    }
    const l = this.findLocal(ref);
    if (!l) return { kind: 'missing', id: ref };
    return l.content === 7 ? { kind: 'new', item: l } : { kind: 'gone' };
  }

  /**
   * Parent and map key of `start`: explicit, or inherited along the chain of origins (left
   * first, as Yjs does). Iterative, memoized: every item of a chain is resolved once.
   */
  resolve(start: ShapeItem): Resolved {
    const hit = this.resolved.get(start);
    if (hit) return hit;
    const chain: ShapeItem[] = [];
    const onChain = new Set<ShapeItem>();
    let cur: ShapeItem = start;
    let found: Resolved;
    for (;;) {
      const memo = this.resolved.get(cur);
      if (memo) {
        found = memo;
        break;
      }
      chain.push(cur);
      onChain.add(cur);
      if (cur.parentRoot !== null) {
        found = { parent: { kind: 'root', name: cur.parentRoot }, key: cur.parentSub };
        chain.pop();
        this.resolved.set(cur, found);
        break;
      }
      if (cur.parentId !== null) {
        found = { parent: this.typeAt(cur.parentId), key: cur.parentSub };
        chain.pop();
        this.resolved.set(cur, found);
        break;
      }
      const ref = cur.origin ?? cur.rightOrigin;
      if (!ref) {
        found = GONE;
        break;
      }
      const d = this.docItem(ref);
      if (d) {
        found =
          d instanceof Y.GC || !(d.parent instanceof Y.AbstractType)
            ? GONE
            : { parent: { kind: 'doc', type: d.parent }, key: d.parentSub };
        break;
      }
      const next = this.findLocal(ref);
      if (!next || onChain.has(next)) {
        found = { parent: { kind: 'missing', id: ref }, key: null };
        break;
      }
      cur = next;
    }
    for (const it of chain) this.resolved.set(it, found);
    return found;
  }

  private static landingOfType(t: Y.AbstractType<unknown>): Landing {
    const path: Array<string | null> = [];
    let cur: Y.AbstractType<unknown> = t;
    while (cur._item !== null) {
      path.push(cur._item.parentSub);
      cur = cur._item.parent as Y.AbstractType<unknown>;
    }
    path.reverse();
    return { root: Y.findRootTypeKey(cur), path, parentTypeRef: null, key: null };
  }

  /** Where `start` lands; null when its parent is gone or missing. Iterative over nesting. */
  landing(start: ShapeItem): Landing | null {
    if (this.landings.has(start)) return this.landings.get(start) ?? null;
    // Walk up through parents created by this update, then build the landings down.
    const up: ShapeItem[] = [];
    const seen = new Set<ShapeItem>();
    let cur: ShapeItem | null = start;
    let base: Landing | null = null;
    while (cur) {
      if (this.landings.has(cur)) {
        base = this.landings.get(cur) ?? null;
        break;
      }
      up.push(cur);
      seen.add(cur);
      const { parent, key } = this.resolve(cur);
      if (parent.kind === 'new') {
        if (seen.has(parent.item)) {
          cur = null; // a cycle of new types: nowhere
          break;
        }
        cur = parent.item;
        continue;
      }
      if (parent.kind === 'root') base = { root: parent.name, path: [], parentTypeRef: null, key };
      else if (parent.kind === 'doc') {
        const t = Inspector.landingOfType(parent.type);
        base = {
          root: t.root,
          path: t.path,
          parentTypeRef: parent.type._item === null ? null : typeRefOf(parent.type),
          key,
        };
      } else base = null;
      this.landings.set(cur, base);
      up.pop();
      cur = null;
    }
    // `up` now holds items whose parent is the next one down; the last has landing `base`.
    for (let i = up.length - 1; i >= 0; i--) {
      const it = up[i] as ShapeItem;
      const { parent, key } = this.resolve(it);
      let at: Landing | null = null;
      if (base && parent.kind === 'new')
        at = {
          root: base.root,
          path: [...base.path, base.key],
          parentTypeRef: parent.item.typeRef,
          key,
        };
      this.landings.set(it, at);
      base = at;
    }
    return this.landings.get(start) ?? null;
  }
}

/** Inspects `shape` against `doc` (the doc must hold every update applied before it). */
export function inspectUpdate(doc: Y.Doc, shape: UpdateShape): Inspection {
  const ins = new Inspector(doc, shape);
  const out: Inspection = { adds: false, roots: new Set(), landed: [], maxDepth: 0, missing: [] };
  for (const it of shape.items) {
    if (Y.getState(doc.store, it.client) >= it.clock + it.length) continue; // already known
    out.adds = true;
    for (const ref of [it.origin, it.rightOrigin, it.parentId])
      if (ref && !ins.known(ref)) out.missing.push(ref);
    const { parent } = ins.resolve(it);
    if (parent.kind === 'missing') {
      out.missing.push(parent.id);
      continue;
    }
    const at = ins.landing(it);
    if (!at) continue;
    out.roots.add(at.root);
    out.landed.push({ item: it, at });
    const depth = at.path.length + (it.content === 7 ? 1 : 0);
    if (depth > out.maxDepth) out.maxDepth = depth;
  }
  for (const g of shape.gcs)
    if (Y.getState(doc.store, g.client) < g.clock + g.length) out.adds = true;
  for (const d of shape.deletes) inspectDeletes(doc, ins, d, out);
  return out;
}

function inspectDeletes(
  doc: Y.Doc,
  ins: Inspector,
  d: { client: number; clock: number; length: number },
  out: Inspection,
): void {
  const end = d.clock + d.length;
  const state = Y.getState(doc.store, d.client);
  const structs = doc.store.clients.get(d.client);
  if (structs && d.clock < state) {
    for (let i = Y.findIndexSS(structs, d.clock); i < structs.length; i++) {
      const s = structs[i] as Y.Item | Y.GC;
      if (s.id.clock >= end) break;
      if (s instanceof Y.GC || s.deleted) continue;
      out.adds = true;
      const parent = s.parent;
      if (parent instanceof Y.AbstractType) {
        let root: Y.AbstractType<unknown> = parent;
        while (root._item !== null) root = root._item.parent as Y.AbstractType<unknown>;
        out.roots.add(Y.findRootTypeKey(root));
      }
    }
  }
  // The part of the range past what the doc holds must be in this update.
  for (let clock = Math.max(d.clock, state); clock < end; ) {
    const it = ins.findLocal({ client: d.client, clock });
    if (!it) {
      out.missing.push({ client: d.client, clock });
      return;
    }
    out.adds = true;
    const at = ins.landing(it);
    if (at) out.roots.add(at.root);
    clock = it.clock + it.length;
  }
}
