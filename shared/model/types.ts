/**
 * Plain, JSON-serialisable shapes of an SOP: what `toSnapshot(doc)` returns,
 * what the REST API serves and what import accepts. No Yjs types here.
 */

export const SCHEMA_VERSION = 1;

export type TemplateId = 'sop-ap' | 'international' | 'sample';
export type SopStatus = 'draft' | 'in_review' | 'approved' | 'revoked' | 'superseded';
export type StepKind = 'terminator' | 'process' | 'decision';
export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
/** Keterkaitan link types: lanjutan, prasyarat, terkait, bagian dari SOP makro. */
export type RelatedSopType = 'follow-on' | 'prerequisite' | 'related' | 'part-of';

export interface ApprovedBy {
  title: string;
  name: string;
  nip: string;
}

export interface RelatedSop {
  type: RelatedSopType;
  /** Free text naming the linked SOP (number and/or title). */
  text: string;
  /** The linked SOP's id when the item links to an SOP in Susun (issue 17); absent = text only. */
  sopId?: string;
}

/** The six list boxes of the identity section. */
export type ListField =
  | 'legalBasis'
  | 'executorQualifications'
  | 'equipment'
  | 'warnings'
  | 'records';

/** Free-text identity fields (each a Y.Text in the document). */
export type IdentityTextField =
  | 'number'
  | 'name'
  | 'agency'
  | 'unit'
  | 'createdDate'
  | 'revisedDate'
  | 'effectiveDate';

export interface Identity {
  number: string;
  name: string;
  agency: string;
  unit: string;
  /** ISO date (YYYY-MM-DD) or '' when not set. */
  createdDate: string;
  revisedDate: string;
  effectiveDate: string;
  approvedBy: ApprovedBy;
  legalBasis: string[];
  executorQualifications: string[];
  relatedSops: RelatedSop[];
  equipment: string[];
  warnings: string[];
  records: string[];
}

export interface Actor {
  id: string;
  name: string;
}

export interface StepTime {
  /** null when not filled in. */
  amount: number | null;
  unit: TimeUnit;
}

export interface Step {
  id: string;
  kind: StepKind;
  actorId: string | null;
  activity: string;
  requirements: string;
  time: StepTime;
  output: string;
  notes: string;
  /** Decision exits (step ids); null otherwise or when not chosen. */
  yes: string | null;
  no: string | null;
}

/** ProseMirror-style JSON of one narrative section (a `doc` node). */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface NarrativeSection {
  /** Stable key, e.g. 'purpose', 'scope', 'definitions', 'notes'. */
  key: string;
  content: RichTextNode;
}

export interface Meta {
  schemaVersion: number;
  template: TemplateId;
  status: SopStatus;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
}

export interface SopSnapshot {
  meta: Meta;
  identity: Identity;
  /** In display order (swimlane columns left to right). */
  actors: Actor[];
  /** In procedure order. */
  steps: Step[];
  /** In display order. */
  narrative: NarrativeSection[];
}
