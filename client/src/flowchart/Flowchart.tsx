import { pageOps } from '@shared/flowchart/drawOps';
import { labelsFor } from '@shared/flowchart/labels';
import { layoutProcedure } from '@shared/flowchart/layout';
import type { SopSnapshot } from '@shared/model/types';
import { type JSX, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SvgPage } from './SvgPage';
import './flowchart.css';

/**
 * Live swimlane flowchart of an SOP in the SOP AP table layout (No, Kegiatan,
 * one lane per pelaksana, Mutu Baku, Keterangan), unpaginated. It is a pure
 * function of `snapshot`: the editor passes a new snapshot on every edit and the
 * chart follows. Clicking (or Enter on) a symbol calls `onSelectStep`.
 */
export default function Flowchart(props: {
  snapshot: SopSnapshot;
  selectedStepId?: string | null;
  onSelectStep?: (id: string) => void;
}): JSX.Element {
  const { snapshot, selectedStepId, onSelectStep } = props;
  const { t, i18n } = useTranslation('output');
  const labels = labelsFor(i18n.language);
  const layout = useMemo(
    () => layoutProcedure(snapshot, { labels, pageHeight: Number.POSITIVE_INFINITY }),
    [snapshot, labels],
  );
  const page = layout.pages[0];
  const ops = useMemo(() => (page ? pageOps(layout, page, labels) : []), [layout, page, labels]);
  if (snapshot.steps.length === 0 || !page) {
    return <p className="flowchart-empty">{t('flowchart.empty')}</p>;
  }
  const numberOf = new Map(snapshot.steps.map((s, i) => [s.id, i + 1]));
  return (
    <div className="flowchart" data-testid="flowchart">
      <SvgPage
        ops={ops}
        width={layout.pageWidth}
        height={layout.pageHeight}
        label={t('flowchart.title')}
        selectedStepId={selectedStepId}
        onSelectStep={onSelectStep}
        symbolLabel={(id) =>
          t('flowchart.symbol', {
            n: numberOf.get(id) ?? '?',
            text: snapshot.steps.find((s) => s.id === id)?.activity ?? '',
          })
        }
      />
    </div>
  );
}
