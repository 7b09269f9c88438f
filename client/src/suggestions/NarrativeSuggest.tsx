/**
 * Suggestions on the narrative (issue 16). Chosen design: a suggestion is replacement
 * text for a selected span, anchored by Yjs relative positions like a comment on a
 * span; it is data beside the content, never marks inside the TipTap document. The
 * editor shows it inline as a tracked change, with decorations only: the span struck
 * through and the proposed text after it (re-resolved after every change, so it
 * follows concurrent edits); the card under the section shows the word-level
 * difference and accept / reject; accepting replaces the span on the server.
 */
import type { Suggestions } from '@shared/discussion/index';
import { type Editor, Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { PencilLine } from 'lucide-react';
import { memo, useState } from 'react';
import { IconButton } from '../components/IconButton';
import { anchorFromSelection, rangesFromAnchors } from '../discussion/narrativeHighlight';
import { useSuggestionsT } from './i18n';
import { SuggestionCard } from './SuggestionCard';
import { useOpenIndex, useSuggestions } from './SuggestionsContext';
import { TextSuggestDialog } from './TextSuggestDialog';
import './suggestions.css';

export const suggestionHighlightKey = new PluginKey<DecorationSet>('susunSuggestionHighlight');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestionHighlight: {
      /** Re-resolves the open narrative suggestions against the current document. */
      refreshSuggestionHighlights: () => ReturnType;
    };
  }
}

/** The proposed text of a narrative suggestion, inline after the span it would replace. */
function proposedText(id: string, text: string, author: string): HTMLElement {
  const el = document.createElement('ins');
  el.className = 'sg-narrative-ins';
  el.dataset.suggestionId = id;
  el.contentEditable = 'false';
  el.title = author;
  el.textContent = text;
  return el;
}

/**
 * Shows open suggestions inline as tracked changes: the span each would replace (class
 * `sg-narrative-span`, struck through) and its proposed text after it (`sg-narrative-ins`).
 */
export const SuggestionHighlight = Extension.create<{
  section: string;
  getStore: () => Suggestions | null;
}>({
  name: 'suggestionHighlight',
  addOptions() {
    return { section: '', getStore: () => null };
  },
  addCommands() {
    return {
      refreshSuggestionHighlights:
        () =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(suggestionHighlightKey, true);
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    const opts = this.options;
    const build = (state: Parameters<typeof rangesFromAnchors>[0]) => {
      const proposals = new Map<string, { text: string; author: string }>();
      const anchors = (opts.getStore()?.open() ?? []).flatMap((s) => {
        if (s.change.kind !== 'narrative' || s.change.section !== opts.section) return [];
        proposals.set(s.id, { text: s.change.text, author: s.author.name });
        return [
          {
            threadId: s.id,
            anchor: {
              kind: 'narrative' as const,
              section: s.change.section,
              start: s.change.start,
              end: s.change.end,
              quote: '',
            },
          },
        ];
      });
      const size = state.doc.content.size;
      // Shown as a tracked change: the span struck through (what would go), the proposed
      // text right after it (what would come), neither part of the content.
      return DecorationSet.create(
        state.doc,
        rangesFromAnchors(state, anchors)
          .filter((r) => r.from >= 0 && r.to <= size)
          .flatMap((r) => {
            const p = proposals.get(r.threadId);
            const marks = [
              Decoration.inline(r.from, r.to, {
                class: 'sg-narrative-span',
                'data-suggestion-id': r.threadId,
              }),
            ];
            if (p?.text)
              marks.push(
                Decoration.widget(r.to, () => proposedText(r.threadId, p.text, p.author), {
                  side: 1,
                  key: `sg-ins-${r.threadId}-${p.text}`,
                  ignoreSelection: true,
                }),
              );
            return marks;
          }),
      );
    };
    return [
      new Plugin<DecorationSet>({
        key: suggestionHighlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, old, _old, next) {
            if (tr.getMeta(suggestionHighlightKey)) return build(next);
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: { decorations: (state) => suggestionHighlightKey.getState(state) },
        view: () => {
          let scheduled = false;
          let destroyed = false;
          return {
            update(view, prev) {
              // After remote edits too: the y-tiptap mapping is current once every
              // plugin view ran, hence the microtask (as for comment highlights).
              if (view.state.doc === prev.doc || scheduled) return;
              scheduled = true;
              queueMicrotask(() => {
                scheduled = false;
                if (!destroyed && !view.isDestroyed)
                  view.dispatch(view.state.tr.setMeta(suggestionHighlightKey, true));
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

/** Toolbar button: suggest replacement text for the selection (only while suggesting). */
export const NarrativeSuggestButton = memo(function NarrativeSuggestButton({
  editor,
  section,
  hasSelection,
}: {
  editor: Editor | null;
  section: string;
  hasSelection: boolean;
}) {
  const ctx = useSuggestions();
  const { t } = useSuggestionsT();
  const [draft, setDraft] = useState<{ start: string; end: string; quote: string } | null>(null);
  if (!ctx?.suggesting) return null;
  return (
    <>
      <IconButton
        size="sm"
        className="sg-suggest-selection"
        data-testid="suggest-on-selection"
        label={hasSelection ? t('form.onSelection') : t('form.onSelectionHint')}
        icon={<PencilLine />}
        disabled={!hasSelection}
        onClick={() => {
          const a = editor ? anchorFromSelection(editor.state, section) : null;
          if (a) setDraft({ start: a.start, end: a.end, quote: a.quote });
        }}
      />
      {draft && (
        <TextSuggestDialog
          title={t('form.titleNarrative')}
          initial={draft.quote}
          quote={draft.quote}
          onClose={() => setDraft(null)}
          onSubmit={(text, comment) =>
            ctx.create(
              { kind: 'narrative', section, start: draft.start, end: draft.end, text },
              comment,
            )
          }
        />
      )}
    </>
  );
});

/** The open suggestions on one narrative section, under its editor. */
export function NarrativeSuggestions({ section }: { section: string }) {
  const index = useOpenIndex();
  const list = index?.narrative.get(section);
  if (!list?.length) return null;
  return (
    <div className="sg-field-list sg-narrative-list" data-for-section={section}>
      {list.map((s) => (
        <SuggestionCard key={s.id} suggestion={s} />
      ))}
    </div>
  );
}
