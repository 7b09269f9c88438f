import type { RefusedMessage } from '@shared/protocol';
import { Eye, MessageSquare } from 'lucide-react';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureNamespace } from '../../i18n';
import type { CommandError } from '../../lib/commands';
import { type AccessSource, AccessStore, type EditorAccess, UNKNOWN_ACCESS } from './accessStore';
import './access.css';

export const ACCESS_NS = 'editorAccess' as const;

/** `useTranslation('editorAccess')`, registering the catalogues first (idempotent). */
export function useAccessT() {
  const { i18n } = useTranslation();
  ensureNamespace(i18n, ACCESS_NS);
  return useTranslation(ACCESS_NS);
}

const noopSubscribe = () => () => {};
const unknown = () => UNKNOWN_ACCESS;

/**
 * The user's rights on the open SOP, live (see `AccessStore`): one store per
 * collab session, created in an effect (StrictMode mounts twice).
 */
export function useEditorAccess(sopId: string, source: AccessSource | null): EditorAccess {
  const [store, setStore] = useState<AccessStore | null>(null);
  useEffect(() => {
    if (!source) return;
    const s = new AccessStore(sopId, source);
    setStore(s);
    return () => {
      setStore(null);
      s.destroy();
    };
  }, [sopId, source]);
  return useSyncExternalStore(
    store ? store.subscribe : noopSubscribe,
    store ? store.getSnapshot : unknown,
    unknown,
  );
}

/** The rights for components deep in the editor. */
export const AccessContext = createContext<EditorAccess>(UNKNOWN_ACCESS);

export function useAccess(): EditorAccess {
  return useContext(AccessContext);
}

/** Badge naming a restricted role ("Pembaca", "Pemberi komentar"; names from i18n/roles.ts). */
export function RoleBadge({ access }: { access: EditorAccess }) {
  const { t } = useAccessT();
  const role = access.role;
  if (!access.known || (role !== 'viewer' && role !== 'commenter')) return null;
  const Icon = role === 'viewer' ? Eye : MessageSquare;
  return (
    <span
      className="pill pill-warning role-badge"
      data-testid="role-badge"
      data-role={role}
      title={t(`roleHint.${role}`)}
    >
      <Icon aria-hidden />
      {t(`role.${role}`)}
    </span>
  );
}

/** The message shown when the server refused this replica's changes. */
export function refusedText(t: (k: string) => string, m: RefusedMessage): string {
  if (m.reason === 'read-only') return t('refused');
  if (m.reason === 'locked') return t('refusedLocked');
  return t('refusedOther');
}

/** The toast text of a failed command. */
export function commandErrorText(
  t: (k: string, o?: Record<string, unknown>) => string,
  e: CommandError,
): string {
  if (e.offline) return t('command.offline');
  if (e.status === 401) return t('command.unauthenticated');
  if (e.status === 403) return t('command.forbidden');
  return t('command.failed', { message: e.message });
}
