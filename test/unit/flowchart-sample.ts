/** The sample SOP used by output tests: the model's bundled sample ("SOP Perlindungan dan Penyelamatan Arsip"). */
import { templateSnapshot } from '../../shared/model/index';
import type { SopSnapshot } from '../../shared/model/types';

export function sampleSnapshot(): SopSnapshot {
  return templateSnapshot('sample', { now: new Date('2026-11-01T00:00:00Z') });
}
