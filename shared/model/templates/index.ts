/** Templates and `createSop`. */
import type * as Y from 'yjs';
import { Origin } from '../origins.js';
import { fromSnapshot } from '../snapshot.js';
import type { SopSnapshot, TemplateId } from '../types.js';
import { blankInternational, blankSopAp } from './blank.js';
import { sampleSop } from './sample.js';

export { INTERNATIONAL_SECTIONS, SOP_AP_SECTIONS } from './blank.js';

export interface CreateOptions {
  /** Nama SOP (overrides the template's). */
  name?: string;
  /** Creation time for meta.createdAt/updatedAt (default: now). */
  now?: Date;
}

/** The snapshot a template starts from (fresh object each call). */
export function templateSnapshot(template: TemplateId, opts: CreateOptions = {}): SopSnapshot {
  const s =
    template === 'sample'
      ? sampleSop()
      : template === 'international'
        ? blankInternational()
        : blankSopAp();
  const iso = (opts.now ?? new Date()).toISOString();
  s.meta.createdAt = iso;
  s.meta.updatedAt = iso;
  if (opts.name !== undefined) s.identity.name = opts.name;
  return s;
}

/** A new SOP document from a template (transaction origin `Origin.template`). */
export function createSop(template: TemplateId, opts: CreateOptions = {}): Y.Doc {
  return fromSnapshot(templateSnapshot(template, opts), { origin: Origin.template });
}
