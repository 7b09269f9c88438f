import { GitCompareArrows, RotateCcw, Save } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useReviewT } from './i18n';
import { VersionViewer } from './VersionViewer';
import { listVersions, saveVersion, type VersionListItem } from './versionsApi';
import './review.css';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DialogShell } from '../components/DialogShell';
import { restoreErrorText } from '../history/CompareBar';
import { useCompare } from '../history/CompareContext';
import { summaryText } from '../history/changeText';
import { formatWhen, useCompareT } from '../history/compareI18n';

/** "Bandingkan": pick two versions, or a version and now, and show the comparison. */
function ComparePicker({
  items,
  onStart,
}: {
  items: VersionListItem[];
  onStart: (from: string, to: string) => void;
}) {
  const { t, i18n } = useCompareT();
  const [from, setFrom] = useState(items[0]?.id ?? '');
  const [to, setTo] = useState('current');
  if (items.length === 0) return <p className="rv-muted">{t('picker.none')}</p>;
  const same = from === to;
  return (
    <form
      className="rv-compare-form"
      data-testid="compare-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (from && !same) onStart(from, to);
      }}
    >
      <label>
        <span>{t('picker.from')}</span>
        <select
          className="input"
          value={from}
          data-testid="compare-from"
          onChange={(e) => setFrom(e.target.value)}
        >
          {items.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label} · {formatWhen(v.createdAt, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('picker.to')}</span>
        <select
          className="input"
          value={to}
          data-testid="compare-to"
          onChange={(e) => setTo(e.target.value)}
        >
          <option value="current">{t('picker.now')}</option>
          {items.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label} · {formatWhen(v.createdAt, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {same && <p className="form-error">{t('picker.same')}</p>}
      <button
        type="submit"
        className="btn btn-primary btn-sm"
        disabled={same}
        data-testid="compare-start"
      >
        <GitCompareArrows aria-hidden />
        {t('picker.start')}
      </button>
    </form>
  );
}

/**
 * The SOP's versions, newest first (`version-list-item` each, with its kind, author,
 * time and what changed since the previous one); a click opens the read-only viewer.
 * In the editor it also compares versions (`versions-compare`) and restores one
 * (`version-restore`, confirmed). Reloads when `refreshKey` changes (e.g. after a
 * session ended or an approval), after a restore, and when mounted.
 */
export function VersionsList({
  sopId,
  refreshKey = 0,
  onSaveManual,
  onLeave,
}: {
  sopId: string;
  refreshKey?: unknown;
  /** When given, shows a "save version" form (manual versions). */
  onSaveManual?: (label: string) => Promise<void>;
  /** Called once compare mode started or a version was restored (e.g. to close the dialog). */
  onLeave?: () => void;
}) {
  const { t, i18n } = useReviewT();
  const { t: tc } = useCompareT();
  const compare = useCompare();
  const [items, setItems] = useState<VersionListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [tick, setTick] = useState(0);
  const [picking, setPicking] = useState(false);
  const [restoring, setRestoring] = useState<VersionListItem | null>(null);
  const versionsTick = compare?.versionsTick ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey, tick and versionsTick are reload triggers
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
  }, [sopId, refreshKey, tick, versionsTick]);
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
  const canRestore = compare?.canEdit ?? false;
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
      {compare && items && items.length > 0 && (
        <div className="rv-compare">
          <button
            type="button"
            className="btn btn-sm"
            aria-expanded={picking}
            data-testid="versions-compare"
            onClick={() => setPicking((p) => !p)}
          >
            <GitCompareArrows aria-hidden />
            {tc('picker.open')}
          </button>
          {picking && (
            <ComparePicker
              items={items}
              onStart={(from, to) => {
                compare.start({ from, to });
                setPicking(false);
                onLeave?.();
              }}
            />
          )}
        </div>
      )}
      {error && <p className="form-error">{t('versions.failed', { message: error })}</p>}
      {items === null && !error && <p className="rv-muted">{t('versions.loading')}</p>}
      {items?.length === 0 && <p className="rv-muted">{t('versions.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="rv-version-items">
          {items.map((v) => {
            const changes = summaryText(tc, v.changes);
            return (
              <li key={v.id} className="rv-version-row">
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
                  {changes && (
                    <span className="rv-version-changes" data-testid="version-changes">
                      {changes}
                    </span>
                  )}
                </button>
                {canRestore && (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm rv-version-restore"
                    data-testid="version-restore"
                    data-version-id={v.id}
                    aria-label={tc('restore.buttonLabel', { label: v.label })}
                    title={tc('restore.buttonLabel', { label: v.label })}
                    onClick={() => setRestoring(v)}
                  >
                    <RotateCcw aria-hidden />
                    {tc('restore.button')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <VersionViewer sopId={sopId} versionId={viewing} onClose={() => setViewing(null)} />
      {compare && restoring && (
        <ConfirmDialog
          open
          onOpenChange={(o) => !o && setRestoring(null)}
          title={tc('restore.title', { label: restoring.label })}
          body={tc('restore.body')}
          confirmLabel={tc('restore.confirm')}
          danger={false}
          errorText={(e) => restoreErrorText(tc, e)}
          onConfirm={async () => {
            await compare.restore({ id: restoring.id, label: restoring.label });
            onLeave?.();
          }}
        />
      )}
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
          onLeave={() => onOpenChange(false)}
          {...(canSave ? { onSaveManual: saveManual } : {})}
        />
      )}
    </DialogShell>
  );
}
