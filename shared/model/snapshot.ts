/** Derived plain views of a doc, and building a doc from a snapshot (import, templates). */
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { normalizeRichText } from './editorSchema.js';
import {
  APPROVER_FIELDS,
  dropRootsMadeToRead,
  IDENTITY_TEXT_FIELDS,
  LIST_BOXES,
  type ListBox,
  newEntry,
  peek,
  root,
} from './layout.js';
import { STATUSES } from './meta.js';
import { Origin } from './origins.js';
import { richTextToFragment } from './richText.js';
import { guarded, ignoreSkips, type SkipReporter } from './skip.js';
import { SopDoc } from './sopDoc.js';
import { SCHEMA_VERSION, type SopSnapshot, type SopStatus } from './types.js';

/** Options of the total reads {@link toSnapshot} and {@link summarize}. */
export interface ReadOptions {
  /** Told about what a read left out (see skip.ts); default: ignore. */
  onSkip?: SkipReporter;
}

/** Plain JSON view of a doc (the REST `GET /api/sops/:id` body). Never throws (see {@link SopDoc.toSnapshot}). */
export function toSnapshot(doc: Y.Doc, opts: ReadOptions = {}): SopSnapshot {
  // The model binds every root; those it made only for this read go again (a loaded doc
  // would keep them, see `peek`).
  const had = new Set(doc.share.keys());
  const sop = new SopDoc(doc, opts.onSkip ? { onSkip: opts.onSkip } : {});
  try {
    return sop.toSnapshot();
  } finally {
    sop.destroy();
    dropRootsMadeToRead(doc, had);
  }
}

/** Row of `GET /api/sops`. */
export interface SopSummary {
  name: string;
  number: string;
  status: SopStatus;
  updatedAt: string;
  stepCount: number;
}

/** The list-view summary of a doc, without building the whole snapshot. Never throws. */
export function summarize(doc: Y.Doc, opts: ReadOptions = {}): SopSummary {
  const report = opts.onSkip ?? ignoreSkips;
  // Peeked, not created: the server summarizes every loaded SOP after its changes.
  const text = (f: 'name' | 'number') =>
    guarded(report, `identity.${f}`, '', () => peek.identityText(doc, f)?.toString() ?? '');
  const meta = guarded(report, 'meta', null, () => peek.meta(doc) ?? null);
  const status = meta?.get('status');
  const updatedAt = meta?.get('updatedAt');
  const stepCount = guarded(report, 'steps', 0, () => {
    let n = 0;
    // only entries count (a value of another type is not a step, see collection.ts)
    for (const v of peek.steps(doc)?.values() ?? []) if (v instanceof Y.Map) n++;
    return n;
  });
  return {
    name: text('name'),
    number: text('number'),
    status: STATUSES.includes(status as SopStatus) ? (status as SopStatus) : 'draft',
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
    stepCount,
  };
}

function keys(n: number): string[] {
  return n === 0 ? [] : generateNKeysBetween(null, null, n);
}

/**
 * Write a snapshot into an empty doc. Ids of steps and actors are kept (so
 * decision targets and exports round-trip); order keys are fresh. Narrative content
 * is normalised to the editor's schema first (see editorSchema.ts): what is stored is
 * what the editor shows, so opening the editor changes nothing.
 */
export function writeSnapshot(doc: Y.Doc, s: SopSnapshot, origin: unknown = Origin.import): void {
  doc.transact(() => {
    const meta = root.meta(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('template', s.meta.template);
    meta.set('status', s.meta.status);
    meta.set('createdAt', s.meta.createdAt);
    meta.set('updatedAt', s.meta.updatedAt);
    for (const f of IDENTITY_TEXT_FIELDS) root.identityText(doc, f).insert(0, s.identity[f]);
    for (const f of APPROVER_FIELDS) root.approverText(doc, f).insert(0, s.identity.approvedBy[f]);
    for (const box of LIST_BOXES) {
      const items: Array<{ text: string; type?: string; sopId?: string }> =
        box === 'relatedSops'
          ? s.identity.relatedSops
          : s.identity[box as Exclude<ListBox, 'relatedSops'>].map((text) => ({ text }));
      const ks = keys(items.length);
      const map = root.list(doc, box);
      items.forEach((item, i) => {
        const prims: Record<string, string> = item.type ? { type: item.type } : {};
        if (item.sopId) prims.sopId = item.sopId;
        map.set(
          `li_${i.toString().padStart(3, '0')}`,
          newEntry(ks[i] ?? 'a0', prims, { text: item.text }),
        );
      });
    }
    const actorKeys = keys(s.actors.length);
    s.actors.forEach((a, i) => {
      root.actors(doc).set(a.id, newEntry(actorKeys[i] ?? 'a0', {}, { name: a.name }));
    });
    const stepKeys = keys(s.steps.length);
    s.steps.forEach((st, i) => {
      const prims = {
        kind: st.kind,
        actorId: st.actorId,
        timeAmount: st.time.amount,
        timeUnit: st.time.unit,
        yes: st.kind === 'decision' ? st.yes : null,
        no: st.kind === 'decision' ? st.no : null,
      };
      const texts = {
        activity: st.activity,
        requirements: st.requirements,
        output: st.output,
        notes: st.notes,
      };
      root.steps(doc).set(st.id, newEntry(stepKeys[i] ?? 'a0', prims, texts));
    });
    const sectionKeys = keys(s.narrative.length);
    s.narrative.forEach((sec, i) => {
      root.narrativeIndex(doc).set(sec.key, { order: sectionKeys[i] ?? 'a0' });
      richTextToFragment(normalizeRichText(sec.content), root.narrative(doc, sec.key));
    });
  }, origin);
}

/** Build a new doc from a (parsed, trusted) snapshot. Use `parseSnapshot` on untrusted input first. */
export function fromSnapshot(s: SopSnapshot, opts: { origin?: unknown } = {}): Y.Doc {
  const doc = new Y.Doc();
  writeSnapshot(doc, s, opts.origin ?? Origin.import);
  return doc;
}
