import {
  type Anchor,
  type AnchorContext,
  type Author,
  type Discussion,
  groupThreads,
  type Participant,
  type ThreadFilter,
} from '@shared/discussion/index';
import { X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newThreadId, type SendCommand } from '../lib/commands';
import { anchorLabel, groupLabel } from './anchorLabel';
import { Composer } from './Composer';
import { useDiscussionSnapshot } from './hooks';
import { ThreadCard } from './ThreadCard';
import './discussion.css';

export interface CommentPanelProps {
  /** The synced discussion (read only: the server writes it). */
  discussion: Discussion;
  /** The command client every change goes through. */
  send: SendCommand;
  /** May write comments (commenter and above); viewers read threads only. */
  canComment?: boolean;
  /** The content: steps in procedure order (+ narrative fragments to place span threads). */
  content: AnchorContext;
  /** The current user (author of new messages; "mine" filter; unread state). */
  user: Author;
  /** People who can be @mentioned (default: everyone who wrote in the discussion). */
  participants?: readonly Participant[];
  /** When set, a "new comment" box for this anchor is shown at the top. */
  draftAnchor?: Anchor | null;
  /** Called after the new comment was accepted by the server (with its id) or cancelled (null). */
  onDraftDone?: (threadId: string | null) => void;
  /** The editor scrolls to and highlights this anchor. */
  onFocusAnchor: (anchor: Anchor, threadId: string) => void;
  onClose?: () => void;
  initialFilter?: ThreadFilter;
  className?: string;
}

const FILTERS: readonly ThreadFilter[] = ['open', 'resolved', 'mine', 'all'];

function sameAnchor(a: Anchor, b: Anchor): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'step' && b.kind === 'step') return a.stepId === b.stepId;
  if (a.kind === 'identity' && b.kind === 'identity') return a.field === b.field;
  if (a.kind === 'narrative' && b.kind === 'narrative')
    return a.start === b.start && a.end === b.end;
  return true;
}

/**
 * Side panel listing the SOP's threads, filtered (open / resolved / mine /
 * all) and grouped by place in procedure order; threads of deleted steps are
 * listed last with the step's last text.
 */
export function CommentPanel({
  discussion,
  send,
  canComment = true,
  content,
  user,
  participants,
  draftAnchor,
  onDraftDone,
  onFocusAnchor,
  onClose,
  initialFilter = 'open',
  className,
}: CommentPanelProps) {
  const { t, i18n } = useTranslation('discussion');
  const snapshot = useDiscussionSnapshot(discussion);
  const [filter, setFilter] = useState<ThreadFilter>(initialFilter);
  const groups = useMemo(
    () => groupThreads(snapshot, content, filter, user.id),
    [snapshot, content, filter, user.id],
  );
  const people = useMemo<readonly Participant[]>(() => {
    if (participants) return participants;
    const m = new Map<string, Participant>([[user.id, { id: user.id, name: user.name }]]);
    for (const th of snapshot.threads) {
      for (const msg of th.messages)
        m.set(msg.author.id, { id: msg.author.id, name: msg.author.name });
    }
    return [...m.values()];
  }, [participants, snapshot, user.id, user.name]);

  // The id is made here, so the editor can focus the thread before the server's
  // update arrives over the socket (the server keeps the id).
  const createThread = async (body: string): Promise<boolean> => {
    if (!draftAnchor) return false;
    const threadId = newThreadId();
    try {
      await send('createThread', { threadId, anchor: draftAnchor, body: body.trim() });
    } catch {
      return false; // reported by the command client; the text stays in the box
    }
    // Show the new thread even if the current filter would hide it.
    if (filter === 'resolved') setFilter('open');
    onDraftDone?.(threadId);
    return true;
  };

  const stepIndex = new Map(content.steps.map((s, i) => [s.id, i]));
  const draftLabel = draftAnchor
    ? anchorLabel(t, i18n.language, draftAnchor, {
        state: 'attached',
        lastText: '',
        ...(draftAnchor.kind === 'step' && stepIndex.has(draftAnchor.stepId)
          ? { stepIndex: stepIndex.get(draftAnchor.stepId) }
          : {}),
      })
    : '';

  return (
    <aside
      className={`dc-panel${className ? ` ${className}` : ''}`}
      data-testid="comment-panel"
      aria-label={t('panel.title')}
    >
      <header className="dc-panel-head">
        <h2 className="dc-panel-title">{t('panel.title')}</h2>
        {onClose && (
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label={t('panel.close')}
            data-testid="comment-panel-close"
            onClick={onClose}
          >
            <X aria-hidden />
          </button>
        )}
      </header>
      <fieldset className="dc-filters" aria-label={t('panel.filterLabel')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`btn btn-sm ${filter === f ? 'btn-primary' : 'btn-ghost'}`}
            aria-pressed={filter === f}
            data-testid={`comment-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {t(`panel.filter.${f}`)}
          </button>
        ))}
      </fieldset>
      {draftAnchor && canComment && (
        <section className="dc-new" data-testid="comment-new" aria-label={t('compose.newTitle')}>
          <h3 className="dc-group-title">
            {t('compose.newTitle')} · {draftLabel}
          </h3>
          <Composer
            autoFocus
            placeholder={t('compose.placeholder')}
            submitLabel={t('compose.submit')}
            onSubmit={createThread}
            onCancel={() => onDraftDone?.(null)}
          />
        </section>
      )}
      <div className="dc-groups">
        {groups.length === 0 && (
          <p className="dc-empty">
            {snapshot.threads.length === 0 ? t('panel.empty') : t('panel.emptyFilter')}
          </p>
        )}
        {groups.map((g) => (
          <section key={g.key} className={`dc-group${g.deleted ? ' dc-group-deleted' : ''}`}>
            <h3 className="dc-group-title">
              {groupLabel(t, i18n.language, g)}
              {g.kind === 'step' && g.lastText && !g.deleted && (
                <span className="dc-group-text"> — {g.lastText}</span>
              )}
            </h3>
            {g.threads.map(({ thread, anchor }) => (
              <ThreadCard
                key={thread.id}
                thread={thread}
                resolved={anchor}
                send={send}
                canComment={canComment}
                user={user}
                participants={people}
                onFocusAnchor={onFocusAnchor}
                active={draftAnchor ? sameAnchor(draftAnchor, thread.anchor) : false}
              />
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
