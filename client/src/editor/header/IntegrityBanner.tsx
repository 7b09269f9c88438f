import { AlertTriangle, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../lib/api';

/** One stored record the server set aside because it could not be read. */
export interface QuarantinedRecord {
  at: string;
  reason: string;
  bytes: number;
  source: string;
  document: 'content' | 'discussion';
}

/** `GET /api/sops/:id/integrity`. */
export function getIntegrity(
  sopId: string,
  signal?: AbortSignal,
): Promise<{ quarantined: QuarantinedRecord[] }> {
  return apiRequest(`/api/sops/${encodeURIComponent(sopId)}/integrity`, {
    authRedirect: false,
    ...(signal ? { signal } : {}),
  });
}

/**
 * For the SOP's owner: a small warning when the server set aside stored records
 * of this SOP it could not read (part of its history may be missing). Asked once
 * per opening; dismissible; nothing when the list is empty or the call fails.
 */
export function IntegrityBanner({ sopId, owner }: { sopId: string; owner: boolean }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    if (!owner) return;
    const ac = new AbortController();
    getIntegrity(sopId, ac.signal).then(
      (r) => setCount(Array.isArray(r?.quarantined) ? r.quarantined.length : 0),
      () => setCount(0),
    );
    return () => ac.abort();
  }, [sopId, owner]);
  if (!owner || count === 0 || dismissed) return null;
  return (
    <div className="docked-bar docked-warning" role="status" data-testid="integrity-banner">
      <AlertTriangle aria-hidden />
      <span className="docked-text">{t('editor.integrity', { count })}</span>
      <button
        type="button"
        className="btn btn-ghost btn-icon btn-sm"
        aria-label={t('editor.integrityDismiss')}
        onClick={() => setDismissed(true)}
      >
        <X aria-hidden />
      </button>
    </div>
  );
}
