import type { Problem } from '@shared/model/index';
import { createContext, useContext, useSyncExternalStore } from 'react';

const EMPTY: readonly Problem[] = [];

/**
 * Validation problems grouped by step (and by identity field), with stable
 * arrays per key so a row re-renders only when its own problems change.
 */
export class ProblemsStore {
  private byStep = new Map<string, readonly Problem[]>();
  private byField = new Map<string, readonly Problem[]>();
  private all: readonly Problem[] = EMPTY;
  private readonly listeners = new Set<() => void>();

  set(problems: readonly Problem[]): void {
    const byStep = new Map<string, Problem[]>();
    const byField = new Map<string, Problem[]>();
    for (const p of problems) {
      const { stepId, field, section } = p.location;
      if (stepId) push(byStep, stepId, p);
      else if (field) push(byField, `${section}.${field}`, p);
    }
    this.byStep = keepStable(this.byStep, byStep);
    this.byField = keepStable(this.byField, byField);
    this.all = problems;
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getAll = (): readonly Problem[] => this.all;
  forStep(id: string): readonly Problem[] {
    return this.byStep.get(id) ?? EMPTY;
  }
  forField(key: string): readonly Problem[] {
    return this.byField.get(key) ?? EMPTY;
  }
}

function push(m: Map<string, Problem[]>, k: string, p: Problem): void {
  const a = m.get(k);
  if (a) a.push(p);
  else m.set(k, [p]);
}

function keepStable(
  prev: Map<string, readonly Problem[]>,
  next: Map<string, Problem[]>,
): Map<string, readonly Problem[]> {
  const out = new Map<string, readonly Problem[]>();
  for (const [k, arr] of next) {
    const old = prev.get(k);
    const same =
      old !== undefined &&
      old.length === arr.length &&
      old.every(
        (p, i) =>
          p.code === arr[i]?.code && JSON.stringify(p.params) === JSON.stringify(arr[i]?.params),
      );
    out.set(k, same ? old : arr);
  }
  return out;
}

export const ProblemsContext = createContext<ProblemsStore | null>(null);
const noop = () => () => {};

export function useStepProblems(id: string): readonly Problem[] {
  const store = useContext(ProblemsContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.forStep(id) : EMPTY,
  );
}

export function useFieldProblems(key: string): readonly Problem[] {
  const store = useContext(ProblemsContext);
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store ? store.forField(key) : EMPTY,
  );
}
