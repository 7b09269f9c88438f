/**
 * Where would an update land? Resolves every new item of a validated update (see
 * {@link UpdateShape}) and every deletion to the root type it belongs to, against the
 * room's doc and the update itself — BEFORE Yjs applies it, so a guard can refuse it
 * with nothing applied.
 *
 * Why resolve by hand: Yjs does not write an item's parent when the item has a left or
 * right origin (the parent is inherited from the origin on integration), so the root
 * an update touches is only known by following origins — into the doc's struct store
 * (`Y.getItem`) or to earlier items of the same update. Anything that cannot be
 * followed (an origin neither in the doc nor in the update) is a missing dependency:
 * Yjs would keep it pending in memory, unbounded and unchecked, so it is reported.
 */
import * as Y from 'yjs';
import type { ShapeId, ShapeItem, UpdateShape } from './validate.js';

/** Where a new item or a deletion lands. */
export interface Landing {
  /** Name of the root type it is under. */
  root: string;
  /** Map keys from the root down to the item (null for sequence positions). */
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

/** Resolved parent of something: a type in the doc, a type created by this update, or gone. */
type Parent =
  | { kind: 'doc'; type: Y.AbstractType<unknown> }
  | { kind: 'new'; item: ShapeItem }
  | { kind: 'root'; name: string }
  | { kind: 'gone' }
  | { kind: 'missing'; id: ShapeId };

function typeRefOf(t: Y.AbstractType<unknown>): number {
  if (t instanceof Y.XmlText) return 6;
  if (t instanceof Y.Text) return 2;
  if (t instanceof Y.Map) return 1;
  if (t instanceof Y.Array) return 0;
  if (t instanceof Y.XmlElement) return 3;
  if (t instanceof Y.XmlFragment) return 4;
  return -1;
}

/** Inspects `shape` against `doc` (the doc must hold every update applied before it). */
export function inspectUpdate(doc: Y.Doc, shape: UpdateShape): Inspection {
  const local = new Map<number, ShapeItem[]>();
  for (const it of shape.items) {
    const list = local.get(it.client) ?? [];
    list.push(it);
    local.set(it.client, list);
  }
  const findLocal = (id: ShapeId): ShapeItem | null => {
    const list = local.get(id.client);
    if (!list) return null;
    for (const it of list) if (id.clock >= it.clock && id.clock < it.clock + it.length) return it;
    return null;
  };
  const docItem = (id: ShapeId): Y.Item | Y.GC | null => {
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    return Y.getItem(doc.store, Y.createID(id.client, id.clock)) as Y.Item | Y.GC;
  };
  const known = (id: ShapeId): boolean =>
    Y.getState(doc.store, id.client) > id.clock || findLocal(id) !== null;

  const parentCache = new Map<ShapeItem, Parent>();
  const parentOfLocal = (it: ShapeItem, guard = 0): Parent => {
    const cached = parentCache.get(it);
    if (cached) return cached;
    let p: Parent;
    if (guard > 10_000) p = { kind: 'missing', id: { client: it.client, clock: it.clock } };
    else if (it.parentRoot !== null) p = { kind: 'root', name: it.parentRoot };
    else if (it.parentId !== null) p = typeAt(it.parentId, guard + 1);
    else {
      const ref = it.origin ?? it.rightOrigin;
      p = ref ? parentOfRef(ref, guard + 1) : { kind: 'gone' };
    }
    parentCache.set(it, p);
    return p;
  };
  /** The parent of the item that `ref` points into (an origin). */
  const parentOfRef = (ref: ShapeId, guard: number): Parent => {
    const d = docItem(ref);
    if (d) {
      if (d instanceof Y.GC) return { kind: 'gone' };
      const parent = d.parent;
      return parent instanceof Y.AbstractType ? { kind: 'doc', type: parent } : { kind: 'gone' };
    }
    const l = findLocal(ref);
    return l ? parentOfLocal(l, guard) : { kind: 'missing', id: ref };
  };
  /** The type held by the item `ref` (an explicit parent id). */
  const typeAt = (ref: ShapeId, guard: number): Parent => {
    const d = docItem(ref);
    if (d) {
      if (d instanceof Y.GC || !(d.content instanceof Y.ContentType)) return { kind: 'gone' };
      return { kind: 'doc', type: d.content.type as Y.AbstractType<unknown> };
    }
    const l = findLocal(ref);
    if (!l) return { kind: 'missing', id: ref };
    if (l.content !== 7) return { kind: 'gone' };
    void guard;
    return { kind: 'new', item: l };
  };

  const subCache = new Map<ShapeItem, string | null>();
  /** Effective parentSub: explicit, else the left origin's, else the right origin's. */
  const subOf = (it: ShapeItem, guard = 0): string | null => {
    if (subCache.has(it)) return subCache.get(it) ?? null;
    let sub: string | null = null;
    if (it.parentRoot !== null || it.parentId !== null) sub = it.parentSub;
    else if (guard < 10_000) {
      const ref = it.origin ?? it.rightOrigin;
      if (ref) {
        const d = docItem(ref);
        if (d && !(d instanceof Y.GC)) sub = d.parentSub;
        else {
          const l = findLocal(ref);
          if (l) sub = subOf(l, guard + 1);
        }
      }
    }
    subCache.set(it, sub);
    return sub;
  };

  const landingCache = new Map<ShapeItem, Landing | null>();
  const landingOfType = (t: Y.AbstractType<unknown>): Landing => {
    const path: Array<string | null> = [];
    let cur: Y.AbstractType<unknown> = t;
    let depth = 0;
    while (cur._item !== null && depth < 100_000) {
      path.unshift(cur._item.parentSub);
      cur = cur._item.parent as Y.AbstractType<unknown>;
      depth++;
    }
    return { root: Y.findRootTypeKey(cur), path, parentTypeRef: null, key: null };
  };
  const landingOf = (it: ShapeItem, guard = 0): Landing | null => {
    if (landingCache.has(it)) return landingCache.get(it) ?? null;
    const p = parentOfLocal(it);
    let at: Landing | null = null;
    const key = subOf(it);
    if (p.kind === 'root') at = { root: p.name, path: [], parentTypeRef: null, key };
    else if (p.kind === 'doc') {
      const base = landingOfType(p.type);
      at = {
        root: base.root,
        path: [...base.path],
        parentTypeRef: p.type._item === null ? null : typeRefOf(p.type),
        key,
      };
    } else if (p.kind === 'new' && guard < 10_000) {
      const base = landingOf(p.item, guard + 1);
      if (base)
        at = {
          root: base.root,
          path: [...base.path, base.key],
          parentTypeRef: p.item.typeRef,
          key,
        };
    }
    landingCache.set(it, at);
    return at;
  };

  const out: Inspection = { adds: false, roots: new Set(), landed: [], maxDepth: 0, missing: [] };
  for (const it of shape.items) {
    if (Y.getState(doc.store, it.client) >= it.clock + it.length) continue; // already known
    out.adds = true;
    for (const ref of [it.origin, it.rightOrigin, it.parentId])
      if (ref && !known(ref)) out.missing.push(ref);
    const p = parentOfLocal(it);
    if (p.kind === 'missing') {
      out.missing.push(p.id);
      continue;
    }
    const at = landingOf(it);
    if (!at) continue;
    out.roots.add(at.root);
    out.landed.push({ item: it, at });
    out.maxDepth = Math.max(out.maxDepth, at.path.length + (it.content === 7 ? 1 : 0));
  }
  for (const g of shape.gcs) {
    if (Y.getState(doc.store, g.client) < g.clock + g.length) out.adds = true;
  }
  for (const d of shape.deletes) inspectDeletes(doc, d, findLocal, landingOf, landingOfType, out);
  return out;
}

function inspectDeletes(
  doc: Y.Doc,
  d: { client: number; clock: number; length: number },
  findLocal: (id: ShapeId) => ShapeItem | null,
  landingOf: (it: ShapeItem) => Landing | null,
  landingOfType: (t: Y.AbstractType<unknown>) => Landing,
  out: Inspection,
): void {
  const end = d.clock + d.length;
  const state = Y.getState(doc.store, d.client);
  const structs = doc.store.clients.get(d.client);
  if (structs && d.clock < state) {
    let i = Y.findIndexSS(structs, d.clock);
    for (; i < structs.length; i++) {
      const s = structs[i] as Y.Item | Y.GC;
      if (s.id.clock >= end) break;
      if (s instanceof Y.GC || s.deleted) continue;
      out.adds = true;
      const parent = s.parent;
      if (parent instanceof Y.AbstractType) out.roots.add(landingOfType(parent).root);
    }
  }
  // The part of the range past what the doc holds must be in this update.
  for (let clock = Math.max(d.clock, state); clock < end; ) {
    const it = findLocal({ client: d.client, clock });
    if (!it) {
      out.missing.push({ client: d.client, clock });
      return;
    }
    out.adds = true;
    const at = landingOf(it);
    if (at) out.roots.add(at.root);
    clock = it.clock + it.length;
  }
}
