/**
 * Reads one flowchart image strip of Susun's own Word export (issue 17 import): the SVG
 * drawn by `shared/flowchart/svg.ts` for one table row's pelaksana cells. What is read:
 * - the row's symbol (a white rectangle, capsule or diamond whose centre lies in the
 *   strip): its kind, and its lane from its centre and the pelaksana column widths;
 * - for a diamond, its exit arrows (polylines leaving one of its corners) with their
 *   label (the "Ya"/"Tidak" text nearest to where they leave) and their end point;
 * - off-page connectors (white pentagons) and their letters, with the arrows leaving them.
 * Coordinates are the strip's own (points, 0,0 at the row's top-left corner).
 */
import { parseXml, type XmlElement } from './xml.js';

export interface Pt {
  x: number;
  y: number;
}

export interface StripExit {
  label: 'yes' | 'no';
  end: Pt;
}

export interface StripReading {
  symbol: {
    kind: 'terminator' | 'process' | 'decision';
    lane: number;
    cx: number;
    cy: number;
  } | null;
  exits: StripExit[];
  connectors: Array<{ letter: string; x: number; y: number; arrowEnds: Pt[] }>;
}

const YES = new Set(['ya', 'yes']);
const NO = new Set(['tidak', 'no']);

function num(v: string | undefined): number {
  const n = Number.parseFloat(v ?? '');
  return Number.isFinite(n) ? n : 0;
}

function points(v: string | undefined): Pt[] {
  return (v ?? '')
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number))
    .filter((p) => p.length === 2 && p.every(Number.isFinite))
    .map(([x, y]) => ({ x: x!, y: y! }));
}

const dist = (a: Pt, b: Pt) => Math.hypot(a.x - b.x, a.y - b.y);

/** Distance from `p` to segment a–b. */
function segDist(p: Pt, a: Pt, b: Pt): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return dist(p, { x: a.x + t * dx, y: a.y + t * dy });
}

/**
 * Reads a strip; `laneWidths` are the pelaksana column widths (any unit: only their
 * proportions matter). Returns an empty reading for SVG it cannot parse.
 */
export function readStrip(bytes: Uint8Array, laneWidths: number[]): StripReading {
  const empty: StripReading = { symbol: null, exits: [], connectors: [] };
  let svg: XmlElement;
  try {
    svg = parseXml(new TextDecoder().decode(bytes));
  } catch {
    return empty;
  }
  if (svg.name !== 'svg') return empty;
  const vb = (svg.attrs.viewBox ?? '').split(/[\s,]+/).map(Number);
  const width = vb.length === 4 && vb[2]! > 0 ? vb[2]! : num(svg.attrs.width);
  const height = vb.length === 4 && vb[3]! > 0 ? vb[3]! : num(svg.attrs.height);
  if (!(width > 0 && height > 0)) return empty;
  const total = laneWidths.reduce((a, w) => a + Math.max(0, w), 0);
  const laneOf = (x: number) => {
    if (total <= 0 || laneWidths.length === 0) return 0;
    let acc = 0;
    for (let i = 0; i < laneWidths.length; i++) {
      acc += (Math.max(0, laneWidths[i]!) / total) * width;
      if (x < acc) return i;
    }
    return laneWidths.length - 1;
  };

  type Shape = {
    kind: 'terminator' | 'process' | 'decision' | 'connector';
    pts: Pt[];
    cx: number;
    cy: number;
  };
  const shapes: Shape[] = [];
  const lines: Pt[][] = [];
  const texts: Array<{ text: string; at: Pt }> = [];
  const walk = (el: XmlElement) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const a = c.attrs;
      if (c.name === 'rect' && a.fill === '#fff') {
        const x = num(a.x);
        const y = num(a.y);
        const w = num(a.width);
        const h = num(a.height);
        const corners = [
          { x, y },
          { x: x + w, y },
          { x: x + w, y: y + h },
          { x, y: y + h },
        ];
        shapes.push({
          kind: num(a.rx) > 0 ? 'terminator' : 'process',
          pts: corners,
          cx: x + w / 2,
          cy: y + h / 2,
        });
      } else if (c.name === 'polygon' && a.fill === '#fff') {
        const pts = points(a.points);
        if (pts.length === 4 || pts.length === 5) {
          const cx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
          const cy = pts.reduce((s, p) => s + p.y, 0) / pts.length;
          shapes.push({ kind: pts.length === 4 ? 'decision' : 'connector', pts, cx, cy });
        }
      } else if (c.name === 'polyline') {
        const pts = points(a.points);
        if (pts.length >= 2) lines.push(pts);
      } else if (c.name === 'text') {
        const text = c.children
          .filter((t): t is string => typeof t === 'string')
          .join('')
          .trim();
        if (text) texts.push({ text, at: { x: num(a.x), y: num(a.y) } });
      }
      walk(c);
    }
  };
  walk(svg);

  const inside = (s: Shape) => s.cy >= 0 && s.cy <= height;
  const symbolShape = shapes.find((s) => s.kind !== 'connector' && inside(s)) ?? null;
  const out: StripReading = {
    symbol: symbolShape
      ? {
          kind: symbolShape.kind as 'terminator' | 'process' | 'decision',
          lane: laneOf(symbolShape.cx),
          cx: symbolShape.cx,
          cy: symbolShape.cy,
        }
      : null,
    exits: [],
    connectors: [],
  };
  /** Polylines leaving a shape's outline (first point near a corner or an edge midpoint). */
  const leaving = (s: Shape) => {
    const anchors = [...s.pts];
    for (let i = 0; i < s.pts.length; i++) {
      const a = s.pts[i]!;
      const b = s.pts[(i + 1) % s.pts.length]!;
      anchors.push({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    }
    return lines.filter((l) => anchors.some((p) => dist(p, l[0]!) < 1.5));
  };
  if (symbolShape?.kind === 'decision') {
    const exits = leaving(symbolShape);
    const labelled = texts.filter(
      (t) => YES.has(t.text.toLowerCase()) || NO.has(t.text.toLowerCase()),
    );
    for (const l of exits) {
      let best: { label: 'yes' | 'no'; d: number } | null = null;
      for (const t of labelled) {
        const d = Math.min(...l.slice(1).map((p, i) => segDist(t.at, l[i]!, p)));
        const label = YES.has(t.text.toLowerCase()) ? 'yes' : 'no';
        if (!best || d < best.d) best = { label, d };
      }
      if (best && !out.exits.some((e) => e.label === best.label))
        out.exits.push({ label: best.label, end: l[l.length - 1]! });
    }
  }
  for (const s of shapes) {
    if (s.kind !== 'connector') continue;
    const letter = texts
      .filter((t) => /^[A-Z]{1,3}$/.test(t.text))
      .sort((a, b) => dist(a.at, { x: s.cx, y: s.cy }) - dist(b.at, { x: s.cx, y: s.cy }))[0];
    if (!letter) continue;
    out.connectors.push({
      letter: letter.text,
      x: s.cx,
      y: s.cy,
      arrowEnds: leaving(s).map((l) => l[l.length - 1]!),
    });
  }
  return out;
}
