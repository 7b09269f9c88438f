import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { Discussion } from '@shared/discussion/index';
import { History, MessageSquare, Printer, Redo2, ScrollText, Share2, Undo2 } from 'lucide-react';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useAdminT } from '../../admin/i18n';
import { useUser } from '../../auth/AuthContext';
import { AppHeader, type HeaderItem } from '../../components/AppHeader';
import { WithTooltip } from '../../components/IconButton';
import { CommentsToggle } from '../../discussion/EditorComments';
import { countsOf } from '../../discussion/hooks';
import { HistoryDialog } from '../../history/HistoryDialog';
import { useReviewT, VersionsDialog } from '../../review';
import type { EditorReview } from '../../review/useEditorReview';
import { ShareDialog } from '../../sharing/ShareDialog';
import type { CollabSession } from '../collab/CollabSession';
import { useCollabField } from '../collab/useCollabSession';
import { PresenceAvatars, PresenceMenuItems } from '../presence/PresenceAvatars';
import { ConnectionStatus, SavedStatus, UndoRedoButtons } from '../StatusIndicators';
import { TitleAndProblems } from '../TitleBar';

type DialogId = 'versions' | 'history' | 'share';

const noopSubscribe = () => () => {};
const zero = () => 0;

function UndoRedoItems({ session }: { session: CollabSession }) {
  const { t } = useTranslation();
  const canUndo = useCollabField(session, 'canUndo', false);
  const canRedo = useCollabField(session, 'canRedo', false);
  return (
    <>
      <DropdownMenu.Item
        className="menu-item"
        disabled={!canUndo}
        onSelect={() => session.undo.undo()}
      >
        <Undo2 aria-hidden />
        {t('editor.undo')}
      </DropdownMenu.Item>
      <DropdownMenu.Item
        className="menu-item"
        disabled={!canRedo}
        onSelect={() => session.undo.redo()}
      >
        <Redo2 aria-hidden />
        {t('editor.redo')}
      </DropdownMenu.Item>
    </>
  );
}

