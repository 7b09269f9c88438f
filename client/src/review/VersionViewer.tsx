import type { SopSnapshot } from '@shared/model/types';
import { Component, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useReviewT } from './i18n';
import { getVersion, type VersionDetail } from './versionsApi';
import './review.css';
import { DialogShell } from '../components/DialogShell';
import { RowMarksContext } from '../editor/procedure/rowMarks';

const Flowchart = lazy(() => import('../flowchart/Flowchart'));

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Read-only rendering of a stored SOP snapshot: identity, procedure table, flowchart. */
export function SnapshotView({ snapshot }: { snapshot: SopSnapshot }) {
  const { t } = useReviewT();
  const id = snapshot.identity;
  const actors = new Map(snapshot.actors.map((a) => [a.id, a.name]));
  const approver = [
    id.approvedBy.title,
    id.approvedBy.name,
    id.approvedBy.nip && `NIP ${id.approvedBy.nip}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const rows: Array<[string, string]> = [
    [t('identity.number'), id.number],
    [t('identity.name'), id.name],
    [t('identity.createdDate'), id.createdDate],
    [t('identity.revisedDate'), id.revisedDate],
    [t('identity.effectiveDate'), id.effectiveDate],
    [t('identity.approvedBy'), approver],
  ];
  return (
    <div className="rv-snapshot" data-testid="version-snapshot">
      <p>
        <span className="pill" data-testid="version-status" data-status={snapshot.meta.status}>
          {t(`status.${snapshot.meta.status}`)}
        </span>
      </p>
      <h3 className="rv-h">{t('versions.identity')}</h3>
      <table className="rv-table">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="rv-h">{t('versions.procedure')}</h3>
      <table className="rv-table rv-steps">
        <thead>
          <tr>
            <th>{t('versions.stepNo')}</th>
            <th>{t('versions.activity')}</th>
            <th>{t('versions.actor')}</th>
            <th>{t('versions.requirements')}</th>
            <th>{t('versions.time')}</th>
            <th>{t('versions.output')}</th>
            <th>{t('versions.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.steps.map((s, i) => (
            <tr key={s.id} data-testid="version-step" data-step-id={s.id}>
              <td>{i + 1}</td>
              <td>{s.activity}</td>
              <td>{s.actorId ? (actors.get(s.actorId) ?? '') : ''}</td>
              <td>{s.requirements}</td>
              <td>
                {s.time.amount === null
                  ? ''
                  : `${s.time.amount} ${t(`versions.unit.${s.time.unit}`)}`}
              </td>
              <td>{s.output}</td>
              <td>{s.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="rv-h">{t('versions.flowchart')}</h3>
      <Boundary>
        <Suspense fallback={<p className="rv-muted">{t('versions.loading')}</p>}>
          <div className="rv-flowchart">
            {/* a stored version: no compare marks of the editor around it */}
            <RowMarksContext.Provider value={null}>
              <Flowchart snapshot={snapshot} />
            </RowMarksContext.Provider>
          </div>
        </Suspense>
      </Boundary>
    </div>
  );
}

/** Dialog showing one version read-only (loaded from the server). */
export function VersionViewer({
  sopId,
  versionId,
  onClose,
}: {
  sopId: string;
  versionId: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useReviewT();
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!versionId) return;
    let live = true;
    getVersion(sopId, versionId).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [sopId, versionId]);
  return (
    <DialogShell
      open={versionId !== null}
      onOpenChange={(o) => !o && onClose()}
      title={t('versions.viewerTitle', { label: detail?.label ?? '…' })}
      description={
        detail
          ? `${t(`versions.kind.${detail.kind}`)} · ${new Date(detail.createdAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}`
          : '…'
      }
      closeLabel={t('versions.close')}
      className="rv-viewer"
      testId="version-viewer"
    >
      {error && <p className="form-error">{t('versions.failed', { message: error })}</p>}
      {!detail && !error && <p className="rv-muted">{t('versions.loading')}</p>}
      {detail && <SnapshotView snapshot={detail.snapshot} />}
    </DialogShell>
  );
}
