/**
 * Layout of the SOP AP procedure section: the swimlane flowchart table, paginated
 * to A4 (landscape by default). Rows never split; the header repeats on every
 * page; a flow crossing a page break becomes a pair of lettered pentagon
 * connectors (bottom of the source page in the source lane, top of the target
 * page in the target lane). Pure geometry — no DOM, no pdfkit.
 */

import type { SopSnapshot } from '../model/types';
import { placeExitLabels } from './exitLabels';
import { type FlowEdge, flowEdges, formatTotalTime } from './graph';
import { labelsId, type OutputLabels } from './labels';
import { type RouteEdge, type RouteNode, routeEdges } from './routing';
import { computeColumns, computeHeader, computeRowCells, METRICS } from './table';
import { limitLines, textWidth, wrapText } from './textMetrics';
import type {
  Box,
  Column,
  ConnectorStrip,
  FlowchartLayout,
  LayoutPage,
  LayoutRow,
  OffPageConnector,
  SymbolShape,
} from './types';

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface LayoutOptions {
  /** Default: A4 landscape width. */
  pageWidth?: number;
  /** Default: A4 landscape height. `Infinity` lays everything out on one page (screen view). */
  pageHeight?: number;
  margin?: number;
  labels?: OutputLabels;
  /** Optional fixed caps on rows per page (some offices use ~6 on page 1, 5 after). */
  maxRowsPerPage?: number;
  firstPageMaxRows?: number;
  /** Edges to draw; default `flowEdges(snapshot)`. */
  edges?: FlowEdge[];
}

const FOOTER_H = 14;
/** The page title (SOP name — number) over every procedure page: bold, wrapped. */
export const TITLE = {
  size: 9,
  lineHeight: 11,
  /** Space under the last line, before the table header. */
  after: 5,
  /** A longer title ends in an ellipsis (the identity page carries the whole name). */
  maxLines: 5,
} as const;

/**
 * Lines of the page title, wrapped to the table's width less room for "Halaman n dari
 * m" on the first line, so it never runs off the page or over the chart.
 */
export function titleLines(title: string, width: number, labels: OutputLabels): string[] {
  if (!title) return [];
  const pageNo = textWidth(`${labels.page} 9999 ${labels.of} 9999`, 7.5) + 12;
  const room = Math.max(40, width - pageNo);
  return limitLines(
    wrapText(title, room, TITLE.size, true),
    TITLE.maxLines,
    room,
    TITLE.size,
    true,
  );
}
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Connector letters: A…Z, then AA, AB, … */
export function connectorLetter(i: number): string {
  return i < 26 ? LETTERS[i]! : connectorLetter(Math.floor(i / 26) - 1) + LETTERS[i % 26]!;
}

/** Symbol bounding box for a step kind, centred in `lane` at row centre `cy`. */
export function symbolBox(kind: SymbolShape['kind'], lane: Column, cy: number): Box {
  const room = lane.w - 20;
  const [w, h] =
    kind === 'decision'
      ? [Math.min(room, 44), 30]
      : kind === 'terminator'
        ? [Math.min(room, 54), 20]
        : [Math.min(room, 56), 26];
  return { x: lane.x + (lane.w - w) / 2, y: cy - h / 2, w, h };
}

