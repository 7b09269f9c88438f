import { pageOps } from '@shared/flowchart/drawOps';
import { labelsFor } from '@shared/flowchart/labels';
import { layoutProcedure } from '@shared/flowchart/layout';
import type { SopSnapshot } from '@shared/model/types';
import { type JSX, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRowMarks } from '../editor/procedure/rowMarks';
import { FlowchartMarks } from '../history/FlowchartMarks';
import { SuggestionFlowMarks } from '../suggestions/SuggestionFlowMarks';
import { useSuggestionMarkers } from '../suggestions/SuggestionsContext';
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
  /** Marks steps with open suggestions (the live editor's chart, not a version's). */
  showSuggestions?: boolean;
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
  // Compare mode (issue 16): changed steps get a marker over the chart.
  const marks = useRowMarks();
  // Suggestion mode (issue 16): a small badge on steps with open suggestions.
  const markers = useSuggestionMarkers();
  const suggested = props.showSuggestions ? markers : null;
  if (snapshot.steps.length === 0 || !page) {
    return <p className="flowchart-empty">{t('flowchart.empty')}</p>;
  }
  const numberOf = new Map(snapshot.steps.map((s, i) => [s.id, i + 1]));
  const chart = (
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
  );
  return (
    <div className="flowchart" data-testid="flowchart">
      {marks || suggested ? (
        <div className={marks ? 'flowchart-marked sg-flow-wrap' : 'sg-flow-wrap'}>
          {chart}
          {marks && (
            <FlowchartMarks
              page={page}
              width={layout.pageWidth}
              height={layout.pageHeight}
              marks={marks.model.marks}
              focused={marks.focused}
            />
          )}
          {suggested && (
            <SuggestionFlowMarks
              page={page}
              width={layout.pageWidth}
              height={layout.pageHeight}
              markers={suggested}
            />
          )}
        </div>
      ) : (
        chart
      )}
    </div>
  );
}
