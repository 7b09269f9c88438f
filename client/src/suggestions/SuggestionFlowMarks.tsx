import type { LayoutPage } from '@shared/flowchart/types';
import { useSuggestionsT } from './i18n';
import './suggestions.css';

/**
 * Open suggestions on the flowchart (issue 16): a small numbered badge at the top
 * right of each symbol whose step has suggestions (wording, a move, a deletion, a new
 * step after it). An SVG laid over the chart with the same viewBox; never clickable.
 */
export function SuggestionFlowMarks({
  page,
  width,
  height,
  markers,
}: {
  page: LayoutPage;
  width: number;
  height: number;
  markers: ReadonlyMap<string, number>;
}) {
  const { t } = useSuggestionsT();
  return (
    <svg
      className="sg-flow-marks"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMin meet"
      role="img"
      aria-hidden
    >
      {page.symbols.map((sym) => {
        const count = markers.get(sym.stepId);
        if (!count) return null;
        const x = sym.box.x + sym.box.w;
        const y = sym.box.y;
        return (
          <g key={sym.stepId} data-testid="flowchart-suggestion" data-step-id={sym.stepId}>
            <title>{t('flowchart.marker', { count })}</title>
            <circle cx={x} cy={y} r={5.5} fill="#b45309" stroke="#fff" strokeWidth={1.2} />
            <text
              x={x}
              y={y + 2.3}
              fontSize={6.5}
              fontWeight="bold"
              textAnchor="middle"
              fill="#fff"
              fontFamily="Helvetica, Arial, sans-serif"
            >
              {count > 9 ? '9+' : count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
