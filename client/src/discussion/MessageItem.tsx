import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { type Message, type Participant, parseMentions } from '@shared/discussion/index';
import { MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Composer } from './Composer';

export interface MessageItemProps {
  message: Message;
  /** The current user's id: only their own messages get edit/delete. */
  userId: string;
  /** Own messages may be edited and deleted (false for viewers). */
  canEdit?: boolean;
  participants: readonly Participant[];
  /** Resolves false when the edit was refused (the box stays open). */
  onEdit: (messageId: string, body: string) => Promise<boolean>;
  onDelete: (messageId: string) => void;
}

/** Formats an epoch-ms time in the UI language. */
export function formatTime(at: number, lang: string): string {
  return new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
}

/** Message body with `@name` mentions highlighted. */
export function MessageBody({
  body,
  participants,
  userId,
}: {
  body: string;
  participants: readonly Participant[];
  userId: string;
}) {
  const segments = parseMentions(body, participants);
  return (
    <p className="dc-body">
      {segments.map((s, i) =>
        s.kind === 'mention' ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and re-parsed on every change
            key={i}
            className={`dc-mention${s.participant.id === userId ? ' dc-mention-me' : ''}`}
            data-testid="comment-mention"
          >
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}

/** One message: author, time, body (or "message deleted"), and own-message actions. */
export const MessageItem = memo(function MessageItem({
  message,
  userId,
  canEdit = true,
  participants,
  onEdit,
  onDelete,
}: MessageItemProps) {
  const { t, i18n } = useTranslation('discussion');
  const [editing, setEditing] = useState(false);
  const own = canEdit && message.author.id === userId;
  return (
    <li className="dc-message" data-testid="comment-message" data-message-id={message.id}>
      <div className="dc-message-head">
        <span className="dc-avatar" style={{ background: message.author.colour }} aria-hidden>
          {message.author.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="dc-author">{message.author.name}</span>
        <time className="dc-time" dateTime={new Date(message.createdAt).toISOString()}>
          {formatTime(message.createdAt, i18n.language)}
        </time>
        {message.editedAt !== null && !message.deleted && (
          <span className="dc-edited">{t('message.edited')}</span>
        )}
        {own && !message.deleted && !editing && (
          <DropdownMenu.Root>
            <DropdownMenu.Trigger asChild>
              <button
                type="button"
                className="btn btn-ghost btn-sm btn-icon dc-message-menu"
                aria-label={t('message.actions')}
                data-testid="comment-message-menu"
              >
                <MoreHorizontal aria-hidden />
              </button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content className="menu-content" sideOffset={4} align="end">
                <DropdownMenu.Item
                  className="menu-item"
                  data-testid="comment-edit"
                  onSelect={() => setEditing(true)}
                >
                  <Pencil aria-hidden />
                  {t('message.edit')}
                </DropdownMenu.Item>
                <DropdownMenu.Item
                  className="menu-item"
                  data-testid="comment-delete"
                  onSelect={() => onDelete(message.id)}
                >
                  <Trash2 aria-hidden />
                  {t('message.delete')}
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        )}
      </div>
      {message.deleted ? (
        <p className="dc-body dc-deleted">{t('message.deleted')}</p>
      ) : editing ? (
        <Composer
          initial={message.body}
          autoFocus
          placeholder={t('compose.placeholder')}
          submitLabel={t('message.save')}
          inputTestId="comment-edit-input"
          submitTestId="comment-edit-submit"
          onCancel={() => setEditing(false)}
          onSubmit={(body) =>
            onEdit(message.id, body).then((ok) => {
              if (ok) setEditing(false);
              return ok;
            })
          }
        />
      ) : (
        <MessageBody body={message.body} participants={participants} userId={userId} />
      )}
    </li>
  );
});
