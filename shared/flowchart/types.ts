/**
 * Geometry of the SOP AP procedure section (swimlane flowchart table), in
 * points (1/72 in) with the origin at the page's top-left corner. Both the
 * client's SVG and the server's PDF draw from this one object so they agree.
 */

import type { StepKind } from '../model/types';
import type { OutputLabels } from './labels';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A table column: fixed text columns or one swimlane per pelaksana. */
export type ColumnKey = 'no' | 'activity' | 'lane' | 'requirements' | 'time' | 'output' | 'notes';

export interface Column {
  key: ColumnKey;
  /** Set for `lane` columns. */
  actorId?: string;
  /** Index among lanes, for `lane` columns. */
  laneIndex?: number;
  x: number;
  w: number;
}

/** A header cell (the header has two rows; some cells span both or several columns). */
export interface HeaderCell extends Box {
  lines: string[];
  bold: true;
}

/** A text cell of a step row. */
export interface TextCell extends Box {
  key: ColumnKey;
  lines: string[];
  align: 'left' | 'center';
}

export interface LayoutRow {
  stepId: string;
  /** 1-based step number as printed in the No column. */
  number: number;
  /** Index of the step in the snapshot's step order. */
  index: number;
  y: number;
  h: number;
  cells: TextCell[];
}

/** A flowchart symbol; `box` is its bounding box (capsule, rectangle or diamond). */
export interface SymbolShape {
  stepId: string;
  kind: StepKind;
  laneIndex: number;
  /** -1 when the step has no (known) actor: drawn in lane 0 and flagged. */
  actorIndex: number;
  box: Box;
}

export type ConnectorRole = 'out' | 'in';

/** A pentagon off-page connector, pointing down. */
export interface OffPageConnector {
  letter: string;
  role: ConnectorRole;
  laneIndex: number;
  /** Step the flow leaves from (role 'out') or arrives at (role 'in'). */
  stepId: string;
  box: Box;
}

export type ExitLabel = 'yes' | 'no';

/** An orthogonal arrow: polyline ending with an arrow head at the last point. */
export interface Arrow {
  fromStepId: string;
  toStepId: string;
  label?: ExitLabel;
  /** Where to put the Ya/Tidak label (left-bottom of the text). */
  labelAt?: Point;
  /** Text anchor of the label: 'end' when it sits left of `labelAt`. */
  labelAnchor?: 'start' | 'end';
  /** Font size of the label when smaller than the usual (no room for it near the exit). */
  labelSize?: number;
  points: Point[];
  /** Set when one end is an off-page connector. */
  connector?: string;
}

/** Horizontal band without step content (holds off-page connectors). */
export interface ConnectorStrip {
  role: ConnectorRole;
  y: number;
  h: number;
}

export interface LayoutPage {
  index: number;
  /** Title band above the table. */
  title: { y: number; lines: string[] };
  header: HeaderCell[];
  /** Top of the table (header) and bottom of the last row/strip. */
  tableTop: number;
  tableBottom: number;
  rows: LayoutRow[];
  strips: ConnectorStrip[];
  symbols: SymbolShape[];
  arrows: Arrow[];
  connectors: OffPageConnector[];
  /** Footer text lines under the table (e.g. total time on the last page). */
  footer: { y: number; lines: string[] } | null;
}

export interface FlowchartLayout {
  pageWidth: number;
  /** Infinity-free: the real height used (for unpaginated layouts, the content height). */
  pageHeight: number;
  margin: number;
  fontSize: number;
  columns: Column[];
  pages: LayoutPage[];
  /** The words the layout was made with (headers, units); drawing reuses them. */
  labels: OutputLabels;
}
