/**
 * Orthogonal arrow routing on one page. Symbols sit centred in their lane, one
 * per row, so two kinds of space are always free of symbols:
 *  - a row's own horizontal band, except its single symbol;
 *  - the lane gutters (between a symbol's side and its lane border), over all rows.
 * Arrows therefore run: along the source row (or just below the source symbol),
 * vertically in a gutter "channel", then along the target row into the target's
 * facing side — or straight down into the next row's symbol. Connector strips
 * (several pentagons side by side) are left/entered from below/above only.
 */

import type { Arrow, Box, Column, ExitLabel, Point } from './types';

/** A thing an arrow can start or end at: a step symbol or an off-page connector. */
export interface RouteNode {
  id: string;
  /** Vertical slot on the page (strips and rows, top to bottom). */
  slot: number;
  lane: number;
  box: Box;
  /** Band of the slot (row or strip) the node lives in. */
  slotTop: number;
  slotBottom: number;
  strip: boolean;
}

export interface RouteEdge {
  from: RouteNode;
  to: RouteNode;
  fromStepId: string;
  toStepId: string;
  label?: ExitLabel;
  connector?: string;
}

type Port = 'bottom' | 'left' | 'right';
/** Sides each node leaves from, so arrows entering it avoid those sides. */
type Exits = Map<string, Set<Port>>;

const cx = (b: Box) => b.x + b.w / 2;
const cy = (b: Box) => b.y + b.h / 2;

/** Hands out distinct vertical tracks inside lane gutters. */
class Channels {
  private used = new Map<string, number>();
  constructor(
    private lanes: Column[],
    private symbolHalfWidth: number,
  ) {}
  /** The x the next `x()` call would return, without taking it. */
  peek(lane: number, side: 'left' | 'right'): number {
    const k = this.used.get(`${lane}:${side}`) ?? 0;
    const x = this.x(lane, side);
    this.used.set(`${lane}:${side}`, k);
    return x;
  }
  x(lane: number, side: 'left' | 'right'): number {
    const c = this.lanes[lane]!;
    const gutter = c.w / 2 - Math.min(this.symbolHalfWidth, c.w / 2 - 10);
    const slots = Math.max(1, Math.floor((gutter - 5) / 3.5));
    const key = `${lane}:${side}`;
    const k = (this.used.get(key) ?? 0) % slots;
    this.used.set(key, k + 1);
    const off = Math.min(gutter - 1, 5 + 3.5 * k);
    return side === 'right' ? c.x + c.w - off : c.x + off;
  }
}

/**
 * Ports of one source's out edges. The edge into the next slot leaves from the
 * bottom; other edges leave from the side facing their target, and a second
 * side edge (the other decision exit) takes the opposite side so the Ya and
 * Tidak arrows never share a start.
 */
function assignPorts(edges: RouteEdge[]): Port[] {
  const ports: Port[] = [];
  let bottomUsed = false;
  let usedSide: Port | null = null;
  const order = edges
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Number(isAdjacent(b.e)) - Number(isAdjacent(a.e)));
  for (const { e, i } of order) {
    const { from, to } = e;
    if (from.strip) {
      // Strips hold several pentagons side by side: leave them from below only.
      ports[i] = 'bottom';
      continue;
    }
    if (isAdjacent(e) && !bottomUsed && (to.lane === from.lane || edges.length > 1 || to.strip)) {
      ports[i] = 'bottom';
      bottomUsed = true;
      continue;
    }
    let side: Port = naturalSide(e);
    if (usedSide === side) side = side === 'right' ? 'left' : 'right';
    ports[i] = side;
    usedSide = side;
  }
  return ports;
}

function isAdjacent(e: RouteEdge): boolean {
  return e.to.slot === e.from.slot + 1;
}

function naturalSide(e: RouteEdge): 'left' | 'right' {
  return e.to.lane < e.from.lane ? 'left' : 'right';
}

/** Route every edge on a page. `lanes` are the lane columns; symbols are narrower than lanes. */
export function routeEdges(edges: RouteEdge[], lanes: Column[], symbolHalfWidth: number): Arrow[] {
  const channels = new Channels(lanes, symbolHalfWidth);
  const bySource = new Map<string, RouteEdge[]>();
  for (const e of edges) {
    if (e.from.id === e.to.id) continue;
    const list = bySource.get(e.from.id) ?? [];
    list.push(e);
    bySource.set(e.from.id, list);
  }
  const portsBySource = new Map<string, Port[]>();
  const exits: Exits = new Map();
  for (const [id, list] of bySource) {
    const ports = assignPorts(list);
    portsBySource.set(id, ports);
    exits.set(id, new Set(ports));
  }
  const arrows: Arrow[] = [];
  for (const [id, list] of bySource) {
    const ports = portsBySource.get(id) ?? [];
    list.forEach((e, i) => {
      arrows.push(routeOne(e, ports[i] ?? 'bottom', channels, exits));
    });
  }
  return arrows;
}

