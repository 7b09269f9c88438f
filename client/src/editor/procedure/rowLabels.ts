import type { TimeUnit } from '@shared/model/types';
import type { TFunction } from 'i18next';
import type { RowLabels } from './tableActions';

const UNITS: TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

/** A character no catalogue string contains: stands for the value while translating once. */
const SLOT = '\u0000';

/** `t(key, { ...vars, [name]: x })` for any `x`, translated once. */
function withSlot(
  t: TFunction,
  key: string,
  name: string,
  vars: Record<string, string> = {},
): (x: number | string) => string {
  const parts = String(t(key, { ...vars, [name]: SLOT })).split(SLOT);
  return (x) => parts.join(String(x));
}

/** Every word a procedure row shows, in the current language (see `RowLabels`). */
export function rowLabels(t: TFunction): RowLabels {
  const numbered = (key: string) => withSlot(t, key, 'n');
  // "{{field}} langkah {{n}}" per column, each with its number slot.
  const cells = new Map<string, (n: number | string) => string>();
  const cell = (field: string, n: number) => {
    let f = cells.get(field);
    if (!f) {
      f = withSlot(t, 'steps.cellLabel', 'n', { field });
      cells.set(field, f);
    }
    return f(n);
  };
  return {
    activity: t('steps.activity'),
    actor: t('steps.actor'),
    kind: t('steps.kind'),
    requirements: t('steps.requirements'),
    time: t('steps.time'),
    output: t('steps.output'),
    notes: t('steps.notes'),
    noActor: t('steps.noActor'),
    kinds: {
      process: t('steps.kinds.process'),
      decision: t('steps.kinds.decision'),
      // "Mulai/Selesai" may wrap after its slash, never inside a word.
      terminator: t('steps.kinds.terminator').replace('/', '/\u200b'),
    },
    units: Object.fromEntries(UNITS.map((u) => [u, t(`steps.units.${u}`)])) as Record<
      TimeUnit,
      string
    >,
    timeRefused: t('steps.timeRefused'),
    yes: t('steps.yes'),
    noBranch: t('steps.noBranch'),
    yesTarget: t('steps.yesTarget'),
    noTarget: t('steps.noTarget'),
    pickTarget: t('steps.pickTarget'),
    cell,
    stepLabel: numbered('steps.stepLabel'),
    dragHandle: numbered('steps.dragHandle'),
    deleteStep: numbered('steps.delete'),
    timeAmount: numbered('steps.timeAmount'),
    timeUnit: numbered('steps.timeUnit'),
    editing: withSlot(t, 'presence.editing', 'name'),
  };
}
