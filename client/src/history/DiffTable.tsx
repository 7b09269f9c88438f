import type { StepDiffField } from '@shared/model/diff';
import { displaySafe } from '@shared/model/index';
import type { Step } from '@shared/model/types';
import { Fragment, type ReactNode } from 'react';
import { fieldText } from './changeText';
import { useCompareT } from './compareI18n';
import type { CompareModel } from './compareModel';
import { GhostCells, MarkBadge, sideNames } from './DiffCells';
import { WordDiff } from './WordDiff';

const COLUMNS: ReadonlyArray<readonly [StepDiffField, string]> = [
  ['activity', 'dt-activity'],
  ['actorId', 'dt-actor'],
  ['kind', 'dt-kind'],
  ['requirements', 'dt-requirements'],
  ['time', 'dt-time'],
  ['output', 'dt-output'],
  ['notes', 'dt-notes'],
];

/**
 * The newer side's procedure, read-only, with the compare marks: each step's marker
 * (`diff-step`), removed steps as struck-through ghost rows where they stood, and the
 * changed fields' word-level diff inline in their cells. Used to compare two versions
 * in the editor and in the printable list of changes.
 */
export function DiffTable({ model, focused }: { model: CompareModel; focused?: string | null }) {
  const { t } = useCompareT();
  const names = sideNames(model);
  const fromById = new Map(model.from.steps.map((s) => [s.id, s]));
  const ghosts = (list: readonly Step[] | undefined) =>
    (list ?? []).map((g) => (
      <tr
        key={`ghost-${g.id}`}
        className={`diff-ghost${focused === g.id ? ' is-diff-focused' : ''}`}
        data-ghost-step-id={g.id}
      >
        <GhostCells step={g} no={model.fromNo.get(g.id)} names={names.from} withHandle={false} />
      </tr>
    ));
  return (
    <div className="diff-table-scroll">
      <table className="diff-table">
        <thead>
          <tr>
            <th className="dt-cell dt-no">{t('print.no')}</th>
            {COLUMNS.map(([f, cls]) => (
              <th key={f} className={`dt-cell ${cls}`}>
                {t(`field.${f}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.to.steps.map((s, i) => {
            const m = model.marks.get(s.id);
            const change = model.changes.get(s.id);
            const before = fromById.get(s.id);
            const changed = new Set(change?.fields ?? []);
            return (
              <Fragment key={s.id}>
                {ghosts(model.ghostsBefore.get(s.id))}
                <tr
                  className={`${m ? `diff-row diff-row-${m.mark}` : ''}${focused === s.id ? ' is-diff-focused' : ''}`}
                  data-step-id={s.id}
                >
                  <td className="dt-cell dt-no">
                    <span className="dt-step-no">{i + 1}</span>
                    {m && (
                      <MarkBadge
                        stepId={s.id}
                        mark={m.mark}
                        moved={m.moved}
                        wasNo={model.fromNo.get(s.id)}
                      />
                    )}
                  </td>
                  {COLUMNS.map(([f, cls]) => {
                    const now = fieldText(t, f, s, names.to);
                    let content: ReactNode = displaySafe(now);
                    if (before && changed.has(f))
                      content = <WordDiff from={fieldText(t, f, before, names.from)} to={now} />;
                    else if (m?.mark === 'added') content = <ins>{displaySafe(now)}</ins>;
                    return (
                      <td
                        key={f}
                        className={`dt-cell ${cls}${changed.has(f) ? ' is-changed' : ''}`}
                      >
                        {content}
                        {s.kind === 'decision' && f === 'activity' && (
                          <span className="diff-branches">
                            {(['yes', 'no'] as const).map((b) => (
                              <span key={b} className={changed.has(b) ? 'is-changed' : undefined}>
                                {t(`field.${b}`)}:{' '}
                                {before && changed.has(b) ? (
                                  <WordDiff
                                    from={fieldText(t, b, before, names.from)}
                                    to={fieldText(t, b, s, names.to)}
                                  />
                                ) : (
                                  fieldText(t, b, s, names.to)
                                )}
                              </span>
                            ))}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
                {ghosts(model.ghostsAfter.get(s.id))}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
