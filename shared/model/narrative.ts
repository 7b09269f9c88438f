/**
 * Narrative sections: one root Y.XmlFragment per section key (TipTap binds to
 * it) plus an index map `key → {order}` saying which sections exist and in
 * which order. Root fragments (not fragments nested in a map) because two
 * replicas can never create competing copies of a root type.
 */
import type * as Y from 'yjs';
import { normalizeRichText } from './editorSchema.js';
import { ModelError } from './errors.js';
import type { ModelContext } from './identity.js';
import { root } from './layout.js';
import { compareOrdered, indexForPosition, type Position, placeKey } from './order.js';
import { fragmentToRichText, richTextToFragment } from './richText.js';
import type { RichTextNode } from './types.js';

export class NarrativeApi {
  private keysCache: readonly string[] | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly index: Y.Map<{ order: string }>;
  private readonly handler = () => {
    const prev = this.keysCache;
    this.keysCache = null;
    const next = this.keys();
    if (prev && prev.length === next.length && prev.every((k, i) => k === next[i]))
      this.keysCache = prev;
    else for (const cb of [...this.listeners]) cb();
  };

  constructor(private readonly ctx: ModelContext) {
    this.index = root.narrativeIndex(ctx.doc);
    this.index.observe(this.handler);
  }

  destroy(): void {
    this.index.unobserve(this.handler);
  }

  private sorted() {
    return [...this.index.entries()]
      .map(([id, v]) => ({ id, order: typeof v?.order === 'string' ? v.order : '' }))
      .sort(compareOrdered);
  }

  /** Section keys in display order (memoized). */
  keys(): readonly string[] {
    if (!this.keysCache) this.keysCache = this.sorted().map((e) => e.id);
    return this.keysCache;
  }

  /** Fires when sections are added, removed or reordered (not on typing). */
  observe(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** The fragment to bind: `Collaboration.configure({ fragment })`. */
  fragment(key: string): Y.XmlFragment {
    return root.narrative(this.ctx.doc, key);
  }

  /** Root name for `Collaboration.configure({ document, field })`. */
  fieldName(key: string): string {
    return root.narrativeName(key);
  }

  /** The section as ProseMirror JSON; total (see {@link fragmentToRichText}). */
  getJSON(key: string): RichTextNode {
    return fragmentToRichText(this.fragment(key), {
      onSkip: this.ctx.onSkip,
      path: root.narrativeName(key),
    });
  }

  /**
   * Replace a section's content (adds the section if missing), normalised to the
   * editor's schema first (see editorSchema.ts) so that opening the editor changes nothing.
   */
  setJSON(key: string, json: RichTextNode): void {
    this.ctx.transact(() => {
      if (!this.index.has(key)) this.add(key);
      richTextToFragment(normalizeRichText(json), this.fragment(key));
    });
  }

  /** Add a section (default: last). No-op if it exists. */
  add(key: string, pos: Position = { before: null }): void {
    if (this.index.has(key)) return;
    const sorted = this.sorted();
    const index = indexForPosition(sorted, pos) ?? sorted.length;
    this.ctx.transact(() => {
      const { key: order, rekeys } = placeKey(sorted, index, this.ctx.random);
      for (const r of rekeys) this.index.set(r.id, { order: r.order });
      this.index.set(key, { order });
    });
  }

  /** Remove a section and clear its content. */
  remove(key: string): void {
    if (!this.index.has(key)) throw new ModelError('unknown-section', `no section ${key}`, { key });
    this.ctx.transact(() => {
      this.index.delete(key);
      const f = this.fragment(key);
      if (f.length > 0) f.delete(0, f.length);
    });
  }
}