function routeOne(e: RouteEdge, port: Port, channels: Channels, exits: Exits): Arrow {
  const { from: a, to: b } = e;
  const ax = cx(a.box);
  const bx = cx(b.box);
  const pts: Point[] = [];
  const adjacent = isAdjacent(e);
  // y just below the source symbol / just above the target symbol, away from grid lines.
  const below = a.box.y + a.box.h + (a.slotBottom - (a.box.y + a.box.h)) / 2;
  const above = b.slotTop + (b.box.y - b.slotTop) / 2;
  const taken = exits.get(b.id) ?? new Set<Port>();
  let labelAt: Point | undefined;
  let labelEnd = false;

  if (port === 'bottom') {
    pts.push({ x: ax, y: a.box.y + a.box.h });
    if (adjacent && Math.abs(ax - bx) < 0.01) {
      pts.push({ x: bx, y: b.box.y });
    } else if (adjacent) {
      pts.push({ x: ax, y: below }, { x: bx, y: below }, { x: bx, y: b.box.y });
    } else {
      const toward: 'left' | 'right' = b.lane < a.lane ? 'right' : 'left';
      const options =
        b.lane === a.lane
          ? [
              { lane: a.lane, side: 'right' as const },
              { lane: a.lane, side: 'left' as const },
            ]
          : [
              { lane: b.lane, side: toward },
              { lane: b.lane, side: toward === 'left' ? ('right' as const) : ('left' as const) },
            ];
      const chX = pickChannel(channels, options, b, taken);
      pts.push({ x: ax, y: below }, { x: chX.x, y: below });
      enter(pts, chX.x, b, above, chX.top);
    }
    // Label beside the vertical stub, on the side the arrow does not turn to.
    const turnsRight = (pts[2]?.x ?? ax) > ax + 0.01;
    labelEnd = turnsRight;
    labelAt = { x: turnsRight ? ax - 2.5 : ax + 2.5, y: a.box.y + a.box.h + 6.5 };
  } else {
    const dir = port === 'right' ? 1 : -1;
    const sx = dir > 0 ? a.box.x + a.box.w : a.box.x;
    const sy = cy(a.box);
    pts.push({ x: sx, y: sy });
    labelAt = { x: dir > 0 ? sx + 3 : sx - 3, y: sy - 3 };
    labelEnd = dir < 0;
    if (adjacent && b.lane !== a.lane && !b.strip && Math.sign(b.lane - a.lane) === dir) {
      pts.push({ x: bx, y: sy }, { x: bx, y: b.box.y });
    } else {
      const opposite: 'left' | 'right' = dir > 0 ? 'left' : 'right';
      const options =
        b.lane === a.lane || Math.sign(b.lane - a.lane) !== dir
          ? [{ lane: a.lane, side: port }]
          : [
              { lane: b.lane, side: opposite },
              { lane: b.lane, side: port },
            ];
      const chX = pickChannel(channels, options, b, taken);
      pts.push({ x: chX.x, y: sy });
      enter(pts, chX.x, b, above, chX.top);
    }
  }
  const arrow: Arrow = { fromStepId: e.fromStepId, toStepId: e.toStepId, points: simplify(pts) };
  if (e.label) {
    arrow.label = e.label;
    if (labelAt) arrow.labelAt = labelAt;
    arrow.labelAnchor = labelEnd ? 'end' : 'start';
  }
  if (e.connector) arrow.connector = e.connector;
  return arrow;
}

/**
 * First channel whose entry side into `b` is not one of b's own exits; if all
 * are, the first channel with an entry from above.
 */
function pickChannel(
  channels: Channels,
  options: Array<{ lane: number; side: 'left' | 'right' | Port }>,
  b: RouteNode,
  taken: Set<Port>,
): { x: number; top: boolean } {
  for (const o of options) {
    const side = o.side === 'left' ? 'left' : 'right';
    const x = channels.peek(o.lane, side);
    const entry: Port = x > cx(b.box) ? 'right' : 'left';
    if (b.strip || !taken.has(entry)) return { x: channels.x(o.lane, side), top: false };
  }
  const first = options[0]!;
  return { x: channels.x(first.lane, first.side === 'left' ? 'left' : 'right'), top: true };
}

/** From a channel at x, go vertically and enter `b` from its side, or from above (strips, or when asked). */
function enter(pts: Point[], chX: number, b: RouteNode, above: number, fromTop: boolean): void {
  if (b.strip || fromTop) {
    pts.push({ x: chX, y: above }, { x: cx(b.box), y: above }, { x: cx(b.box), y: b.box.y });
    return;
  }
  const y = cy(b.box);
  pts.push({ x: chX, y }, { x: chX > cx(b.box) ? b.box.x + b.box.w : b.box.x, y });
}

/** Drop zero-length segments and merge collinear ones. */
function simplify(pts: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const prev = out[out.length - 2];
    if (
      last &&
      prev &&
      ((Math.abs(prev.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) ||
        (Math.abs(prev.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))
    ) {
      out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}
