/**
 * The SOP index: one listing row (`DocMeta`) per document, what the SOP list, search and
 * access checks read without loading any document.
 *
 * A row exists for every document that has anything stored: `createDoc` makes it for SOPs
 * (with a template), and {@link DocLog.append} makes an unlisted one (template null) for a
 * document that only ever came through the socket (e.g. a discussion doc).
 */
import type { SopStatus, TemplateId } from '../../shared/model/types.js';

/** Listing metadata of one document (one row per document). */
export interface DocMeta {
  id: string;
  name: string;
  number: string;
  status: SopStatus;
  stepCount: number;
  template: TemplateId | null;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface ListOptions {
  /** true: only archived documents; false (default): only active ones. */
  archived?: boolean;
  /** Case-insensitive substring match on the name (and number). */
  q?: string;
}

/**
 * Catalogue fields of a listing row (issue 17), derived from the document like the others
 * (see `server/catalogue/catalogueFields.ts`). Not part of {@link DocMeta}: `getMeta` and
 * `listMeta` answer what they always did; {@link SopIndex.queryCatalogue} answers these too.
 */
export interface CatalogueFields {
  /** Tanggal Efektif, `YYYY-MM-DD`, or '' when not set. */
  effectiveDate: string;
  /** Next review (evaluation) date, `YYYY-MM-DD`, or '' when none is due. */
  reviewDate: string;
  /**
   * Lower-cased text searched by `q`: name, number, pelaksana and step text. Never
   * returned by a query; null in a row written before the catalogue (searched by name
   * and number only until its document is summarized again).
   */
  searchText: string;
}

/** A catalogue row: listing metadata with the catalogue dates. */
export type CatalogueRow = DocMeta & Pick<CatalogueFields, 'effectiveDate' | 'reviewDate'>;

export const CATALOGUE_SORTS = [
  'updatedAt',
  'createdAt',
  'name',
  'number',
  'status',
  'effectiveDate',
  'reviewDate',
] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

/** What {@link SopIndex.queryCatalogue} selects, sorts and pages. */
export interface CatalogueQuery {
  /** true: only archived documents; false (default): only active ones. */
  archived?: boolean;
  /**
   * Words that must all occur (case-insensitive substrings) in the name, number, pelaksana
   * or step text; blank matches all.
   */
  q?: string;
  /** Only these statuses (empty or absent: all). */
  statuses?: readonly SopStatus[];
  /** Only these document ids (the caller's readable SOPs); absent: no restriction. */
  ids?: readonly string[];
  /** Effective date within [from, to] (inclusive, `YYYY-MM-DD`); rows without one are excluded. */
  effectiveFrom?: string;
  effectiveTo?: string;
  /** Review date on or before this day (`YYYY-MM-DD`); rows without one are excluded. */
  reviewBefore?: string;
  /** Sort key (default `updatedAt`); ties by id. Empty dates sort last in either order. */
  sort?: CatalogueSort;
  /** Default: `desc` for `updatedAt`/`createdAt`, `asc` otherwise. */
  order?: 'asc' | 'desc';
  /** Page size (absent: every matching row) and offset. */
  limit?: number;
  offset?: number;
}

/** One page of the catalogue and the number of rows matching the query. */
export interface CataloguePage {
  rows: CatalogueRow[];
  total: number;
}

/** The few facts per SOP the dashboard counts (no paging). */
export interface CatalogueFact {
  id: string;
  status: SopStatus;
  reviewDate: string;
}

/** The listing fields a room refreshes as the document changes. */
export type MetaFields = Partial<
  Pick<DocMeta, 'name' | 'number' | 'status' | 'stepCount' | 'updatedAt'> & CatalogueFields
>;

export interface SopIndex {
  /**
   * Create a document: its listing row and its initial state (stored as the document's
   * snapshot, readable through {@link DocLog.load}) in one transaction; false when the id
   * already exists (nothing is changed then).
   */
  createDoc(meta: DocMeta & Partial<CatalogueFields>, state: Uint8Array): Promise<boolean>;
  getMeta(docId: string): Promise<DocMeta | null>;
  /**
   * Listed documents (those created with {@link createDoc}, i.e. with a template) sorted
   * by updatedAt descending, then id. Rows created implicitly by `DocLog.append` are not
   * listed.
   */
  listMeta(options?: ListOptions): Promise<DocMeta[]>;
  /** Update the listing fields of an existing row (no-op when the row is missing). */
  updateMeta(docId: string, fields: MetaFields): Promise<void>;
  /** Set the archived flag; false when the document does not exist. */
  setArchived(docId: string, archived: boolean): Promise<boolean>;
  /** Listed documents matching `query`, sorted and paged, with the total (issue 17). */
  queryCatalogue(query: CatalogueQuery): Promise<CataloguePage>;
  /** Status and review date of every listed document matching `query` (its paging ignored). */
  catalogueFacts(query: CatalogueQuery): Promise<CatalogueFact[]>;
  /** Up to `limit` listed documents whose search text was never written (to index them). */
  unindexed(limit: number): Promise<string[]>;
}
