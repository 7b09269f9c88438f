import type { EvaluationRecord, MonitoringRecord } from '@shared/lifecycle/types';
import { useEffect, useState } from 'react';
import { useSearch } from 'wouter';
import { getMonitoring, listEvaluations } from './lifecycleApi';

export type FilledForm =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error' }
  | { kind: 'monitoring'; record: MonitoringRecord }
  | { kind: 'evaluation'; record: EvaluationRecord };

/**
 * The print view's filled form (issue 17): `?monitoring=<id>` or `?evaluation=<id>`
 * prints that record in the regulation's form instead of the SOP.
 */
export function useFilledForm(sopId: string): FilledForm {
  const search = new URLSearchParams(useSearch());
  const monitoring = search.get('monitoring');
  const evaluation = search.get('evaluation');
  const [form, setForm] = useState<FilledForm>(
    monitoring || evaluation ? { kind: 'loading' } : { kind: 'none' },
  );
  useEffect(() => {
    if (!monitoring && !evaluation) return;
    let alive = true;
    const load = monitoring
      ? getMonitoring(sopId, monitoring).then(
          (record): FilledForm => ({ kind: 'monitoring', record }),
        )
      : listEvaluations(sopId).then((all): FilledForm => {
          const record = all.find((e) => e.id === evaluation);
          return record ? { kind: 'evaluation', record } : { kind: 'error' };
        });
    load.then(
      (f) => alive && setForm(f),
      () => alive && setForm({ kind: 'error' }),
    );
    return () => {
      alive = false;
    };
  }, [sopId, monitoring, evaluation]);
  return form;
}
