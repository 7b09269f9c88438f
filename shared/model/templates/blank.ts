/** The blank SOP AP template and the international (ISO 10013 / GMP style) template. */

import { emptySnapshot as emptyBase } from '../defaults.js';
import { emptyRichText } from '../richText.js';
import type { SopSnapshot, TemplateId } from '../types.js';

function emptySnapshot(template: TemplateId, sections: string[]): SopSnapshot {
  const base = emptyBase();
  return {
    ...base,
    meta: { ...base.meta, template },
    actors: [],
    steps: [
      startOrEnd('s_start', template === 'international' ? 'Start' : 'Mulai'),
      startOrEnd('s_end', template === 'international' ? 'End' : 'Selesai'),
    ],
    narrative: sections.map((key) => ({ key, content: emptyRichText() })),
  };
}

function startOrEnd(id: string, activity: string): SopSnapshot['steps'][number] {
  return {
    id,
    kind: 'terminator',
    actorId: null,
    activity,
    requirements: '',
    time: { amount: null, unit: 'minute' },
    output: '',
    notes: '',
    yes: null,
    no: null,
  };
}

/** Narrative sections of an SOP AP document. */
export const SOP_AP_SECTIONS = ['purpose', 'scope', 'definitions', 'notes'];
/** Narrative sections of the international template. */
export const INTERNATIONAL_SECTIONS = [
  'purpose',
  'scope',
  'responsibilities',
  'definitions',
  'procedure',
  'records',
  'references',
];

/** Blank SOP AP: empty identity, start and end terminators, empty narrative sections. */
export function blankSopAp(): SopSnapshot {
  return emptySnapshot('sop-ap', SOP_AP_SECTIONS);
}

/** Blank international SOP (purpose, scope, responsibilities, definitions, procedure, records, references). */
export function blankInternational(): SopSnapshot {
  return emptySnapshot('international', INTERNATIONAL_SECTIONS);
}
