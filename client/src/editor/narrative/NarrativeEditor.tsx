import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Bold, Italic, List, ListOrdered } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { IconButton } from '../../components/IconButton';
import './narrative.css';

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
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own (per-user) history: the default one must be off.
        StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] }, link: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: {
        attributes: {
          class: 'prose',
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
        },
      },
      shouldRerenderOnTransaction: false,
    },
    [fragment, provider],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-publish only when name or colour change, not per render
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user);
  }, [editor, user.name, user.color]);

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
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
          onClick={() => editor?.chain().focus().toggleBold().run()}
        />
        <IconButton
          size="sm"
          label={t('narrative.italic')}
          icon={<Italic />}
          aria-pressed={active?.italic}
          onClick={() => editor?.chain().focus().toggleItalic().run()}
        />
        <IconButton
          size="sm"
          label={t('narrative.bulletList')}
          icon={<List />}
          aria-pressed={active?.bullet}
          onClick={() => editor?.chain().focus().toggleBulletList().run()}
        />
        <IconButton
          size="sm"
          label={t('narrative.orderedList')}
          icon={<ListOrdered />}
          aria-pressed={active?.ordered}
          onClick={() => editor?.chain().focus().toggleOrderedList().run()}
        />
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
