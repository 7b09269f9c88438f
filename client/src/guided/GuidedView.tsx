/**
 * The focused view of the current stage (issue 18), first in the editor's main column
 * while a guided meeting runs: the stage's purpose, its own tools, what is still
 * missing and the decisions taken. The editor's own sections that the stage needs stay
 * visible under it (see guided.css); "show the whole document" brings the rest back.
 */
import { STAGE_KEYS } from '@shared/guided/index';
import { Maximize2, Minimize2 } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { Decisions } from './Decisions';
import { useGuidedT } from './i18n';
import { MissingList } from './MissingList';
import { RecordDialog } from './RecordDialog';
import { StageActivities } from './StageActivities';
import { StageIdentity } from './StageIdentity';
import { StageNeed } from './StageNeed';
import type { GuidedApi } from './useGuided';

// The print geometry (layout, drawing) is needed only in stage 5.
const StageDocument = lazy(() => import('./StageDocument'));

export function GuidedView({ api }: { api: GuidedApi }) {
  const { t } = useGuidedT();
  const record = api.record ? (
    <RecordDialog session={api.record} onClose={api.closeRecord} />
  ) : null;
  if (!api.session) return record;
  const n = api.viewStage;
  const key = STAGE_KEYS[n];
  const name = t(`stages.${key}`);
  return (
    <section
      className="guided-view card editor-section"
      aria-labelledby="guided-view-title"
      data-testid="guided-view"
      data-stage={n}
    >
      <header className="guided-view-head">
        <div>
          <p className="guided-kicker">{t('stageN', { n })}</p>
          <h2 id="guided-view-title" className="guided-title">
            {name}
          </h2>
          <p className="guided-purpose">{t(`purpose.${key}`)}</p>
        </div>
        <div className="guided-view-tools">
          {!api.isFacilitator && (
            <span className="guided-follow-state" data-testid="guided-follow-state">
              {api.following ? t('following') : t('notFollowing')}
            </span>
          )}
          <button
            type="button"
            className="btn btn-ghost"
            aria-pressed={api.showAll}
            onClick={() => api.setShowAll(!api.showAll)}
          >
            {api.showAll ? <Minimize2 aria-hidden /> : <Maximize2 aria-hidden />}
            {api.showAll ? t('showFocus') : t('showAll')}
          </button>
        </div>
      </header>
      <div className="guided-view-grid">
        <div className="guided-main">
          {n === 1 && <StageNeed api={api} />}
          {n === 2 && <StageActivities api={api} />}
          {n === 3 && <StageIdentity />}
          {n === 4 && <MissingList api={api} stage={4} title={t('diagram.problems')} />}
          {n === 5 && (
            <Suspense fallback={<p className="muted">…</p>}>
              <StageDocument api={api} />
            </Suspense>
          )}
        </div>
        <aside className="guided-aside">
          {n !== 4 && <MissingList api={api} stage={n} />}
          <Decisions api={api} stage={n} />
          {api.isFacilitator && <p className="muted guided-keys">{t('keys')}</p>}
        </aside>
      </div>
      {record}
    </section>
  );
}
