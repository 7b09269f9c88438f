import { drawGraph, type GraphData } from '@shared/lifecycle/graph';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { SvgPage } from '../flowchart/SvgPage';

/**
 * A graph of SOP links drawn with the flowchart's primitives and its SVG renderer: each
 * SOP a box (click or Enter opens it), each link an arrow labelled with its type, a
 * flagged link bold with "(!)". Cycles draw like any other link.
 */
export function LinkGraph({ data, label }: { data: GraphData; label: string }) {
  const { t } = useTranslation('lifecycle');
  const [, navigate] = useLocation();
  const drawing = useMemo(() => drawGraph(data, (type) => t(`types.${type}`)), [data, t]);
  const names = new Map(data.nodes.map((n) => [n.id, `${n.number} ${n.name}`.trim()]));
  if (data.nodes.length <= 1 && data.edges.length === 0)
    return <p className="lc-muted">{t('links.graphEmpty')}</p>;
  return (
    <div className="lc-graph" data-testid="link-graph">
      {/* Drawn at about its own size (points → pixels), never blown up to the panel's width. */}
      <div className="lc-graph-inner" style={{ maxWidth: `${Math.round(drawing.width * 1.4)}px` }}>
        <SvgPage
          ops={drawing.ops}
          width={drawing.width}
          height={drawing.height}
          label={label}
          onSelectStep={(id) => navigate(`/sop/${encodeURIComponent(id)}`)}
          symbolLabel={(id) => t('links.open', { name: names.get(id) ?? id })}
        />
      </div>
    </div>
  );
}
