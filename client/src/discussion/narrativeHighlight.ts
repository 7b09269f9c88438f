/**
 * TipTap extension that highlights narrative spans with comment threads, and
 * helpers converting between ProseMirror positions and the Yjs relative
 * positions stored on narrative anchors (through y-tiptap's binding mapping).
 *
 * Two ways to feed it:
 *  - `getAnchors` option (recommended): the plugin resolves the anchors itself
 *    and re-resolves them after every document change (so remote edits move
 *    the highlights); call `editor.commands.refreshCommentHighlights()` when
 *    the set of threads changes.
 *  - `editor.commands.setCommentRanges(ranges)` with already resolved
 *    absolute ranges; they are then mapped through local transactions.
 */

import {
  type DiscussionSnapshot,
  decodeRelPos,
  encodeRelPos,
  type NarrativeAnchor,
} from '@shared/discussion/index';
import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** A highlighted range in ProseMirror positions. */
export interface CommentRange {
  from: number;
  to: number;
  threadId: string;
  /** Drawn stronger (the thread selected in the panel). */
  active?: boolean;
}

export interface HighlightAnchor {
  threadId: string;
  anchor: NarrativeAnchor;
}

export interface CommentHighlightOptions {
  /** Section key of this editor; anchors of other sections are ignored. */
  section: string;
  /** Current narrative anchors to highlight (e.g. the open threads). */
  getAnchors: () => readonly HighlightAnchor[];
  /** Thread to draw as active, if any. */
  getActiveThreadId: () => string | null;
  /** Clicking a highlighted span. */
  onClickThread: ((threadId: string) => void) | null;
}

interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

function ySync(state: EditorState): YSyncState | null {
  const s = ySyncPluginKey.getState(state) as YSyncState | undefined;
  return s?.binding ? s : null;
}

/**
 * ProseMirror position of a stored relative position. Yjs resolves it to
 * (type, index) first, and y-tiptap converts that index re-expressed the way
 * y-tiptap itself makes positions (assoc -1): y-tiptap returns null for some
 * positions it did not make, e.g. a span start sticking to the character on
 * its right (assoc 0), which is how span starts are stored.
 */
function toPmPosition(
  y: YSyncState,
  rp: Y.RelativePosition,
  // biome-ignore lint/suspicious/noExplicitAny: y-tiptap types its mapping loosely
  mapping: any,
): number | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(rp, y.doc);
  if (!abs) return null;
  const norm = Y.createRelativePositionFromTypeIndex(abs.type, abs.index, -1);
  return relativePositionToAbsolutePosition(y.doc, y.type, norm, mapping);
}

/** Resolves narrative anchors to ProseMirror ranges in `state` (collapsed/deleted spans are skipped). */
export function rangesFromAnchors(
  state: EditorState,
  anchors: readonly HighlightAnchor[],
  activeThreadId: string | null = null,
): CommentRange[] {
  const y = ySync(state);
  if (!y?.binding) return [];
  const out: CommentRange[] = [];
  for (const { threadId, anchor } of anchors) {
    const rs = decodeRelPos(anchor.start);
    const re = decodeRelPos(anchor.end);
    if (!rs || !re) continue;
    // biome-ignore lint/suspicious/noExplicitAny: y-tiptap types its mapping loosely
    const mapping = y.binding.mapping as any;
    const from = toPmPosition(y, rs, mapping);
    const to = toPmPosition(y, re, mapping);
    if (from === null || to === null || to <= from) continue;
    out.push({ from, to, threadId, active: threadId === activeThreadId });
  }
  return out;
}

/**
 * A narrative anchor for the current selection of a collaborative editor,
 * or null when the selection is empty or the editor is not bound to Yjs.
 */
export function anchorFromSelection(state: EditorState, section: string): NarrativeAnchor | null {
  const { from, to, empty } = state.selection;
  const y = ySync(state);
  if (empty || !y?.binding) return null;
  // biome-ignore lint/suspicious/noExplicitAny: y-tiptap types its mapping loosely
  const mapping = y.binding.mapping as any;
  // y-tiptap makes positions that stick to the character on their LEFT (assoc
  // -1). Right for the end (text typed after the span stays out of it), wrong
  // for the start: text typed just before the span would join it. So the
  // start is re-made to stick to the span's first character (assoc 0), as
  // `narrativeAnchorFromOffsets` does.
  const left = absolutePositionToRelativePosition(from, y.type, mapping) as Y.RelativePosition;
  const abs = Y.createAbsolutePositionFromRelativePosition(left, y.doc);
  const start = abs ? Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0) : left;
  const end = absolutePositionToRelativePosition(to, y.type, mapping) as Y.RelativePosition;
  return {
    kind: 'narrative',
    section,
    start: encodeRelPos(start),
    end: encodeRelPos(end),
    quote: state.doc.textBetween(from, to, ' '),
  };
}

