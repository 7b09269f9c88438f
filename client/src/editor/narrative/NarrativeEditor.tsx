import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Bold, Italic, List, ListOrdered, MessageSquarePlus } from 'lucide-react';
import { useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { IconButton } from '../../components/IconButton';
import { CommentsContext } from '../../discussion/CommentsContext';
import {
  anchorFromSelection,
  CommentHighlight,
  narrativeAnchorsOf,
} from '../../discussion/narrativeHighlight';
import { useEditLocked } from '../../review/editLock';
import {
  NarrativeSuggestButton,
  NarrativeSuggestions,
  SuggestionHighlight,
} from '../../suggestions/NarrativeSuggest';
import { useSuggestions } from '../../suggestions/SuggestionsContext';
import './narrative.css';
import { displaySafe } from '@shared/model/text';

interface NarrativeEditorProps {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  label: string;
  sectionKey: string;
}

/**
 * One narrative section in TipTap, bound to the model's Y.XmlFragment. Undo
 * inside it is TipTap's collaboration undo (this user's edits only).
 */
export default function NarrativeEditor({
  fragment,
  provider,
  user,
  label,
  sectionKey,
}: NarrativeEditorProps) {
  const { t } = useTranslation();
  const comments = useContext(CommentsContext);
  // Extension options are read once when the editor is created: go through a ref.
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  // suggestion mode (issue 16): the spans open suggestions would replace are highlighted
  const suggestions = useSuggestions();
  const suggestionsRef = useRef(suggestions);
  suggestionsRef.current = suggestions;
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own (per-user) history: the default one must be off.
        StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
        // Spans with comment threads, re-resolved from their Yjs relative positions.
        SuggestionHighlight.configure({
          section: sectionKey,
          getStore: () => suggestionsRef.current?.store ?? null,
        }),
        CommentHighlight.configure({
          section: sectionKey,
          getAnchors: () => {
            const d = commentsRef.current.discussion;
            return d ? narrativeAnchorsOf(d.getSnapshot()) : [];
          },
          getActiveThreadId: () => commentsRef.current.activeThreadId ?? null,
          onClickThread: (threadId: string) => commentsRef.current.reveal?.(threadId),
        }),
      ],
      editorProps: {
        attributes: {
          class: 'prose',
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
        },
        // Pasted bidi override controls would show the rest of a paragraph reversed.
        transformPastedText: (text) => displaySafe(text),
        transformPastedHTML: (html) => displaySafe(html),
      },
      shouldRerenderOnTransaction: false,
    },
    [fragment, provider],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-publish only when name or colour change, not per render
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user);
  }, [editor, user.name, user.color]);

  // An approved SOP is read-only; comments on selections stay possible.
  const locked = useEditLocked();
  useEffect(() => {
    // Only on a real change, without an 'update' event: nothing in the content changed.
    if (editor && !editor.isDestroyed && editor.isEditable === locked)
      editor.setEditable(!locked, false);
  }, [editor, locked]);

  // Threads come and go (also remotely): re-resolve the highlighted spans.
  const discussion = comments.discussion;
  useEffect(() => {
    if (!editor || editor.isDestroyed || !discussion) return;
    editor.commands.refreshCommentHighlights();
    return discussion.subscribe(() => {
      if (!editor.isDestroyed) editor.commands.refreshCommentHighlights();
    });
  }, [discussion, editor]);
  // Suggestions come and go (also remotely): re-resolve their highlighted spans.
  const suggestionStore = suggestions?.store ?? null;
  useEffect(() => {
    if (!editor || editor.isDestroyed || !suggestionStore) return;
    editor.commands.refreshSuggestionHighlights();
    return suggestionStore.subscribe(() => {
      if (!editor.isDestroyed) editor.commands.refreshSuggestionHighlights();
    });
  }, [suggestionStore, editor]);
  // The thread shown from the panel is drawn active.
  const activeThreadId = comments.activeThreadId;
  useEffect(() => {
    if (editor && !editor.isDestroyed && activeThreadId !== undefined)
      editor.commands.refreshCommentHighlights();
  }, [editor, activeThreadId]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      selection: e ? !e.state.selection.empty : false,
    }),
  });

  return (
    <div className="narrative-editor" data-testid="narrative-editor" data-section={sectionKey}>
      <div
        className="narrative-toolbar"
        role="toolbar"
        aria-label={t('narrative.toolbar', { section: label })}
      >
        <IconButton
          size="sm"
          label={t('narrative.bold')}
          icon={<Bold />}
          aria-pressed={active?.bold}
          disabled={locked}
          onClick={() => editor?.chain().focus().toggleBold().run()}
        />
        <IconButton
          size="sm"
          label={t('narrative.italic')}
          icon={<Italic />}
          aria-pressed={active?.italic}
          disabled={locked}
          onClick={() => editor?.chain().focus().toggleItalic().run()}
        />
        <IconButton
          size="sm"
          label={t('narrative.bulletList')}
          icon={<List />}
          aria-pressed={active?.bullet}
          disabled={locked}
          onClick={() => editor?.chain().focus().toggleBulletList().run()}
        />
        <IconButton
          size="sm"
          label={t('narrative.orderedList')}
          icon={<ListOrdered />}
          aria-pressed={active?.ordered}
          disabled={locked}
          onClick={() => editor?.chain().focus().toggleOrderedList().run()}
        />
        {comments.canComment !== false && (
          <IconButton
            size="sm"
            className="comment-on-selection"
            data-testid="comment-on-selection"
            label={
              active?.selection
                ? t('editorComments:onSelection')
                : t('editorComments:onSelectionHint')
            }
            icon={<MessageSquarePlus />}
            disabled={!active?.selection}
            onClick={() => {
              const anchor = editor ? anchorFromSelection(editor.state, sectionKey) : null;
              if (anchor) comments.open(anchor);
            }}
          />
        )}
        <NarrativeSuggestButton
          editor={editor}
          section={sectionKey}
          hasSelection={active?.selection ?? false}
        />
      </div>
      <EditorContent editor={editor} />
      <NarrativeSuggestions section={sectionKey} />
    </div>
  );
}
