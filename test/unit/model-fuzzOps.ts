/** Random model operations for the convergence simulation (not a test file itself). */
import {
  type IdentityTextField,
  LIST_BOXES,
  type Position,
  paragraphs,
  type SopDoc,
  STATUSES,
  STEP_KINDS,
  STEP_TEXT_FIELDS,
  TIME_UNITS,
} from '../../shared/model/index.js';

/** mulberry32: small seeded PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, xs: readonly T[]): T | undefined {
  return xs.length ? xs[Math.floor(rand() * xs.length)] : undefined;
}

const WORDS = ['arsip', ' rusak', 'Ya', ' banjir', 'é', '😀', ' dan', 'x'];

/** Insert or delete a little text at a random place (minimal diff through the model). */
function edit(rand: () => number, oldText: string): string {
  // by code point, as a text input never yields half a surrogate pair
  const old = Array.from(oldText);
  const at = Math.floor(rand() * (old.length + 1));
  if (rand() < 0.3 && old.length > 0) {
    return [...old.slice(0, at), ...old.slice(at + 1 + Math.floor(rand() * 3))].join('');
  }
  return old.slice(0, at).join('') + (pick(rand, WORDS) ?? '') + old.slice(at).join('');
}

function pos(rand: () => number, ids: readonly string[]): Position {
  const ref = rand() < 0.15 ? null : (pick(rand, ids) ?? null);
  return rand() < 0.5 ? { after: ref } : { before: ref };
}

const IDENTITY: IdentityTextField[] = ['name', 'number', 'agency'];

export function randomOp(
  sop: SopDoc,
  rand: () => number,
  track: { created: Set<string>; deleted: Set<string> },
): void {
  const ids = sop.steps.ids();
  const actors = sop.actors.ids();
  const id = pick(rand, ids);
  const x = rand();
  if (x < 0.14 || !id) {
    const ref = pick(rand, ids) ?? null;
    const init = { activity: pick(rand, WORDS) ?? '', kind: pick(rand, STEP_KINDS) ?? 'process' };
    const nid = rand() < 0.5 ? sop.steps.insertAfter(ref, init) : sop.steps.insertBefore(ref, init);
    track.created.add(nid);
  } else if (x < 0.26) sop.steps.move(id, pos(rand, ids));
  else if (x < 0.31) {
    sop.steps.delete(id);
    track.deleted.add(id);
  } else if (x < 0.5) {
    const field = pick(rand, STEP_TEXT_FIELDS) ?? 'activity';
    sop.steps.set(id, field, edit(rand, sop.steps.get(id)?.[field] ?? ''));
  } else if (x < 0.55) sop.steps.setKind(id, pick(rand, STEP_KINDS) ?? 'process');
  else if (x < 0.62) {
    if (sop.steps.get(id)?.kind !== 'decision') sop.steps.setKind(id, 'decision');
    const other = () => {
      const t = pick(rand, ids) ?? null;
      return t === id ? null : t;
    };
    sop.steps.setTargets(id, rand() < 0.5 ? { yes: other() } : { yes: other(), no: other() });
  } else if (x < 0.67) {
    sop.steps.setTime(id, {
      amount: Math.floor(rand() * 10),
      unit: pick(rand, TIME_UNITS) ?? 'hour',
    });
  } else if (x < 0.72) sop.steps.setActor(id, pick(rand, actors) ?? null);
  else if (x < 0.77) sop.actors.add(pick(rand, WORDS) ?? 'A', pos(rand, actors));
  else if (x < 0.8) {
    const a = pick(rand, actors);
    if (a) sop.actors.move(a, pos(rand, actors));
  } else if (x < 0.83) {
    const a = pick(rand, actors);
    if (a) sop.actors.rename(a, edit(rand, sop.actors.get(a)?.name ?? ''));
  } else if (x < 0.85) {
    const a = pick(rand, actors);
    const other = actors.find((o) => o !== a);
    if (a) sop.actors.delete(a, rand() < 0.7 && other ? { reassignTo: other } : {});
  } else if (x < 0.87) {
    const key = pick(rand, ['purpose', 'scope']) ?? 'purpose';
    sop.narrative.setJSON(
      key,
      paragraphs(edit(rand, sop.narrative.getJSON(key).content?.[0]?.content?.[0]?.text ?? '')),
    );
  } else if (x < 0.88) {
    sop.meta.setStatus(pick(rand, STATUSES) ?? 'draft');
  } else if (x < 0.92) {
    const f = pick(rand, IDENTITY) ?? 'name';
    sop.identity.set(f, edit(rand, sop.identity.get()[f]));
  } else {
    const list = sop.identity.list(pick(rand, LIST_BOXES) ?? 'legalBasis');
    const items = list.items().map((i) => i.id);
    const item = pick(rand, items);
    const y = rand();
    if (y < 0.4 || !item) list.add(pick(rand, WORDS) ?? '', pos(rand, items));
    else if (y < 0.6) list.move(item, pos(rand, items));
    else if (y < 0.7) list.remove(item);
    else list.set(item, edit(rand, list.items().find((i) => i.id === item)?.text ?? ''));
  }
}
