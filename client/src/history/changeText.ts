import type { DiffSummary, StepDiffField } from '@shared/model/diff';
import { narrativeSectionTitles } from '@shared/model/index';
import type { Step } from '@shared/model/types';
import type { CompareT } from './compareI18n';

/**
 * "+2 langkah, 5 diubah": a version's changes in a few words (null: not known, e.g. a
 * version stored before summaries existed).
 */
export function summaryText(
  t: CompareT,
  changes: (DiffSummary & { base?: string | null }) | null | undefined,
): string | null {
  if (!changes) return null;
  if (changes.base === null) return t('summary.first');
  const s = changes.steps;
  const parts: string[] = [];
  if (s.added) parts.push(t('summary.stepsAdded', { count: s.added }));
  if (s.removed) parts.push(t('summary.stepsRemoved', { count: s.removed }));
  if (s.changed) parts.push(t('summary.stepsChanged', { count: s.changed }));
  if (s.moved) parts.push(t('summary.stepsMoved', { count: s.moved }));
  if (changes.actors) parts.push(t('summary.actors', { count: changes.actors }));
  if (changes.identity) parts.push(t('summary.identity', { count: changes.identity }));
  if (changes.narrative) parts.push(t('summary.narrative', { count: changes.narrative }));
  return parts.length ? parts.join(', ') : t('summary.none');
}

/** How a side names things: pelaksana by id, steps by number. */
export interface SideNames {
  actor(id: string): string | undefined;
  stepNo(id: string): number | undefined;
}

/** A step field's value as text in the UI language (the same words on both sides of a diff). */
export function fieldText(t: CompareT, field: StepDiffField, step: Step, side: SideNames): string {
  switch (field) {
    case 'kind':
      return t(`value.kinds.${step.kind}`);
    case 'actorId':
      return step.actorId ? (side.actor(step.actorId) ?? t('value.noActor')) : t('value.noActor');
    case 'time':
      return step.time.amount === null
        ? ''
        : `${step.time.amount} ${t(`value.units.${step.time.unit}`)}`;
    case 'yes':
    case 'no': {
      const target = step[field];
      if (!target) return t('value.noTarget');
      const n = side.stepNo(target);
      return n === undefined ? t('value.removedTarget') : t('value.target', { n });
    }
    default:
      return step[field];
  }
}

/** The title of a narrative section in the UI language. */
export function sectionTitle(key: string, lang: string): string {
  const titles = narrativeSectionTitles[key];
  return titles ? titles[lang.startsWith('en') ? 'en' : 'id'] : key;
}
