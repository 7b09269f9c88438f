import type { SopSnapshot } from '@shared/model/types';
import { ChevronDown, ChevronRight, Workflow } from 'lucide-react';
import { lazy, Suspense, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { WhenVisible } from '../components/WhenVisible';
import { focusStep } from './procedure/focusStep';
import { SelectionContext, useSelectedId } from './selection';

const Flowchart = lazy(() => import('../flowchart/Flowchart'));

/** The live flowchart beside the table; clicking a symbol selects and focuses its row. */
export function FlowchartPanel({ snapshot }: { snapshot: SopSnapshot }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const selected = useSelectedId();
  const selection = useContext(SelectionContext);
  return (
    <section id="flowchart" className="editor-section card" aria-labelledby="flowchart-title">
      <div className="section-head">
        <h2 id="flowchart-title" className="section-title">
          <Workflow aria-hidden />
          {t('flowchart.title')}
        </h2>
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={open}
          aria-controls="flowchart-body"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
          {open ? t('flowchart.hide') : t('flowchart.show')}
        </button>
      </div>
      {open && (
        <div id="flowchart-body" className="flowchart-body">
          <ErrorBoundary fallback={<p className="form-error">{t('flowchart.error')}</p>}>
            <WhenVisible placeholder={<p className="muted">{t('flowchart.loading')}</p>}>
              <Suspense fallback={<p className="muted">{t('flowchart.loading')}</p>}>
                <Flowchart
                  snapshot={snapshot}
                  selectedStepId={selected}
                  showSuggestions
                  onSelectStep={(id) => {
                    selection.set(id);
                    focusStep(id);
                  }}
                />
              </Suspense>
            </WhenVisible>
          </ErrorBoundary>
        </div>
      )}
    </section>
  );
}
