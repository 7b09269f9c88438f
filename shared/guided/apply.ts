/**
 * Writes pasted or typed activities into an SOP (issue 18, stage 2): one transaction,
 * steps inserted before the end terminator in order, pelaksana created on the fly by
 * name (an existing one of the same name, ignoring case and spaces, is reused).
 */
import type { SopDoc } from '../model/index.js';
import type { PastedStep } from './paste.js';

function norm(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The pelaksana named `name`, created at the end of the columns when there is none.
 * `made` remembers the ones created in the same transaction (the model's lists are
 * read again only once it ends).
 */
export function actorByName(
  sop: SopDoc,
  name: string,
  made: Map<string, string> = new Map(),
): string | null {
  const n = norm(name);
  if (!n) return null;
  const found = made.get(n) ?? sop.actors.list().find((a) => norm(a.name) === n)?.id;
  if (found) return found;
  const id = sop.actors.add(name.trim().replace(/\s+/g, ' '));
  made.set(n, id);
  return id;
}

/** Sets a step's pelaksana by name, creating it when new ('' clears). */
export function assignActorByName(sop: SopDoc, stepId: string, name: string): string | null {
  let id: string | null = null;
  sop.transact(() => {
    id = actorByName(sop, name);
    sop.steps.setActor(stepId, id);
  });
  return id;
}

export interface ApplyResult {
  stepIds: string[];
  createdActorIds: string[];
}

/**
 * Inserts `rows` as steps. Start/end rows are taken only where the SOP lacks that
 * terminator (a new SOP already has Mulai and Selesai); the rest go before the last
 * terminator (or at the end when there is none).
 */
export function applyPasted(sop: SopDoc, rows: readonly PastedStep[]): ApplyResult {
  const stepIds: string[] = [];
  const before = new Set(sop.actors.ids());
  const made = new Map<string, string>();
  sop.transact(() => {
    const steps = sop.steps.list();
    let hasStart = steps[0]?.kind === 'terminator';
    const lastEnd = steps.findLastIndex((s, i) => i > 0 && s.kind === 'terminator');
    let endId: string | null = lastEnd > 0 ? (steps[lastEnd]?.id ?? null) : null;
    for (const r of rows) {
      if (r.kind === 'terminator' && hasStart && endId) continue;
      const actorId = actorByName(sop, r.actor, made);
      const init = {
        kind: r.kind,
        activity: r.activity,
        actorId,
        requirements: r.requirements,
        output: r.output,
        notes: r.notes,
        ...(r.time ? { time: r.time } : {}),
      };
      let id: string;
      if (r.kind === 'terminator' && !hasStart) {
        id = sop.steps.insertAfter(null, init);
        hasStart = true;
      } else if (r.kind === 'terminator') {
        id = sop.steps.insertBefore(null, init);
        endId = id;
      } else id = sop.steps.insertBefore(endId, init);
      stepIds.push(id);
    }
  });
  const createdActorIds = sop.actors.ids().filter((id) => !before.has(id));
  return { stepIds, createdActorIds };
}
