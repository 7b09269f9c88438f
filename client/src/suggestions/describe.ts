/**
 * Words for suggestions: what kind of change, and a value (time, pelaksana, a list) as
 * text, so every kind can be shown as a word-level difference.
 */
import type { Suggestion, SuggestionValue } from '@shared/discussion/index';
import type { Actor, StepKind, StepTime } from '@shared/model/types';
import type { TFunction } from 'i18next';

/** What the translation catalogue (`translation` namespace) is asked for labels. */
export type MainT = TFunction<'translation'>;
export type SuggestionsTFn = TFunction<'suggestions'>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** The label of the place a suggestion changes ("Kegiatan", "Nama SOP", ...). */
export function fieldLabel(s: Suggestion, t: MainT): string {
  const c = s.change;
  if (c.kind === 'stepText') return t(`steps.${c.field}`);
  if (c.kind === 'identityText') return t(`identity.${c.field}`);
  if (c.kind === 'identityList') return t(`identity.${c.box}`);
  return '';
}

/** "Usulan rumusan Kegiatan", "Usulan langkah baru", ... */
export function kindLabel(s: Suggestion, ts: SuggestionsTFn, t: MainT): string {
  return ts(`kind.${s.change.kind}`, { field: fieldLabel(s, t) });
}

function timeText(v: StepTime, t: MainT): string {
  const amount = v.amount === null ? '–' : String(v.amount).replace('.', ',');
  return `${amount} ${t(`steps.units.${v.unit}`)}`;
}

/**
 * A value as text for a word diff: strings as they are, a list one item per line, a
 * time as "2 hari", a pelaksana with its step kind as "Arsiparis · Kegiatan".
 */
export function valueText(
  s: Suggestion,
  v: SuggestionValue,
  ctx: { t: MainT; actors: readonly Actor[] },
): string {
  const { t, actors } = ctx;
  const c = s.change;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.join('\n');
  if (!isObject(v)) return '';
  if (c.kind === 'stepTime' && 'unit' in v) return timeText(v as unknown as StepTime, t);
  if (c.kind === 'stepActor' && 'stepKind' in v) {
    const actorId = v.actorId as string | null;
    const actor = actorId
      ? (actors.find((a) => a.id === actorId)?.name ?? '?')
      : t('steps.noActor');
    return `${actor} · ${t(`steps.kinds.${v.stepKind as StepKind}`)}`;
  }
  return '';
}
