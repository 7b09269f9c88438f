/**
 * Approval as a server operation. Only an approver of the SOP's unit signs; a unit may
 * configure an ordered chain (e.g. Kasi → Kabid → Kadis): each signature is recorded
 * with the content it signed (a SHA-256 of the SOP without its approval fields), the
 * next signer is notified, and the SOP becomes approved at the last one, which fills
 * *Disahkan oleh* from that approver's profile and stores the `approved` version. A
 * content change after a signature voids the round's signatures (they signed
 * something else). Open "needs change" verdicts block every signature unless it
 * overrides them with a reason, which is recorded.
 *
 * Tanggal Efektif (issue 14): a date planned in the SOP is kept (it may lie in the
 * future); a date before the approval day needs a reason (`effectiveDateReason`, recorded
 * in the audit log). Each approved version gets its verification code.
 */
import { createHash } from 'node:crypto';
import type { SopRole } from '../../shared/access/permissions.js';
import type { Discussion } from '../../shared/discussion/index.js';
import { listApprovals } from '../../shared/discussion/reviewApprovals.js';
import {
  approvalBlockers,
  approve,
  isIsoDate,
  localIsoDate,
  type SopDoc,
  WorkflowError,
} from '../../shared/model/index.js';
import type { SopSnapshot } from '../../shared/model/types.js';
import { approvesFor } from '../accounts/accessService.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal, RequestContext } from '../accounts/principal.js';
import { newId } from '../accounts/secrets.js';
import type { SignoffRecord, SopAccessRecord } from '../accounts/types.js';
import type { Verifications } from '../agency/verification.js';
import { authorOf } from '../discussion/commands.js';
import { HttpError } from '../http/errors.js';
import type { SopDocs } from '../sops/sopDocs.js';
import type { VersionStore } from '../versions/types.js';

export interface ApproveInput {
  effectiveDate?: string | undefined;
  /** Required when the effective date lies before the approval day. */
  effectiveDateReason?: string | undefined;
  override?: { reason: string } | undefined;
}

/** Optional collaborators of {@link Approvals}. */
export interface ApprovalExtras {
  /** Records the verification code of each approved version. */
  verifications?: Verifications;
  /** The agency's default *Disahkan oleh* title, used when the approver's profile has none. */
  defaultTitle?: () => Promise<string>;
}

/**
 * The effective date an approval uses when none is given: the one planned in the SOP,
 * unless it is only left over from the previous approval (a revision keeps it); else today.
 */
export function plannedEffectiveDate(doc: SopDoc, discussion: Discussion, today: string): string {
  const planned = doc.identity.get().effectiveDate;
  const approvals = listApprovals(discussion);
  const previous = approvals[approvals.length - 1]?.effectiveDate;
  return isIsoDate(planned) && planned !== previous ? planned : today;
}

/** SHA-256 of what a signer signs: the SOP without status, timestamps and approval fields. */
export function contentHash(sop: SopDoc): string {
  const s = sop.toSnapshot();
  const signed = {
    identity: { ...s.identity, approvedBy: null, effectiveDate: null, revisedDate: null },
    actors: s.actors,
    steps: s.steps,
    narrative: s.narrative,
  };
  return createHash('sha256').update(JSON.stringify(signed)).digest('hex');
}

export interface ChainState {
  round: number;
  /** Valid signatures of the open round (none when the last round was closed). */
  signed: SignoffRecord[];
  /** Why the previous round closed, when it did: returned (with its note) or approved. */
  closed: SignoffRecord | null;
  /** The signatures of the round that `closed` ended (the approval's chain, when approved). */
  closedRound: SignoffRecord[];
}

export class Approvals {
  /** One approval step at a time per SOP (two signers racing must not both be "next"). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly accounts: Accounts,
    private readonly docs: SopDocs,
    private readonly versions: VersionStore,
    private readonly extras: ApprovalExtras = {},
  ) {}

  private async serial<T>(sopId: string, fn: () => Promise<T>): Promise<T> {
    while (this.locks.has(sopId)) await this.locks.get(sopId)?.catch(() => {});
    const run = fn();
    this.locks.set(sopId, run);
    try {
      return await run;
    } finally {
      this.locks.delete(sopId);
    }
  }

  /** The unit's chain, keeping only people who can still sign for it. */
  async chainOf(record: SopAccessRecord): Promise<string[]> {
    if (!record.unitId) return [];
    const out: string[] = [];
    for (const id of await this.accounts.store.getChain(record.unitId)) {
      const u = await this.accounts.store.getUser(id);
      if (u && approvesFor(u, record.unitId)) out.push(id);
    }
    return out;
  }

