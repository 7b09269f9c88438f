import type { StepDiffField, StepFieldChange, StepMark } from '@shared/model/diff';
import { displaySafe } from '@shared/model/index';
import type { Step } from '@shared/model/types';
import { fieldText, type SideNames } from './changeText';
import { useCompareT } from './compareI18n';
import type { CompareModel } from './compareModel';
import { WordDiff } from './WordDiff';

/** How each side of a comparison names pelaksana and steps. */
export function sideNames(model: CompareModel): { from: SideNames; to: SideNames } {
  return {
    from: { actor: (id) => model.fromActors.get(id), stepNo: (id) => model.fromNo.get(id) },
    to: { actor: (id) => model.toActors.get(id), stepNo: (id) => model.toNo.get(id) },
  };
}

/**
 * The marker of a step in a compare view (`data-testid="diff-step"`, `data-change`
 * added|removed|moved|changed; a moved and edited step is `changed` with `data-moved`).
 */
export function MarkBadge({
  stepId,
  mark,
  moved,
  focused = false,
  wasNo,
}: {
  stepId: string;
  mark: StepMark;
  moved: boolean;
  focused?: boolean;
  /** The old number of a moved step. */
  wasNo?: number | undefined;
}) {
  const { t } = useCompareT();
  const title = [
    t(`mark.${mark}`),
    mark === 'changed' && moved ? t('mark.movedToo') : '',
    wasNo !== undefined && moved ? t('mark.wasNo', { n: wasNo }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span
      className={`diff-mark diff-${mark}`}
      data-testid="diff-step"
      data-change={mark}
      data-step-id={stepId}
      data-moved={moved ? 'true' : undefined}
      data-focused={focused ? 'true' : undefined}
      title={title}
    >
      {t(`mark.${mark}`)}
      {mark === 'changed' && moved && <span aria-hidden> ↕</span>}
    </span>
  );
}

/** Each changed field of a step with a word-level diff (old words struck, new underlined). */
export function FieldChanges({
  fields,
  before,
  after,
  names,
}: {
  fields: readonly StepFieldChange[];
  before: Step;
  after: Step;
  names: { from: SideNames; to: SideNames };
}) {
  const { t } = useCompareT();
  return (
    <ul className="diff-fields">
      {fields.map((c) => (
        <li key={c.field} className="diff-field" data-field={c.field}>
          <span className="diff-field-name">{t(`field.${c.field}`)}</span>{' '}
          {c.words && c.field !== 'time' ? (
            <WordDiff parts={c.words} empty={t('change.empty')} />
          ) : (
            <WordDiff
              from={fieldText(t, c.field, before, names.from)}
              to={fieldText(t, c.field, after, names.to)}
              empty={t('change.empty')}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The cells of a removed step, struck through, in the procedure table's columns
 * (drag handle, No, Kegiatan, Pelaksana, Jenis, Kelengkapan, Waktu, Output, Keterangan, actions).
 */
export function GhostCells({
  step,
  no,
  names,
  withHandle = true,
}: {
  step: Step;
  no: number | undefined;
  names: SideNames;
  withHandle?: boolean;
}) {
  const { t } = useCompareT();
  const text = (field: StepDiffField) => (
    <del className="diff-ghost-text">{displaySafe(fieldText(t, field, step, names))}</del>
  );
  // The live table's grid cells, or the read-only diff table's own.
  const cls = (col: string) => (withHandle ? `cell cell-${col}` : `dt-cell dt-${col}`);
  return (
    <>
      {withHandle && <td className="cell cell-handle" />}
      <td className={cls('no')}>
        <span className={withHandle ? 'step-no diff-ghost-no' : 'dt-step-no diff-ghost-no'}>
          {no ?? ''}
        </span>
        <MarkBadge stepId={step.id} mark="removed" moved={false} />
      </td>
      <td className={cls('activity')}>{text('activity')}</td>
      <td className={cls('actor')}>{text('actorId')}</td>
      <td className={cls('kind')}>{text('kind')}</td>
      <td className={cls('requirements')}>{text('requirements')}</td>
      <td className={cls('time')}>{text('time')}</td>
      <td className={cls('output')}>{text('output')}</td>
      <td className={cls('notes')}>{text('notes')}</td>
      {withHandle && <td className="cell cell-actions" />}
    </>
  );
}
