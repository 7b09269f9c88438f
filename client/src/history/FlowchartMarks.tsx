import type { LayoutPage } from '@shared/flowchart/types';
import type { StepMark } from '@shared/model/diff';
import { useCompareT } from './compareI18n';

/** Colours of the marks (also in compare.css), dark enough to read on white. */
export const MARK_COLOURS: Readonly<Record<StepMark, string>> = {
  added: '#05603a',
  removed: '#b42318',
  moved: '#1d4ed8',
  changed: '#a15c00',
};

/**
 * Compare marks over a flowchart page drawn by `SvgPage` (same viewBox, laid on top):
 * a tinted band on each marked row and a frame with a label around its symbol.
 */
export function FlowchartMarks({
  page,
  width,
  height,
  marks,
  focused,
}: {
  page: LayoutPage;
  width: number;
  height: number;
  marks: ReadonlyMap<string, { mark: StepMark; moved: boolean }>;
  focused?: string | null;
}) {
  const { t } = useCompareT();
  const symbols = new Map(page.symbols.map((s) => [s.stepId, s]));
  // The band spans the table (its header's extent), not the page margins.
  const left = Math.min(...page.header.map((h) => h.x), width);
  const right = Math.max(...page.header.map((h) => h.x + h.w), 0);
  const bandX = right > left ? left : 0;
  const bandW = right > left ? right - left : width;
  return (
    <svg
      className="flowchart-marks"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMin meet"
      aria-hidden
    >
      {page.rows.map((row) => {
        const m = marks.get(row.stepId);
        if (!m) return null;
        const colour = MARK_COLOURS[m.mark];
        const sym = symbols.get(row.stepId);
        const pad = 3;
        return (
          <g
            key={row.stepId}
            data-testid="diff-flow-mark"
            data-change={m.mark}
            data-step-id={row.stepId}
          >
            <rect
              x={bandX}
              y={row.y}
              width={bandW}
              height={row.h}
              fill={colour}
              opacity={focused === row.stepId ? 0.16 : 0.07}
            />
            {sym && (
              <>
                <rect
                  x={sym.box.x - pad}
                  y={sym.box.y - pad}
                  width={sym.box.w + 2 * pad}
                  height={sym.box.h + 2 * pad}
                  rx={3}
                  fill="none"
                  stroke={colour}
                  strokeWidth={1.6}
                  strokeDasharray={m.mark === 'moved' ? '3 2' : undefined}
                />
                <text
                  x={sym.box.x + sym.box.w + pad + 2}
                  y={sym.box.y + 6}
                  fontSize={6.5}
                  fontWeight="bold"
                  fill={colour}
                  fontFamily="Helvetica, Arial, sans-serif"
                >
                  {t(`mark.${m.mark}`)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