function decorate(state: EditorState, ranges: readonly CommentRange[]): DecorationSet {
  const size = state.doc.content.size;
  const decos = ranges
    .filter((r) => r.from >= 0 && r.to <= size && r.to > r.from)
    .map((r) =>
      Decoration.inline(
        r.from,
        r.to,
        {
          class: `dc-narrative-highlight${r.active ? ' dc-narrative-active' : ''}`,
          'data-thread-id': r.threadId,
          'data-testid': 'comment-highlight',
        },
        { threadId: r.threadId },
      ),
    );
  return DecorationSet.create(state.doc, decos);
}

export const commentHighlightKey = new PluginKey<DecorationSet>('susunCommentHighlight');

type Meta = { ranges: readonly CommentRange[] } | { refresh: true };

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    commentHighlight: {
      /** Highlights exactly these (already resolved) ranges. */
      setCommentRanges: (ranges: readonly CommentRange[]) => ReturnType;
      /** Re-resolves the `getAnchors` option against the current document. */
      refreshCommentHighlights: () => ReturnType;
    };
  }
}

/** Highlights commented narrative spans (class `dc-narrative-highlight`). */
export const CommentHighlight = Extension.create<CommentHighlightOptions>({
  name: 'commentHighlight',

  addOptions() {
    return {
      section: '',
      getAnchors: () => [],
      getActiveThreadId: () => null,
      onClickThread: null,
    };
  },

  addCommands() {
    return {
      setCommentRanges:
        (ranges) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(commentHighlightKey, { ranges } satisfies Meta);
          return true;
        },
      refreshCommentHighlights:
        () =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(commentHighlightKey, { refresh: true } satisfies Meta);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const opts = this.options;
    const current = (state: EditorState): CommentRange[] =>
      rangesFromAnchors(
        state,
        opts.getAnchors().filter((a) => a.anchor.section === opts.section),
        opts.getActiveThreadId(),
      );
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, old, _oldState, newState) {
            const meta = tr.getMeta(commentHighlightKey) as Meta | undefined;
            if (meta && 'ranges' in meta) return decorate(newState, meta.ranges);
            if (meta && 'refresh' in meta) return decorate(newState, current(newState));
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state),
          handleClick(view, pos) {
            if (!opts.onClickThread) return false;
            const found = commentHighlightKey.getState(view.state)?.find(pos, pos);
            const id = (found?.[0]?.spec as { threadId?: string } | undefined)?.threadId;
            if (!id) return false;
            opts.onClickThread(id);
            return false;
          },
        },
        view: () => {
          let destroyed = false;
          let scheduled = false;
          return {
            update(view, prevState) {
              // Re-resolve after content changes (remote edits included): the
              // y-tiptap mapping is only up to date once every plugin view has
              // run, hence the microtask.
              if (view.state.doc === prevState.doc || scheduled) return;
              if (opts.getAnchors().length === 0) return;
              scheduled = true;
              queueMicrotask(() => {
                scheduled = false;
                if (destroyed || view.isDestroyed) return;
                view.dispatch(view.state.tr.setMeta(commentHighlightKey, { refresh: true }));
              });
            },
            destroy() {
              destroyed = true;
            },
          };
        },
      }),
    ];
  },
});

/** The open narrative threads of a discussion snapshot, for `getAnchors`. */
export function narrativeAnchorsOf(
  snapshot: DiscussionSnapshot,
  includeResolved = false,
): HighlightAnchor[] {
  const out: HighlightAnchor[] = [];
  for (const t of snapshot.threads) {
    if (t.anchor.kind !== 'narrative') continue;
    if (!includeResolved && t.status !== 'open') continue;
    out.push({ threadId: t.id, anchor: t.anchor });
  }
  return out;
}
