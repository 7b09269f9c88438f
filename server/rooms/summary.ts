/** Listing fields derived from a loaded document (name, number, status, step count). */
import type * as Y from 'yjs';
import type { DocMeta } from '../storage/types.js';

export type DocSummary = Partial<Pick<DocMeta, 'name' | 'number' | 'status' | 'stepCount'>>;

/** Computes the listing fields of a document; supplied by the model layer. */
export type DocSummarizer = (doc: Y.Doc) => DocSummary;
