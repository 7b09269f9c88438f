import {
  Cloud,
  CloudOff,
  LoaderCircle,
  Redo2,
  RefreshCw,
  Undo2,
  Wifi,
  WifiOff,
} from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton, WithTooltip } from '../components/IconButton';
import { formatTime } from '../lib/format';
import type { CollabSession } from './collab/CollabSession';
import { useCollabField } from './collab/useCollabSession';

/** Online / reconnecting / offline, with a tooltip explaining what it means. */
export function ConnectionStatus({
  session,
  compact = false,
}: {
  session: CollabSession | null;
  /** Icon only (narrow header); the words stay for screen readers and the tooltip. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const c = useCollabField(session, 'connection', 'reconnecting');
  const icon =
    c === 'online' ? (
      <Wifi aria-hidden />
    ) : c === 'offline' ? (
      <WifiOff aria-hidden />
    ) : (
      <RefreshCw aria-hidden className="spin" />
    );
  const cls =
    c === 'online'
      ? 'pill pill-success'
      : c === 'offline'
        ? 'pill pill-danger'
        : 'pill pill-warning';
  return (
    <WithTooltip label={t(`connection.${c}Hint`)}>
      <span className={cls} data-testid="connection-status" data-status={c} role="status">
        {icon}
        <span className={compact ? 'visually-hidden' : undefined}>{t(`connection.${c}`)}</span>
      </span>
    </WithTooltip>
  );
}

/** How long "saved" must hold before the badge says so. */
const SAVED_SETTLE_MS = 700;

/**
 * Whether the session is saved and has stayed so for {@link SAVED_SETTLE_MS} (it turns
 * false at once). It watches the session outside React: while someone types, `saved`
 * flips twice per keystroke and `savedAt` moves on each time, and a component subscribed
 * to those fields rendered (and React's commit forced a layout) two or three times per
 * keystroke for a badge that kept saying "saving".
 */
function useSettledSaved(session: CollabSession | null): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () => {
      if (!session.getState().saved) {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        setSettled(false); // no render when already false
      } else if (timer === null) {
        timer = setTimeout(() => setSettled(true), SAVED_SETTLE_MS);
      }
    };
    check();
    const unsubscribe = session.subscribe(check);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [session]);
  return settled && (session?.getState().saved ?? false);
}

/**
 * "Tersimpan 10.42" once the server has stored everything this replica holds;
 * "Menyimpan…" while waiting for that confirmation; a warning when offline.
 * "Saved" shows once it has held for a moment: while someone types, the server
 * confirms each keystroke within milliseconds, and a badge flipping twice per
 * keystroke cost a second frame (header layout and paint) per keystroke. The
 * badge may say "saving" a little longer than true, never "saved" too early.
 */
export function SavedStatus({
  session,
  compact = false,
}: {
  session: CollabSession | null;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ready = useCollabField(session, 'ready', false);
  const saved = useSettledSaved(session);
  // Read, not subscribed: it changes only when `saved` turns true, which renders this.
  const savedAt = session?.getState().savedAt ?? null;
  const connection = useCollabField(session, 'connection', 'reconnecting');
  // One element whose content changes: a flip after every keystroke must not
  // remount the tooltip and icon trees.
  const status = !ready
    ? 'loading'
    : saved
      ? 'saved'
      : connection !== 'online'
        ? 'pending'
        : 'saving';
  const time = savedAt ? formatTime(savedAt, i18n.language) : '';
  const cls = {
    loading: 'pill',
    saved: 'pill pill-success',
    pending: 'pill pill-warning',
    saving: 'pill',
  }[status];
  const label = {
    loading: t('saved.loading'),
    saved: t('saved.saved', { time }),
    pending: t('saved.pending'),
    saving: t('saved.saving'),
  }[status];
  const Icon = { loading: LoaderCircle, saved: Cloud, pending: CloudOff, saving: Cloud }[status];
  return (
    <WithTooltip label={status === 'saved' ? t('saved.savedHint') : t('saved.pendingHint')}>
      <span className={cls} data-testid="saved-status" data-status={status}>
        <Icon aria-hidden className={status === 'loading' ? 'spin' : undefined} />
        <span className={compact ? 'visually-hidden' : undefined}>{label}</span>
      </span>
    </WithTooltip>
  );
}

/** Undo / redo buttons, enabled from the session's undo stack state. */
export function UndoRedoButtons({ session }: { session: CollabSession }) {
  const { t } = useTranslation();
  const canUndo = useCollabField(session, 'canUndo', false);
  const canRedo = useCollabField(session, 'canRedo', false);
  return (
    <>
      <IconButton
        label={t('editor.undo')}
        icon={<Undo2 />}
        disabled={!canUndo}
        onClick={() => session.undo.undo()}
      />
      <IconButton
        label={t('editor.redo')}
        icon={<Redo2 />}
        disabled={!canRedo}
        onClick={() => session.undo.redo()}
      />
    </>
  );
}
