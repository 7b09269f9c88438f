/** The plain SOP a total read falls back to, part by part, when a part cannot be read. */
import { SCHEMA_VERSION, type SopSnapshot } from './types.js';

/** An SOP with nothing in it (fresh object each call). */
export function emptySnapshot(): SopSnapshot {
  return {
    meta: {
      schemaVersion: SCHEMA_VERSION,
      template: 'sop-ap',
      status: 'draft',
      createdAt: '',
      updatedAt: '',
    },
    identity: {
      number: '',
      name: '',
      agency: '',
      unit: '',
      createdDate: '',
      revisedDate: '',
      effectiveDate: '',
      approvedBy: { title: '', name: '', nip: '' },
      legalBasis: [],
      executorQualifications: [],
      relatedSops: [],
      equipment: [],
      warnings: [],
      records: [],
    },
    actors: [],
    steps: [],
    narrative: [],
  };
}