  async state(sopId: string, hash: string | null): Promise<ChainState> {
    const { round, signoffs } = await this.accounts.store.currentSignoffs(sopId);
    const last = signoffs[signoffs.length - 1];
    if (last?.decision !== 'signed')
      return { round: round + 1, signed: [], closed: last ?? null, closedRound: signoffs };
    // A signature over other content no longer counts: the round starts again.
    if (hash !== null && signoffs.some((s) => s.contentHash !== hash))
      return { round: round + 1, signed: [], closed: null, closedRound: [] };
    return { round, signed: signoffs, closed: null, closedRound: [] };
  }

  async approve(
    p: Principal,
    ctx: RequestContext,
    sop: { id: string; record: SopAccessRecord; unitApprover: boolean },
    input: ApproveInput,
  ): Promise<{ status: string; next: { userId: string; name: string } | null }> {
    if (!sop.unitApprover)
      throw new HttpError(403, 'forbidden', "Only an approver of this SOP's unit can approve it");
    return this.serial(sop.id, async () => {
      const chain = await this.chainOf(sop.record);
      const prior = await this.accounts.store.currentSignoffs(sop.id);
      const me = authorOf(p);
      const fallbackTitle = p.user.title.trim() ? '' : ((await this.extras.defaultTitle?.()) ?? '');
      const today = localIsoDate();
      const out = await this.docs.withSop(sop.id, ({ sop: doc, discussion, storedContent }) => {
        const status = doc.meta.get().status;
        if (status !== 'draft' && status !== 'in_review')
          throw new HttpError(409, 'invalid_transition', `A ${status} SOP cannot be approved`);
        const hash = contentHash(doc);
        const last = prior.signoffs[prior.signoffs.length - 1];
        const open =
          last?.decision === 'signed' && prior.signoffs.every((s) => s.contentHash === hash);
        const signed = open ? prior.signoffs : [];
        const round = open ? prior.round : prior.round + 1;
        if (chain.length > 0) {
          const expected = chain[signed.length];
          if (expected !== p.user.id)
            throw new HttpError(409, 'not_your_turn', 'Another approver signs first', {
              next: expected ?? null,
            });
        }
        const final = chain.length === 0 || signed.length === chain.length - 1;
        const blockers = approvalBlockers(doc, discussion);
        if (blockers.length > 0 && !input.override)
          throw new HttpError(409, 'needs_change', 'Open "needs change" verdicts block approval', {
            steps: blockers.map((b) => b.stepId),
          });
        if (blockers.length > 0 && !input.override?.reason.trim())
          throw new HttpError(422, 'override_reason_required', 'An override needs a reason');
        let version: { state: Promise<Uint8Array>; snapshot: SopSnapshot } | null = null;
        let effectiveDate: string | null = null;
        if (final) {
          effectiveDate = input.effectiveDate ?? plannedEffectiveDate(doc, discussion, today);
          if (effectiveDate < today && !input.effectiveDateReason?.trim())
            throw new HttpError(
              422,
              'effective_date_reason_required',
              'An effective date before the approval date needs a reason',
              { effectiveDate, today },
            );
          const approver = {
            title: p.user.title.trim() || fallbackTitle,
            name: p.user.name,
            nip: p.user.nip ?? '',
          };
          if (!approver.title.trim())
            throw new HttpError(
              422,
              'profile_incomplete',
              'Set your title (jabatan) in your profile: it fills "Disahkan oleh"',
            );
          try {
            approve(doc, discussion, {
              approver,
              effectiveDate,
              by: me,
              ...(input.override && blockers.length > 0
                ? { override: { reason: input.override.reason, by: me } }
                : {}),
            });
          } catch (err) {
            if (err instanceof WorkflowError)
              throw new HttpError(422, err.code.replace(/-/g, '_'), err.message, err.details);
            throw err;
          }
          // The approved state, handed out once stored (never the live doc's unstored updates).
          version = { state: storedContent(), snapshot: doc.toSnapshot() };
        }
        return { hash, round, final, version, blockers: blockers.length, effectiveDate };
      });
      const at = new Date().toISOString();
      await this.accounts.store.addSignoff({
        id: newId(),
        sopId: sop.id,
        round: out.round,
        userId: p.user.id,
        decision: out.final ? 'approved' : 'signed',
        note: input.override?.reason ?? '',
        contentHash: out.hash,
        at,
      });
      const name = await this.docs.name(sop.id);
      if (out.blockers > 0 && input.override)
        await this.accounts.audit(p, ctx, 'approval.override', {
          sopId: sop.id,
          detail: { reason: input.override.reason, blockers: out.blockers },
        });
      if (!out.final) {
        const nextId = chain[(await this.state(sop.id, out.hash)).signed.length] ?? null;
        const next = nextId ? await this.accounts.store.getUser(nextId) : null;
        await this.accounts.audit(p, ctx, 'approval.signed', {
          sopId: sop.id,
          detail: { round: out.round },
        });
        if (next)
          await this.accounts.notify(next.id, 'approval.next', sop.id, {
            sopName: name,
            by: p.user.name,
          });
        return { status: 'in_review', next: next ? { userId: next.id, name: next.name } : null };
      }
      let code: string | null = null;
      if (out.version) {
        const meta = await this.versions.add({
          sopId: sop.id,
          label: `Disahkan ${at.slice(0, 10)}`,
          kind: 'approved',
          createdBy: p.user.name,
          state: await out.version.state,
          snapshot: out.version.snapshot,
          summary: null,
        });
        if (this.extras.verifications)
          code = (
            await this.extras.verifications.record({
              sopId: sop.id,
              versionId: meta.id,
              snapshot: out.version.snapshot,
              approvedAt: at,
            })
          ).code;
      }
      const reason = input.effectiveDateReason?.trim();
      await this.accounts.audit(p, ctx, 'approval.approved', {
        sopId: sop.id,
        detail: {
          round: out.round,
          effectiveDate: out.effectiveDate,
          ...(reason && out.effectiveDate && out.effectiveDate < today
            ? { effectiveDateReason: reason }
            : {}),
          ...(code ? { code } : {}),
        },
      });
      for (const [uid, role] of await this.accounts.store.sopMembers(sop.id))
        if (role === 'owner' && uid !== p.user.id)
          await this.accounts.notify(uid, 'approval.approved', sop.id, {
            sopName: name,
            by: p.user.name,
          });
      this.accounts.events.emit({ kind: 'sop', sopId: sop.id });
      return { status: 'approved', next: null };
    });
  }

