import { Save } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useReviewT } from './i18n';
import { VersionViewer } from './VersionViewer';
import { listVersions, saveVersion, type VersionListItem } from './versionsApi';
import './review.css';
import { DialogShell } from '../components/DialogShell';

/**
 * The SOP's versions, newest first (`version-list-item` each); a click opens
 * the read-only viewer. Reloads when `refreshKey` changes (e.g. after a
 * session ended or an approval) and when mounted.
 */
export function VersionsList({
  sopId,
  refreshKey = 0,
  onSaveManual,
}: {
  sopId: string;
  refreshKey?: unknown;
  /** When given, shows a "save version" form (manual versions). */
  onSaveManual?: (label: string) => Promise<void>;
}) {
  const { t, i18n } = useReviewT();
  const [items, setItems] = useState<VersionListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and tick are reload triggers
  useEffect(() => {
    const ac = new AbortController();
    listVersions(sopId, ac.signal).then(
      (v) => {
        setItems(v);
        setError(null);
      },
      (e: unknown) => {
        if (!ac.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => ac.abort();
  }, [sopId, refreshKey, tick]);
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!onSaveManual || !label.trim()) return;
    try {
      await onSaveManual(label.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return;
    }
    setLabel('');
    setTick((x) => x + 1);
  }
  return (
    <div className="rv-versions" data-testid="version-list">
      {onSaveManual && (
        <form className="rv-inline-form" onSubmit={submit}>
          <input
            className="input"
            value={label}
            maxLength={200}
            placeholder={t('versions.labelPrompt')}
            aria-label={t('versions.labelPrompt')}
            onChange={(e) => setLabel(e.target.value)}
          />
          <button type="submit" className="btn btn-sm" disabled={!label.trim()}>
            <Save aria-hidden />
            {t('versions.save')}
          </button>
        </form>
      )}
      {error && <p className="form-error">{t('versions.failed', { message: error })}</p>}
      {items === null && !error && <p className="rv-muted">{t('versions.loading')}</p>}
      {items?.length === 0 && <p className="rv-muted">{t('versions.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="rv-version-items">
          {items.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className="rv-version"
                data-testid="version-list-item"
                data-version-id={v.id}
                data-kind={v.kind}
                onClick={() => setViewing(v.id)}
              >
                <span className={`pill rv-kind-${v.kind}`}>{t(`versions.kind.${v.kind}`)}</span>
                <span className="rv-version-label">{v.label}</span>
                <span className="rv-muted">
                  {new Date(v.createdAt).toLocaleString(locale, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  })}
                  {v.createdBy ? ` · ${t('versions.by', { name: v.createdBy })}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <VersionViewer sopId={sopId} versionId={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}

/** The version history in a dialog (opened from the editor header or its overflow menu). */
export function VersionsDialog({
  sopId,
  refreshKey,
  canSave = true,
  open,
  onOpenChange,
}: {
  sopId: string;
  refreshKey?: unknown;
  /** Offer "save version" (`can.version`: editors); the server records who saved it. */
  canSave?: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useReviewT();
  const saveManual = useCallback(
    async (label: string) => {
      await saveVersion({ sopId, label, kind: 'manual' });
    },
    [sopId],
  );
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={t('versions.title')}
      description={t('versions.open')}
      descriptionClassName="visually-hidden"
      closeLabel={t('versions.close')}
      className="rv-versions-dialog"
      testId="versions-dialog"
    >
      {open && (
        <VersionsList
          sopId={sopId}
          refreshKey={refreshKey}
          {...(canSave ? { onSaveManual: saveManual } : {})}
        />
      )}
    </DialogShell>
  );
}
