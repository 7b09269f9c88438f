import {
  type Anchor,
  type Author,
  isUnread,
  type Participant,
  type ResolvedAnchor,
  type Thread,
} from '@shared/discussion/index';
import { CheckCircle2, Crosshair, RotateCcw, Trash } from 'lucide-react';
import { memo, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendCommand } from '../lib/commands';
import { anchorLabel } from './anchorLabel';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';

export interface ThreadCardProps {
  thread: Thread;
  resolved: ResolvedAnchor;
  /** The command client: every change goes to the server, which writes the discussion. */
  send: SendCommand;
  user: Author;
  /** May reply, resolve and reopen (commenter and above); viewers only read. */
  canComment?: boolean;
  participants: readonly Participant[];
  onFocusAnchor: (anchor: Anchor, threadId: string) => void;
  /** Highlighted (e.g. the thread the user just opened). */
  active?: boolean;
}

/**
 * One thread: where it is, its status, messages, a reply box and
 * resolve/reopen. Clicking the header (or "show in document") marks it read
 * and asks the editor to scroll to and highlight the anchor.
 */
export const ThreadCard = memo(function ThreadCard({
  thread,
  resolved,
  send,
  user,
  canComment = true,
  participants,
  onFocusAnchor,
  active,
}: ThreadCardProps) {
  const { t, i18n } = useTranslation('discussion');
  const unread = isUnread(thread, user.id);
  const deleted = resolved.state === 'deleted';
  const focus = useCallback(() => {
    if (isUnread(thread, user.id)) void send('markRead', { threadId: thread.id }).catch(ignore);
    onFocusAnchor(thread.anchor, thread.id);
  }, [send, thread, user.id, onFocusAnchor]);
  const onEdit = useCallback(
    (messageId: string, body: string) =>
      send('editMessage', { threadId: thread.id, messageId, body: body.trim() }).then(
        () => true,
        () => false,
      ),
    [send, thread.id],
  );
  const onDelete = useCallback(
    (messageId: string) => {
      void send('deleteMessage', { threadId: thread.id, messageId }).catch(ignore);
    },
    [send, thread.id],
  );
  const [toggling, setToggling] = useState(false);
  const toggleResolved = () => {
    setToggling(true);
    const op = thread.status === 'resolved' ? 'reopen' : 'resolve';
    send(op, { threadId: thread.id })
      // Acting on a thread means having read it.
      .then(() => send('markRead', { threadId: thread.id }))
      .catch(ignore)
      .finally(() => setToggling(false));
  };
  const resolvedState = thread.status === 'resolved';
  return (
    <article
      className={`dc-thread${resolvedState ? ' dc-resolved' : ''}${active ? ' dc-active' : ''}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-status={thread.status}
      data-unread={unread ? 'true' : 'false'}
    >
      <header className="dc-thread-head">
        <button type="button" className="dc-anchor-link" onClick={focus} title={t('thread.goTo')}>
          {unread && (
            <span
              className="dc-unread-dot"
              data-testid="comment-unread"
              role="img"
              aria-label={t('thread.unread')}
            />
          )}
          <span className="dc-anchor-label">
            {anchorLabel(t, i18n.language, thread.anchor, resolved)}
          </span>
          {!deleted && <Crosshair aria-hidden className="dc-anchor-icon" />}
        </button>
        <span className={`pill ${resolvedState ? 'pill-success' : 'pill-primary'}`}>
          {resolvedState ? t('thread.resolved') : t('thread.open')}
        </span>
      </header>
      {deleted && (
        <p className="dc-deleted-anchor" data-testid="comment-deleted-anchor">
          <Trash aria-hidden />
          <span>
            {thread.anchor.kind === 'narrative'
              ? t('anchor.narrativeDeleted')
              : t('anchor.stepDeleted')}
            {resolved.lastText && (
              <>
                {' — '}
                <q className="dc-last-text">{resolved.lastText}</q>
              </>
            )}
          </span>
        </p>
      )}
      {!deleted && thread.anchor.kind === 'narrative' && (
        <blockquote className="dc-quote">{resolved.lastText}</blockquote>
      )}
      <ol className="dc-messages">
        {thread.messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            userId={user.id}
            canEdit={canComment}
            participants={participants}
            onEdit={onEdit}
            onDelete={onDelete}
          />
        ))}
      </ol>
      {resolvedState && thread.resolvedBy && (
        <p className="dc-resolved-by">{t('thread.resolvedBy', { name: thread.resolvedBy.name })}</p>
      )}
      {canComment && (
        <div className="dc-thread-foot">
          {!resolvedState && (
            <Composer
              placeholder={t('compose.replyPlaceholder')}
              submitLabel={t('compose.reply')}
              onSubmit={(body) =>
                send('reply', { threadId: thread.id, body: body.trim() }).then(
                  () => true,
                  () => false,
                )
              }
            />
          )}
          <button
            type="button"
            className="btn btn-ghost btn-sm dc-resolve"
            data-testid="comment-resolve"
            aria-pressed={resolvedState}
            disabled={toggling}
            onClick={toggleResolved}
          >
            {resolvedState ? <RotateCcw aria-hidden /> : <CheckCircle2 aria-hidden />}
            {resolvedState ? t('thread.reopen') : t('thread.resolve')}
          </button>
        </div>
      )}
    </article>
  );
});

/** Failures were reported (toast) by the command client; nothing else to do here. */
function ignore(): void {}
