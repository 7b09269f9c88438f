/**
 * Stage 5, the document: whether the SOP is valid, the procedure pages as they print
 * (the same geometry as the PDF), the print preview and "start review".
 */

import { pageOps } from '@shared/flowchart/drawOps';
import { documentLabels } from '@shared/flowchart/labels';
import { layoutProcedure } from '@shared/flowchart/layout';
import { CheckCircle2, ExternalLink } from 'lucide-react';
import { useMemo } from 'react';
import { SvgPage } from '../flowchart/SvgPage';
import { ReviewBar } from '../review/index';
import { useGuidedT } from './i18n';
import type { GuidedApi } from './useGuided';

export default function StageDocument({ api }: { api: GuidedApi }) {
  const { t } = useGuidedT();
  const { snapshot, sopId } = api.deps;
  const labels = documentLabels(snapshot.meta.template);
  const layout = useMemo(() => layoutProcedure(snapshot, { labels }), [snapshot, labels]);
  const { overall } = api.completeness;
  return (
    <div className="guided-stage-body guided-document">
      <div className="guided-doc-head">
        <p
          className={overall.valid ? 'guided-ok guided-valid' : 'guided-blocks'}
          data-testid="guided-validity"
          data-valid={overall.valid ? 'true' : 'false'}
        >
          {overall.valid ? <CheckCircle2 aria-hidden /> : null}
          {overall.valid ? t('document.valid') : t('document.invalid', { count: overall.errors })}
        </p>
        <a
          className="btn"
          href={`/sop/${encodeURIComponent(sopId)}/print`}
          target="_blank"
          rel="noreferrer"
          data-testid="guided-print"
        >
          <ExternalLink aria-hidden />
          {t('document.openPrint')}
        </a>
        <div className="guided-review">
          <span className="muted">{t('document.review')}</span>
          <ReviewBar part="start" />
        </div>
      </div>
      <h3 className="guided-h3">{t('document.preview')}</h3>
      <div className="guided-preview" data-testid="guided-preview">
        {layout.pages.map((page) => (
          <div key={page.index} className="guided-preview-page">
            <SvgPage
              ops={pageOps(layout, page, labels)}
              width={layout.pageWidth}
              height={layout.pageHeight}
              label={t('document.page', { n: page.index + 1 })}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