function CommentsItem({
  discussion,
  open,
  onToggle,
}: {
  discussion: Discussion | null;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('editorComments');
  const get = discussion ? () => countsOf(discussion.getSnapshot()).total : zero;
  const total = useSyncExternalStore(discussion ? discussion.subscribe : noopSubscribe, get, get);
  return (
    <DropdownMenu.CheckboxItem
      className="menu-item"
      checked={open}
      onCheckedChange={onToggle}
      data-testid="comments-toggle"
    >
      <MessageSquare aria-hidden />
      {total > 0 ? t('toggleCount', { count: total }) : t('toggle')}
    </DropdownMenu.CheckboxItem>
  );
}

/** An icon button in the bar with a tooltip. */
function BarButton({
  label,
  icon,
  testId,
  onClick,
}: {
  label: string;
  icon: React.ReactNode;
  testId: string;
  onClick: () => void;
}) {
  return (
    <WithTooltip label={label}>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label={label}
        data-testid={testId}
        onClick={onClick}
      >
        {icon}
      </button>
    </WithTooltip>
  );
}

/**
 * The editor's header: the SOP's name (`doc-title`) with the connection and
 * saved state, who is here, undo/redo, comments, versions, history, print and
 * share. On a narrow bar (projector zoom, phone) items shorten and then move
 * into the "⋯" menu in a fixed order — zoom and language first, comments last —
 * while the title keeps at least 20rem (see `headerFit.ts`).
 */
export function EditorHeader({
  session,
  discussion,
  comments,
  review,
  readOnly,
  selfName,
  selfColor,
}: {
  session: CollabSession;
  discussion: Discussion | null;
  comments: { open: boolean; toggle: () => void };
  review: EditorReview;
  /** The role may not edit (viewer, commenter): no undo/redo. */
  readOnly: boolean;
  selfName: string;
  selfColor: string;
}) {
  const { t } = useTranslation();
  const { t: ta } = useAdminT();
  const { t: tr } = useReviewT();
  const [, navigate] = useLocation();
  const guest = useUser()?.kind === 'guest';
  const [dialog, setDialog] = useState<DialogId | null>(null);
  const printHref = `/sop/${encodeURIComponent(session.id)}/print`;
  const { open: commentsOpen, toggle: toggleComments } = comments;

  const items = useMemo<HeaderItem[]>(() => {
    const list: HeaderItem[] = [
      {
        id: 'connection',
        slot: 'status',
        compactPriority: 5.6,
        render: (s) => <ConnectionStatus session={session} compact={s === 'compact'} />,
      },
      {
        id: 'saved',
        slot: 'status',
        compactPriority: 5.5,
        render: (s) => <SavedStatus session={session} compact={s === 'compact'} />,
      },
      {
        id: 'presence',
        slot: 'status',
        compactPriority: 6.5,
        priority: 7,
        render: (s) => (
          <PresenceAvatars selfName={selfName} selfColor={selfColor} compact={s === 'compact'} />
        ),
        menu: <PresenceMenuItems selfName={selfName} />,
      },
    ];
    if (!readOnly)
      list.push({
        id: 'undo',
        slot: 'actions',
        priority: 6,
        render: () => <UndoRedoButtons session={session} />,
        menu: <UndoRedoItems session={session} />,
      });
    list.push(
      {
        id: 'comments',
        slot: 'actions',
        priority: 9,
        render: () => (
          <CommentsToggle discussion={discussion} open={commentsOpen} onToggle={toggleComments} />
        ),
        menu: (
          <CommentsItem discussion={discussion} open={commentsOpen} onToggle={toggleComments} />
        ),
      },
      {
        id: 'versions',
        slot: 'actions',
        priority: 5,
        render: () => (
          <BarButton
            label={tr('versions.open')}
            icon={<History aria-hidden />}
            testId="versions-open"
            onClick={() => setDialog('versions')}
          />
        ),
        menu: (
          <DropdownMenu.Item
            className="menu-item"
            data-testid="versions-open"
            onSelect={() => setDialog('versions')}
          >
            <History aria-hidden />
            {tr('versions.open')}
          </DropdownMenu.Item>
        ),
      },
      {
        id: 'history',
        slot: 'actions',
        priority: 4,
        render: () => (
          <BarButton
            label={ta('history.open')}
            icon={<ScrollText aria-hidden />}
            testId="history-button"
            onClick={() => setDialog('history')}
          />
        ),
        menu: (
          <DropdownMenu.Item
            className="menu-item"
            data-testid="history-button"
            onSelect={() => setDialog('history')}
          >
            <ScrollText aria-hidden />
            {ta('history.open')}
          </DropdownMenu.Item>
        ),
      },
      {
        id: 'print',
        slot: 'actions',
        priority: 3,
        render: () => (
          <WithTooltip label={t('editor.print')}>
            <Link
              href={printHref}
              className="btn btn-ghost btn-icon"
              aria-label={t('editor.print')}
              data-testid="print-link"
            >
              <Printer aria-hidden />
            </Link>
          </WithTooltip>
        ),
        menu: (
          <DropdownMenu.Item
            className="menu-item"
            data-testid="print-link"
            onSelect={() => navigate(printHref)}
          >
            <Printer aria-hidden />
            {t('editor.print')}
          </DropdownMenu.Item>
        ),
      },
    );
    // Sharing is for accounts, not for meeting guests.
    if (!guest)
      list.push({
        id: 'share',
        slot: 'actions',
        compactPriority: 7.5,
        priority: 8,
        render: (s) => (
          <WithTooltip label={ta('share.title')}>
            <button
              type="button"
              className={s === 'full' ? 'btn btn-primary share-button' : 'btn btn-primary btn-icon'}
              aria-label={s === 'full' ? undefined : ta('share.button')}
              data-testid="share-button"
              onClick={() => setDialog('share')}
            >
              <Share2 aria-hidden />
              {s === 'full' && <span className="share-button-label">{ta('share.button')}</span>}
            </button>
          </WithTooltip>
        ),
        menu: (
          <DropdownMenu.Item
            className="menu-item"
            data-testid="share-button"
            onSelect={() => setDialog('share')}
          >
            <Share2 aria-hidden />
            {ta('share.button')}
          </DropdownMenu.Item>
        ),
      });
    return list;
  }, [
    session,
    discussion,
    commentsOpen,
    toggleComments,
    readOnly,
    selfName,
    selfColor,
    guest,
    printHref,
    navigate,
    t,
    ta,
    tr,
  ]);

  const close = (o: boolean) => !o && setDialog(null);
  return (
    <>
      <AppHeader items={items}>
        <TitleAndProblems />
      </AppHeader>
      <VersionsDialog
        sopId={session.id}
        refreshKey={review.versionsTick}
        canSave={review.canVersion}
        open={dialog === 'versions'}
        onOpenChange={close}
      />
      <HistoryDialog sopId={session.id} open={dialog === 'history'} onOpenChange={close} />
      {!guest && <ShareDialog sopId={session.id} open={dialog === 'share'} onOpenChange={close} />}
    </>
  );
}
