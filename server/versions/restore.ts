/**
 * Restoring a version (issue 16): a new forward change, never a rewrite of history.
 *
 * 1. The state before the restore is stored as a `pre-restore` version FIRST: if that
 *    write fails, nothing is restored. (Restoring that version undoes the restore.)
 * 2. Then the restore is applied on the live document through its room (`withDocs`),
 *    as ordinary Yjs edits (shared/model/diffRestore.ts): connected clients receive it
 *    like anyone's edit, and it is stored before the call answers.
 *
 * Between 1 and 2 someone may type. The restore then does not run over edits the
 * pre-restore version lacks: it is not applied, and instead the state before the
 * restore is captured in the same synchronous change that applies it, and stored as
 * the pre-restore version right after (exact, at the price of "first" in that rare race).
 *
 * Restores of one SOP run one after the other (across processes too: `withDocs` takes
 * a lock shared by all of them, see cluster/docLocks.ts): two at once both apply, in
 * turn, and the document ends as the later one's version.
 */
import { isLockedStatus } from '../../shared/access/permissions.js';
import { restoreSnapshot } from '../../shared/model/diffRestore.js';
import { SopDoc, type SopSnapshot } from '../../shared/model/index.js';
import { HttpError } from '../http/errors.js';
import type { HeldDoc } from '../rooms/roomManager.js';
import { SERVER_ACT } from '../sops/sopDocs.js';
import type { VersionMeta, VersionStore } from './types.js';

export interface RestoreDeps {
  versions: VersionStore;
  /** The room manager's `withDocs` (server-side changes through the rooms). */
  withDocs<T>(docIds: readonly string[], fn: (docs: HeldDoc[]) => T): Promise<T>;
}

export interface RestoreInput {
  sopId: string;
  versionId: string;
  /** Who restores (the pre-restore version's author). */
  by: string | null;
}

export interface RestoreResult {
  /** The version now restored. */
  restored: VersionMeta;
  /** The version of the state just before the restore (restore it to undo). */
  preRestore: VersionMeta;
}

const MAX_LABEL = 200;

/** The label of the version taken before restoring `label` (stored data, in Indonesian like the others). */
export function preRestoreLabel(label: string): string {
  const quoted = label.length > 150 ? `${label.slice(0, 149)}…` : label;
  return `Sebelum memulihkan “${quoted}”`.slice(0, MAX_LABEL);
}

/** What is compared to tell whether the content changed between two reads. */
function contentKey(s: SopSnapshot): string {
  return JSON.stringify([s.identity, s.actors, s.steps, s.narrative]);
}

function refuseLocked(sop: SopDoc): void {
  const status = sop.meta.get().status;
  if (isLockedStatus(status))
    throw new HttpError(
      409,
      'locked',
      `The SOP is ${status}: its content cannot change (start a revision first)`,
    );
}

export class VersionRestorer {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: RestoreDeps) {}

  /** Restores `versionId` of `sopId`; 404 unknown version (or another SOP's), 409 locked. */
  restore(input: RestoreInput): Promise<RestoreResult> {
    return this.serial(input.sopId, () => this.run(input));
  }

  private serial<T>(sopId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(sopId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const settled = run.catch(() => {});
    this.queues.set(sopId, settled);
    void settled.then(() => {
      if (this.queues.get(sopId) === settled) this.queues.delete(sopId);
    });
    return run;
  }

  /** Runs `fn` on the SOP's live doc through its room, as the server. */
  private onDoc<T>(sopId: string, fn: (sop: SopDoc, held: HeldDoc) => T): Promise<T> {
    return this.deps.withDocs([sopId], ([held]) => {
      if (!held) throw new Error('the document is held');
      const sop = new SopDoc(held.doc, { origin: SERVER_ACT });
      try {
        return fn(sop, held);
      } finally {
        sop.destroy();
      }
    });
  }

  private async run(input: RestoreInput): Promise<RestoreResult> {
    const { sopId, versionId } = input;
    const target = await this.deps.versions.get(sopId, versionId);
    if (!target)
      throw new HttpError(404, 'not_found', `No version ${JSON.stringify(versionId)} of this SOP`);
    const label = preRestoreLabel(target.label);
    const storePre = (state: Uint8Array, snapshot: SopSnapshot, at: Date) =>
      this.deps.versions.add({
        sopId,
        label,
        kind: 'pre-restore',
        createdBy: input.by,
        state,
        snapshot,
        summary: { restoring: { id: target.id, label: target.label } },
        createdAt: at,
      });

    // 1. The state before, stored first (nothing written to the document yet).
    const before = await this.onDoc(sopId, (sop, held) => {
      refuseLocked(sop);
      const state = held.storedState();
      state.catch(() => {}); // awaited below; never an unhandled rejection
      return { state, snapshot: sop.toSnapshot(), at: new Date() };
    });
    let preRestore = await storePre(await before.state, before.snapshot, before.at);

    // 2. The restore, unless the content changed meanwhile.
    const applied = await this.onDoc(sopId, (sop) => {
      refuseLocked(sop);
      if (contentKey(sop.toSnapshot()) !== contentKey(before.snapshot)) return false;
      restoreSnapshot(sop, keepNumber(target.snapshot, before.snapshot.identity.number));
      return true;
    });
    if (!applied) {
      // Someone typed in between: capture exactly what is replaced, in the same change.
      const exact = await this.onDoc(sopId, (sop, held) => {
        refuseLocked(sop);
        const state = held.storedState();
        state.catch(() => {});
        const snapshot = sop.toSnapshot();
        restoreSnapshot(sop, keepNumber(target.snapshot, snapshot.identity.number));
        return { state, snapshot, at: new Date() };
      });
      preRestore = await storePre(await exact.state, exact.snapshot, exact.at);
    }
    const { state: _s, snapshot: _n, summary: _u, ...restored } = target;
    return { restored, preRestore };
  }
}

/**
 * The version's content under the SOP's number of today: the number is the agency's
 * (assigned and registered by the server, `server/sops/numbering.ts`), not content a
 * restore takes back.
 */
function keepNumber(snapshot: SopSnapshot, number: string): SopSnapshot {
  return { ...snapshot, identity: { ...snapshot.identity, number } };
}