  /** The signer whose turn it is sends the SOP back with a note (status → draft). */
  async returnWithNote(
    p: Principal,
    ctx: RequestContext,
    sop: { id: string; record: SopAccessRecord; unitApprover: boolean; role: SopRole },
    note: string,
  ): Promise<void> {
    if (!sop.unitApprover)
      throw new HttpError(403, 'forbidden', "Only an approver of this SOP's unit can return it");
    await this.serial(sop.id, async () => {
      const chain = await this.chainOf(sop.record);
      const out = await this.docs.withSop(sop.id, ({ sop: doc }) => {
        const status = doc.meta.get().status;
        if (status !== 'draft' && status !== 'in_review')
          throw new HttpError(409, 'invalid_transition', `A ${status} SOP cannot be returned`);
        return { hash: contentHash(doc), status };
      });
      const st = await this.state(sop.id, out.hash);
      if (chain.length > 0 && chain[st.signed.length] !== p.user.id)
        throw new HttpError(
          409,
          'not_your_turn',
          'Only the approver whose turn it is can return it',
        );
      await this.accounts.store.addSignoff({
        id: newId(),
        sopId: sop.id,
        round: st.round,
        userId: p.user.id,
        decision: 'returned',
        note,
        contentHash: out.hash,
        at: new Date().toISOString(),
      });
      if (out.status === 'in_review')
        await this.docs.withSop(sop.id, ({ sop: doc }) => doc.meta.setStatus('draft'));
      await this.accounts.audit(p, ctx, 'approval.returned', { sopId: sop.id, detail: { note } });
      const name = await this.docs.name(sop.id);
      for (const [uid, role] of await this.accounts.store.sopMembers(sop.id))
        if (role === 'owner')
          await this.accounts.notify(uid, 'approval.returned', sop.id, {
            sopName: name,
            by: p.user.name,
            note,
          });
    });
  }
}
