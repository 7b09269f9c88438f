import { GitCompareArrows } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { RowMarksContext } from '../editor/procedure/rowMarks';
import { ChangeList } from './ChangeList';
import { useCompare } from './CompareContext';
import { formatWhen, useCompareT } from './compareI18n';
import { DiffTable } from './DiffTable';
import './compare.css';

const Flowchart = lazy(() => import('../flowchart/Flowchart'));

/**
 * Comparing two versions in the editor: the list of changes, the newer version's
 * procedure with its marks, and its flowchart with markers, above the (unchanged)
 * live sections. Nothing when not comparing two versions (comparing with now marks the
 * live table itself).
 */
export function CompareSection() {
  const api = useCompare();
  const { t, i18n } = useCompareT();
  if (!api || api.live || api.state.status !== 'ready' || !api.model) return null;
  const { state, model } = api;
  const item = model.items[api.index];
  const focused = item?.kind === 'step' ? item.id : null;
  const when = (iso: string) => formatWhen(iso, i18n.language);
  return (
    <section
      className="editor-section card compare-section"
      aria-labelledby="compare-title"
      data-testid="compare-view"
    >
      <h2 id="compare-title" className="section-title">
        <GitCompareArrows aria-hidden />
        {t('view.title')}
      </h2>
      <p className="compare-sides">
        <strong>{state.from.label}</strong> ({when(state.from.createdAt)}) →{' '}
        <strong>{state.to?.label}</strong> ({state.to ? when(state.to.createdAt) : ''})
      </p>
      <h3 className="compare-h">{t('view.changes')}</h3>
      <ChangeList model={model} index={api.index} onSelect={api.setIndex} />
      <h3 className="compare-h">{t('view.procedure')}</h3>
      <DiffTable model={model} focused={focused} />
      <h3 className="compare-h">{t('view.flowchart')}</h3>
      <ErrorBoundary fallback={null}>
        <Suspense fallback={null}>
          <RowMarksContext.Provider value={{ model, focused }}>
            <Flowchart snapshot={model.to} />
          </RowMarksContext.Provider>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
