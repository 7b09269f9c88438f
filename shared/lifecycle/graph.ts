/**
 * The graph of Keterkaitan links, drawn with the flowchart's primitives
 * (`shared/flowchart/drawOps.ts`): the same `DrawOp` list the screen renders with
 * `SvgPage` (nodes are clickable through their `stepId`, here the SOP id) and a
 * string SVG could be made of. Nodes sit on concentric rings by hop from the focus
 * (an SOP's two-hop graph) or on one ring (a unit's SOPs); edges are straight arrows,
 * a pair of opposite links (a cycle of two) drawn side by side, so cycles draw like
 * any other link.
 */
import type { DrawOp } from '../flowchart/drawOps.js';
import { arrowHead, LINE } from '../flowchart/shapes.js';
import { textWidth } from '../flowchart/textMetrics.js';
import type { Box, Point } from '../flowchart/types.js';
import type { LinkType } from './types.js';

export interface GraphNode {
  id: string;
  number: string;
  name: string;
  status: string;
  /** Hops from the focus (0 = the focus); all 1 for a unit graph. */
  hop: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  type: LinkType;
  flagged: boolean;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphDrawing {
  ops: DrawOp[];
  width: number;
  height: number;
  /** Where each node was placed. */
  boxes: Map<string, Box>;
}

const NODE_W = 150;
const NODE_H = 44;
const FONT = 8;
const RING_GAP = 150;
const MARGIN = 30;
const FILL: Record<string, string> = {
  approved: '#e6f4ea',
  draft: '#fff8e1',
  in_review: '#e3f2fd',
  revoked: '#fdecea',
  superseded: '#eeeeee',
};

/** `text` cut to fit `width` points at the graph's font size, with an ellipsis. */
function fitText(text: string, width: number, bold: boolean): string {
  if (textWidth(text, FONT, bold) <= width) return text;
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, FONT, bold) > width) s = s.slice(0, -1);
  return `${s}…`;
}

/** Where the segment from the centre of `b` toward `p` leaves the box. */
function borderPoint(b: Box, p: Point): Point {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx === 0 ? Number.POSITIVE_INFINITY : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Number.POSITIVE_INFINITY : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

/** Places the nodes (rings by hop) and draws them with their links. */
export function drawGraph(
  data: GraphData,
  typeLabel: (t: LinkType) => string = (t) => t,
): GraphDrawing {
  const rings = new Map<number, GraphNode[]>();
  for (const n of data.nodes) {
    const list = rings.get(n.hop) ?? [];
    list.push(n);
    rings.set(n.hop, list);
  }
  const hops = [...rings.keys()].sort((a, b) => a - b);
  const centres = new Map<string, Point>();
  let radius = 0;
  let ringIndex = 0;
  for (const hop of hops) {
    const list = (rings.get(hop) ?? []).sort((a, b) =>
      a.number === b.number ? (a.id < b.id ? -1 : 1) : a.number < b.number ? -1 : 1,
    );
    if (list.length === 1 && ringIndex === 0) {
      centres.set(list[0]!.id, { x: 0, y: 0 });
      ringIndex++;
      continue;
    }
    // A ring wide enough that its nodes do not overlap.
    const needed = (list.length * (NODE_W + 20)) / (2 * Math.PI);
    radius = Math.max(radius + RING_GAP, needed, list.length > 1 ? RING_GAP : 0);
    list.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / list.length + ringIndex * 0.35;
      centres.set(n.id, { x: radius * Math.cos(a), y: radius * Math.sin(a) * 0.75 });
    });
    ringIndex++;
  }
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  for (const c of centres.values()) {
    minX = Math.min(minX, c.x - NODE_W / 2);
    maxX = Math.max(maxX, c.x + NODE_W / 2);
    minY = Math.min(minY, c.y - NODE_H / 2);
    maxY = Math.max(maxY, c.y + NODE_H / 2);
  }
  const dx = MARGIN - minX;
  const dy = MARGIN - minY;
  const boxes = new Map<string, Box>();
  for (const [id, c] of centres)
    boxes.set(id, { x: c.x + dx - NODE_W / 2, y: c.y + dy - NODE_H / 2, w: NODE_W, h: NODE_H });

  const ops: DrawOp[] = [];
  const pairs = new Set(data.edges.map((e) => `${e.from}\u0000${e.to}`));
  const seen = new Set<string>();
  for (const e of data.edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    const key = `${e.from}\u0000${e.to}\u0000${e.type}`;
    if (!a || !b || e.from === e.to || seen.has(key)) continue;
    seen.add(key);
    const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
    const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
    // Opposite links (a cycle of two): each drawn 5 pt to its own side.
    const both = pairs.has(`${e.to}\u0000${e.from}`);
    const len = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1;
    const off = both ? 5 : 0;
    const nx = (-(cb.y - ca.y) / len) * off;
    const ny = ((cb.x - ca.x) / len) * off;
    const p = borderPoint(a, { x: cb.x + nx, y: cb.y + ny });
    const q = borderPoint(b, { x: ca.x + nx, y: ca.y + ny });
    const from = { x: p.x + nx, y: p.y + ny };
    const to = { x: q.x + nx, y: q.y + ny };
    ops.push({ op: 'polyline', points: [from, to], lineWidth: e.flagged ? 1.6 : LINE.arrow });
    ops.push({ op: 'polygon', points: arrowHead([from, to]), lineWidth: 0, fill: '#000' });
    const label = `${typeLabel(e.type)}${e.flagged ? ' (!)' : ''}`;
    ops.push({
      op: 'text',
      x: (from.x + to.x) / 2 + nx,
      y: (from.y + to.y) / 2 + ny - 2,
      text: label,
      size: 7,
      bold: e.flagged,
      anchor: 'middle',
      width: textWidth(label, 7, e.flagged),
    });
  }
  for (const n of data.nodes) {
    const box = boxes.get(n.id);
    if (!box) continue;
    ops.push({
      op: 'rect',
      box,
      lineWidth: n.hop === 0 ? 1.8 : LINE.shape,
      fill: FILL[n.status] ?? '#ffffff',
      stroke: true,
      stepId: n.id,
    });
    const lines = [
      fitText(n.number || '—', NODE_W - 10, true),
      fitText(n.name || '—', NODE_W - 10, false),
    ];
    lines.forEach((line, i) => {
      const bold = i === 0;
      ops.push({
        op: 'text',
        x: box.x + box.w / 2,
        y: box.y + 17 + i * 13,
        text: line,
        size: FONT,
        bold,
        anchor: 'middle',
        width: textWidth(line, FONT, bold),
      });
    });
  }
  return { ops, width: maxX - minX + 2 * MARGIN, height: maxY - minY + 2 * MARGIN, boxes };
}
