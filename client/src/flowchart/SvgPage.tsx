import type { DrawOp } from '@shared/flowchart/drawOps';
import type { Point } from '@shared/flowchart/types';
import type { JSX } from 'react';

const FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif";
const pts = (p: Point[]) => p.map((q) => `${q.x},${q.y}`).join(' ');

export interface SvgPageProps {
  ops: DrawOp[];
  width: number;
  height: number;
  /** Accessible name of the drawing. */
  label: string;
  selectedStepId?: string | null | undefined;
  onSelectStep?: ((id: string) => void) | undefined;
  /** Accessible name of a clickable symbol. */
  symbolLabel?: ((stepId: string) => string) | undefined;
  className?: string;
}

/**
 * One page of the procedure drawn from the shared primitives (the same list the
 * PDF is drawn from). Symbols with a step id become buttons when `onSelectStep` is set.
 */
export function SvgPage(props: SvgPageProps): JSX.Element {
  const { ops, width, height, selectedStepId, onSelectStep, symbolLabel } = props;
  return (
    <svg
      className={props.className}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={props.label}
      preserveAspectRatio="xMidYMin meet"
    >
      <rect x={0} y={0} width={width} height={height} fill="#fff" />
      {ops.map((o, i) => {
        const key = `${o.op}-${i}`;
        const stepId = 'stepId' in o ? o.stepId : undefined;
        const selected = stepId !== undefined && stepId === selectedStepId;
        const stroke = selected ? '#1d4ed8' : '#000';
        const lw = 'lineWidth' in o ? (selected ? o.lineWidth * 2.2 : o.lineWidth) : 0;
        const fill = selected ? '#dbeafe' : 'fill' in o ? (o.fill ?? 'none') : 'none';
        let el: JSX.Element;
        switch (o.op) {
          case 'rect':
            el = (
              <rect
                x={o.box.x}
                y={o.box.y}
                width={o.box.w}
                height={o.box.h}
                fill={fill}
                stroke={o.stroke ? stroke : 'none'}
                strokeWidth={lw}
              />
            );
            break;
          case 'capsule':
            el = (
              <rect
                x={o.box.x}
                y={o.box.y}
                width={o.box.w}
                height={o.box.h}
                rx={o.box.h / 2}
                fill={fill}
                stroke={stroke}
                strokeWidth={lw}
              />
            );
            break;
          case 'polygon':
            el = (
              <polygon
                points={pts(o.points)}
                fill={fill}
                stroke={o.lineWidth > 0 ? stroke : 'none'}
                strokeWidth={lw}
              />
            );
            break;
          case 'polyline':
            el = <polyline points={pts(o.points)} fill="none" stroke="#000" strokeWidth={lw} />;
            break;
          case 'text':
            return (
              <text
                key={key}
                x={o.x}
                y={o.y}
                fontFamily={FONT}
                fontSize={o.size}
                fontWeight={o.bold ? 'bold' : 'normal'}
                textAnchor={o.anchor}
                textLength={o.width > 0 ? o.width : undefined}
                lengthAdjust="spacingAndGlyphs"
              >
                {o.text}
              </text>
            );
        }
        if (!stepId || !onSelectStep) return <g key={key}>{el}</g>;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; role+tabIndex+keys make it one.
          <g
            key={key}
            role="button"
            tabIndex={0}
            className="flowchart-symbol"
            data-step-id={stepId}
            aria-pressed={selected}
            aria-label={symbolLabel?.(stepId) ?? stepId}
            style={{ cursor: 'pointer' }}
            onClick={() => onSelectStep(stepId)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelectStep(stepId);
              }
            }}
          >
            {el}
          </g>
        );
      })}
    </svg>
  );
}
