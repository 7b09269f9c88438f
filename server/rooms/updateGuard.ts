/**
 * The server's rule over client updates, applied before anything of an update is
 * applied, stored or broadcast (see {@link inspectUpdate} for how an update is
 * resolved to the roots it would change):
 * - a discussion document is written only by the server (clients send commands,
 *   `server/discussion`), so any client change to it is refused;
 * - a connection without the edit right (viewer, commenter, a lowered role) may
 *   send nothing that changes the content;
 * - an approved (or revoked, superseded) SOP refuses content changes from everyone
 *   until a revision is started through the server;
 * - the SOP's `meta` (status, schema version, template), *Disahkan oleh* and *Nomor
 *   SOP* roots are the server's: only approval, revision, migrations and the agency's
 *   numbering (assigned at creation, changed by an administrator) write them;
 * - an update that depends on content the server does not have is refused rather
 *   than kept pending (Yjs would hold it in memory, unbounded and unchecked);
 * - an update that would give the content a shape the model cannot read is refused
 *   (`docSchema.ts`).
 * An update that changes nothing (a sync step 2 repeating known content) passes.
 */
import type * as Y from 'yjs';
import type { RefusedReason } from '../../shared/protocol.js';
import { schemaProblem } from './docSchema.js';
import { addsAnything, inspectUpdate } from './updateInspector.js';
import type { UpdateShape } from './validate.js';

export interface GuardContext {
  kind: 'content' | 'discussion';
  /** The connection's role allows content changes. */
  canWrite: boolean;
  /** The SOP's status freezes the content. */
  locked: boolean;
}

export interface GuardVerdict {
  reason: RefusedReason;
  detail: string;
}

/** Roots of the content document that only the server writes. */
export const SERVER_ONLY_ROOTS: ReadonlySet<string> = new Set([
  'meta',
  'identity.approvedBy.title',
  'identity.approvedBy.name',
  'identity.approvedBy.nip',
  // Unique across the agency (issue 14): `PATCH /api/sops/:id/number`, never typed in.
  'identity.number',
]);

/** null when the update may be applied; otherwise why not. */
export function guardUpdate(
  doc: Y.Doc,
  shape: UpdateShape,
  ctx: GuardContext,
): GuardVerdict | null {
  // Who may not write at all is answered without resolving anything (cheap, whatever the
  // size of the update): only "does it change anything" matters for them.
  if (ctx.kind === 'discussion' || !ctx.canWrite || ctx.locked) {
    if (!addsAnything(doc, shape)) return null;
    if (ctx.kind === 'discussion')
      return { reason: 'read-only', detail: 'the discussion is written through commands only' };
    if (!ctx.canWrite) return { reason: 'read-only', detail: 'no edit right on this SOP' };
    return { reason: 'locked', detail: 'the SOP is approved; start a revision' };
  }
  const ins = inspectUpdate(doc, shape);
  if (!ins.adds) return null;
  if (ins.missing.length > 0) {
    const m = ins.missing[0];
    return {
      reason: 'missing-deps',
      detail: `depends on ${m?.client}:${m?.clock}, which the server does not have`,
    };
  }
  for (const root of ins.roots)
    if (SERVER_ONLY_ROOTS.has(root))
      return { reason: 'protected', detail: `${root} is written by the server only` };
  const problem = schemaProblem(ins);
  if (problem) return { reason: 'schema', detail: problem };
  return null;
}
