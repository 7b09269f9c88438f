/**
 * Where the load generators write. Since issue 12 Susun refuses client updates that would
 * give an SOP a shape its model cannot read (`server/rooms/docSchema.ts`): an unknown root
 * such as the traces' old `getText('text')` closes the socket with 4422. So every scenario
 * writes SOP fields — the plain-text field *Instansi* (`identity.agency`, empty in a new
 * `sop-ap` SOP) and, for the cold-load copies, entries of the *Pencatatan dan Pendataan* list
 * box (`list.records`) — and the baselines get exactly the same roots (they accept anything),
 * so all three servers hold the same documents.
 */
import * as Y from 'yjs';
import { SopDoc } from '../../../shared/model/index.js';
import { root } from '../../../shared/model/layout.js';

/** The plain-text SOP field the benchmarks type into (`identity.agency`). */
export function benchText(doc: Y.Doc): Y.Text {
  return root.identityText(doc, 'agency');
}

/** Separator of the indices appended by {@link appendIndex}. */
const SEP = ';';

/**
 * Appends `k;` at the end of the text: one edit = one transaction = one update holding one
 * string item, like the `Y.Array` push it replaces; the index lets a receiver tell which
 * edit arrived.
 */
export function appendIndex(text: Y.Text, k: number): void {
  text.insert(text.length, `${k}${SEP}`);
}

/** The indices in a string of appended `k;` tokens. */
export function indicesIn(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(SEP)) if (part !== '') out.push(Number(part));
  return out;
}

/**
 * Calls `onIndices` with the indices each change of `text` inserted. Only one writer appends,
 * always at the end, so every inserted run holds whole tokens (several when the server
 * delivers a few edits in one message).
 */
export function observeIndices(text: Y.Text, onIndices: (ks: number[]) => void): void {
  text.observe((event) => {
    for (const d of event.changes.delta)
      if (typeof d.insert === 'string') onIndices(indicesIn(d.insert));
  });
}

/** Client id of the skeleton (the list entries) of the cold-load documents. */
const SKELETON_CLIENT = 999_999;

/**
 * `count` empty entries of the list box `list.records` (a Y.Map of id → Y.Map {order,
 * text: Y.Text}), made through the SOP model, as one update; and the id of the item holding
 * each entry's text, under which {@link rewriteTextUpdate} re-parents a copy of a text.
 */
export function recordEntries(count: number): {
  update: Uint8Array;
  textItems: { client: number; clock: number }[];
} {
  const doc = new Y.Doc();
  doc.clientID = SKELETON_CLIENT;
  const sop = new SopDoc(doc);
  try {
    const list = sop.identity.list('records');
    const ids: string[] = [];
    sop.transact(() => {
      for (let i = 0; i < count; i++) ids.push(list.add(''));
    });
    const textItems = ids.map((id) => {
      const item = list.text(id)._item;
      if (!item) throw new Error('entry text has no item');
      return { client: item.id.client, clock: item.id.clock };
    });
    return { update: Y.encodeStateAsUpdate(doc), textItems };
  } finally {
    sop.destroy();
    doc.destroy();
  }
}

/** Total text length of the entries of `list.records` (the cold-load document's content). */
export function recordsLength(doc: Y.Doc): number {
  let n = 0;
  for (const entry of root.list(doc, 'records').values()) {
    const t = entry.get('text');
    if (t instanceof Y.Text) n += t.length;
  }
  return n;
}
