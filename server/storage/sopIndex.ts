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

/** The listing fields a room refreshes as the document changes. */
export type MetaFields = Partial<
  Pick<DocMeta, 'name' | 'number' | 'status' | 'stepCount' | 'updatedAt'>
>;

export interface SopIndex {
  /**
   * Create a document: its listing row and its initial state (stored as the document's
   * snapshot, readable through {@link DocLog.load}) in one transaction; false when the id
   * already exists (nothing is changed then).
   */
  createDoc(meta: DocMeta, state: Uint8Array): Promise<boolean>;
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
}