/** Compute the full paginated geometry of an SOP's procedure section. */
export function layoutProcedure(
  snapshot: SopSnapshot,
  options: LayoutOptions = {},
): FlowchartLayout {
  const labels = options.labels ?? labelsId;
  const pageWidth = options.pageWidth ?? A4.height;
  const pageHeightOpt = options.pageHeight ?? A4.width;
  const margin = options.margin ?? 28;
  const actors = snapshot.actors;
  const columns = computeColumns(
    actors.map((a) => a.id),
    margin,
    pageWidth - 2 * margin,
  );
  const lanes = columns.filter((c) => c.key === 'lane');
  const laneOf = (actorId: string | null) => {
    const i = actors.findIndex((a) => a.id === actorId);
    return { lane: Math.max(0, i), actor: i };
  };
  const tableWidth = columns.reduce((a, c) => a + c.w, 0);
  const title = titleLines(
    [snapshot.identity.name, snapshot.identity.number].filter(Boolean).join(' — '),
    tableWidth,
    labels,
  );
  const headerTop = margin + Math.max(1, title.length) * TITLE.lineHeight + TITLE.after;
  const header = computeHeader(
    columns,
    actors.map((a) => a.name),
    labels,
    headerTop,
  );
  const bodyTop = headerTop + header.height;

  // 1. Row heights, then greedy pagination (a row taller than a page gets a page of its own).
  const rowsRaw = snapshot.steps.map((step, index) => ({
    step,
    index,
    ...computeRowCells(columns, step, index + 1, labels),
  }));
  const avail = pageHeightOpt - margin - bodyTop - 2 * METRICS.stripHeight - FOOTER_H;
  const pagesRows: Array<typeof rowsRaw> = [[]];
  let used = 0;
  for (const r of rowsRaw) {
    const current = pagesRows[pagesRows.length - 1]!;
    const cap =
      pagesRows.length === 1
        ? (options.firstPageMaxRows ?? options.maxRowsPerPage ?? Infinity)
        : (options.maxRowsPerPage ?? Infinity);
    if (current.length > 0 && (used + r.height > avail || current.length >= cap)) {
      pagesRows.push([r]);
      used = r.height;
    } else {
      current.push(r);
      used += r.height;
    }
  }
  const pageOfStep = new Map<string, number>();
  pagesRows.forEach((rows, p) => {
    for (const r of rows) pageOfStep.set(r.step.id, p);
  });

  // 2. Edges crossing a page break get a connector letter.
  const edges = (options.edges ?? flowEdges(snapshot)).filter(
    (e) => pageOfStep.has(e.from) && pageOfStep.has(e.to) && e.from !== e.to,
  );
  const crossing = edges
    .filter((e) => pageOfStep.get(e.from) !== pageOfStep.get(e.to))
    .map((e, i) => ({ edge: e, letter: connectorLetter(i) }));
  // Looked up once per edge per page: a map keeps pages × edges from becoming × crossings too.
  const letterOf = new Map(crossing.map((c) => [c.edge, c.letter]));
  const stepById = new Map(snapshot.steps.map((s) => [s.id, s]));

  // 3. Place each page.
  const pages: LayoutPage[] = pagesRows.map((rows, p) => {
    const outs = crossing.filter((c) => pageOfStep.get(c.edge.from) === p);
    const ins = crossing.filter((c) => pageOfStep.get(c.edge.to) === p);
    const strips: ConnectorStrip[] = [];
    const nodes = new Map<string, RouteNode>();
    const symbols: SymbolShape[] = [];
    const connectors: OffPageConnector[] = [];
    let y = bodyTop;
    let slot = 0;

    const placeConnectors = (
      list: typeof crossing,
      role: 'in' | 'out',
      strip: ConnectorStrip,
      s: number,
    ) => {
      const perLane = new Map<number, number>();
      const laneIdx = (c: (typeof crossing)[number]) =>
        laneOf(stepById.get(role === 'out' ? c.edge.from : c.edge.to)?.actorId ?? null).lane;
      for (const c of list) perLane.set(laneIdx(c), (perLane.get(laneIdx(c)) ?? 0) + 1);
      const seen = new Map<number, number>();
      for (const c of list) {
        const lane = laneIdx(c);
        const k = seen.get(lane) ?? 0;
        seen.set(lane, k + 1);
        const n = perLane.get(lane) ?? 1;
        const col = lanes[lane]!;
        const w = 18;
        const h = 20;
        const x = col.x + col.w / 2 - w / 2 + (k - (n - 1) / 2) * (w + 4);
        const box = { x, y: strip.y + (strip.h - h) / 2, w, h };
        const stepId = role === 'out' ? c.edge.from : c.edge.to;
        connectors.push({ letter: c.letter, role, laneIndex: lane, stepId, box });
        nodes.set(`${role}:${c.letter}`, {
          id: `${role}:${c.letter}`,
          slot: s,
          lane,
          box,
          slotTop: strip.y,
          slotBottom: strip.y + strip.h,
          strip: true,
        });
      }
    };

    if (ins.length > 0) {
      const strip: ConnectorStrip = { role: 'in', y, h: METRICS.stripHeight };
      strips.push(strip);
      placeConnectors(ins, 'in', strip, slot++);
      y += strip.h;
    }
    const layoutRows: LayoutRow[] = rows.map((r) => {
      const row: LayoutRow = {
        stepId: r.step.id,
        number: r.index + 1,
        index: r.index,
        y,
        h: r.height,
        cells: r.cells.map((c) => ({ ...c, y })),
      };
      const { lane, actor } = laneOf(r.step.actorId);
      const box = symbolBox(r.step.kind, lanes[lane]!, y + r.height / 2);
      symbols.push({
        stepId: r.step.id,
        kind: r.step.kind,
        laneIndex: lane,
        actorIndex: actor,
        box,
      });
      nodes.set(r.step.id, {
        id: r.step.id,
        slot: slot++,
        lane,
        box,
        slotTop: y,
        slotBottom: y + r.height,
        strip: false,
      });
      y += r.height;
      return row;
    });
    if (outs.length > 0) {
      const strip: ConnectorStrip = { role: 'out', y, h: METRICS.stripHeight };
      strips.push(strip);
      placeConnectors(outs, 'out', strip, slot++);
      y += strip.h;
    }

    const routeList: RouteEdge[] = [];
    for (const e of edges) {
      const fp = pageOfStep.get(e.from);
      const tp = pageOfStep.get(e.to);
      const letter = letterOf.get(e);
      let from: RouteNode | undefined;
      let to: RouteNode | undefined;
      if (fp === p && tp === p) [from, to] = [nodes.get(e.from), nodes.get(e.to)];
      else if (fp === p) [from, to] = [nodes.get(e.from), nodes.get(`out:${letter}`)];
      else if (tp === p) [from, to] = [nodes.get(`in:${letter}`), nodes.get(e.to)];
      if (!from || !to) continue;
      routeList.push({
        from,
        to,
        fromStepId: e.from,
        toStepId: e.to,
        // The Ya/Tidak label belongs to the decision's side of a page break only.
        ...(e.label && from.id === e.from ? { label: e.label } : {}),
        ...(letter ? { connector: letter } : {}),
      });
    }
    const arrows = routeEdges(routeList, lanes, 28);
    const last = p === pagesRows.length - 1;
    const total = last ? formatTotalTime(snapshot, labels) : '';
    const page: LayoutPage = {
      index: p,
      title: { y: margin, lines: title },
      header: header.cells,
      tableTop: headerTop,
      tableBottom: y,
      rows: layoutRows,
      strips,
      symbols,
      arrows,
      connectors,
      footer: total ? { y: y + 4, lines: [`${labels.totalTime}: ${total}`] } : null,
    };
    placeExitLabels(page, columns, labels);
    return page;
  });

  const contentHeight = Math.max(...pages.map((pg) => pg.tableBottom)) + FOOTER_H + margin;
  return {
    pageWidth,
    pageHeight: Number.isFinite(pageHeightOpt) ? pageHeightOpt : contentHeight,
    margin,
    fontSize: METRICS.fontSize,
    columns,
    pages,
    labels,
  };
}
