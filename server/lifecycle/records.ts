/**
 * Monitoring, evaluation and read acknowledgement of an approved SOP (issue 17).
 *
 * Monitoring records are stored rows (`lc_records`, kind `monitoring`); each entry a
 * person writes is applied atomically to the stored record and then mirrored into the
 * SOP's discussion document (`lifecycle` map, key `monitoring:<id>`), which every open
 * editor of the SOP already syncs read-only: two people filling the same record see
 * each other's entries live, and what they see is what is stored. The server alone
 * writes the discussion document, so author and time are the server's word.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { missingCriteria, scoreOf } from '../../shared/lifecycle/evaluation.js';
import {
  CRITERIA,
  type Criterion,
  type CriterionAnswer,
  type EvaluationRecord,
  isNewer,
  type MonitoringEntry,
  type MonitoringRecord,
  type Recommendation,
} from '../../shared/lifecycle/types.js';
import {
  localIsoDate,
  startRevision,
  transition,
  WorkflowError,
} from '../../shared/model/index.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal, RequestContext } from '../accounts/principal.js';
import { newId } from '../accounts/secrets.js';
import { HttpError } from '../http/errors.js';
import type { SopCallerAccess } from '../http/sopAccess.js';
import { SERVER_ACT, type SopDocs } from '../sops/sopDocs.js';
import type { LinkService } from './links.js';
import type { LifecycleStore } from './types.js';

/** Root map of the discussion document holding the live copies of open records. */
export const LIVE_MAP = 'lifecycle';
export const liveKey = (recordId: string) => `monitoring:${recordId}`;

export interface RecordDeps {
  store: LifecycleStore;
  accounts: Accounts;
  docs: SopDocs;
  links: LinkService;
  log: Logger;
  now?: () => Date;
}

const who = (p: Principal) => ({ id: p.user.id, name: p.user.name });

/** What the live map holds per open record. */
export type LiveCopy = Pick<MonitoringRecord, 'status' | 'entries' | 'rev'>;

/**
 * Writes `rec`'s live copy unless the map already holds a newer one. Two saves stored one
 * after the other are mirrored by two calls that each wait for the SOP's documents, and
 * may finish in either order: the older must not overwrite the newer, which would show
 * everyone a stale record until the next save.
 */
export function setLiveCopy(map: Y.Map<unknown>, rec: MonitoringRecord): void {
  const held = map.get(liveKey(rec.id)) as LiveCopy | undefined;
  if (held && isNewer(held, rec)) return;
  const copy: LiveCopy = { status: rec.status, entries: rec.entries, rev: rec.rev ?? 0 };
  map.set(liveKey(rec.id), copy);
}

export class RecordService {
  private readonly now: () => Date;

  constructor(private readonly deps: RecordDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The caller belongs to the SOP's unit (an SOP without a unit: its owners and editors). */
  async isUnitMember(p: Principal, sop: SopCallerAccess): Promise<boolean> {
    if (sop.record.unitId === null) return sop.role === 'owner' || sop.role === 'editor';
    return (await this.deps.accounts.store.unitsOfUser(p.user.id)).includes(sop.record.unitId);
  }

  private async mustBeUnitMember(p: Principal, sop: SopCallerAccess, what: string): Promise<void> {
    if (!(await this.isUnitMember(p, sop)))
      throw new HttpError(403, 'not_unit_member', `Only members of the SOP's unit ${what}`);
  }

  // ---- monitoring ----

  async openMonitoring(p: Principal, sop: SopCallerAccess): Promise<MonitoringRecord> {
    await this.mustBeUnitMember(p, sop, 'monitor it');
    const open = (await this.listMonitoring(sop.id)).find((r) => r.status === 'open');
    if (open)
      throw new HttpError(409, 'monitoring_open', 'A monitoring record of this SOP is open', {
        id: open.id,
      });
    const steps = await this.deps.docs.withSop(sop.id, ({ sop: doc }) => {
      const status = doc.meta.get().status;
      if (status !== 'approved')
        throw new HttpError(
          409,
          'not_approved',
          `Only an approved SOP is monitored; this one is ${status}`,
          { status },
        );
      return doc.steps.list().map((s, i) => ({ stepId: s.id, no: i + 1, activity: s.activity }));
    });
    const rec: MonitoringRecord = {
      id: newId(),
      sopId: sop.id,
      status: 'open',
      steps,
      entries: {},
      createdAt: this.now().toISOString(),
      createdBy: who(p),
      closedAt: null,
      closedBy: null,
      rev: 0,
    };
    await this.deps.store.insertRecord({
      kind: 'monitoring',
      id: rec.id,
      sopId: sop.id,
      createdAt: rec.createdAt,
      data: rec,
    });
    await this.mirror(rec);
    return rec;
  }

  async listMonitoring(sopId: string): Promise<MonitoringRecord[]> {
    return (await this.deps.store.listRecords<MonitoringRecord>('monitoring', sopId)).map(
      (r) => r.data,
    );
  }

  async getMonitoring(sopId: string, id: string): Promise<MonitoringRecord> {
    const r = await this.deps.store.getRecord<MonitoringRecord>('monitoring', id);
    if (!r || r.sopId !== sopId)
      throw new HttpError(404, 'not_found', `No monitoring record ${id} of this SOP`);
    return r.data;
  }

  async writeEntry(
    p: Principal,
    sop: SopCallerAccess,
    id: string,
    stepId: string,
    input: Pick<MonitoringEntry, 'assessment' | 'note' | 'action'>,
  ): Promise<MonitoringRecord> {
    await this.mustBeUnitMember(p, sop, 'fill its monitoring');
    await this.getMonitoring(sop.id, id);
    const at = this.now().toISOString();
    const next = await this.deps.store.updateRecord<MonitoringRecord>('monitoring', id, (rec) => {
      if (rec.status !== 'open')
        throw new HttpError(409, 'monitoring_closed', 'This monitoring record is closed');
      if (!rec.steps.some((s) => s.stepId === stepId))
        throw new HttpError(404, 'not_found', `Step ${stepId} is not in this record`);
      rec.entries[stepId] = { stepId, ...input, checkedBy: who(p), at };
      rec.rev = (rec.rev ?? 0) + 1;
      return rec;
    });
    if (!next) throw new HttpError(404, 'not_found', `No monitoring record ${id}`);
    await this.mirror(next);
    return next;
  }

  async closeMonitoring(p: Principal, sop: SopCallerAccess, id: string): Promise<MonitoringRecord> {
    await this.mustBeUnitMember(p, sop, 'close its monitoring');
    await this.getMonitoring(sop.id, id);
    const at = this.now().toISOString();
    const next = await this.deps.store.updateRecord<MonitoringRecord>('monitoring', id, (rec) => {
      if (rec.status !== 'open')
        throw new HttpError(409, 'monitoring_closed', 'This monitoring record is closed');
      const missing = rec.steps.filter((s) => !rec.entries[s.stepId]?.assessment);
      if (missing.length > 0)
        throw new HttpError(
          422,
          'monitoring_incomplete',
          `Every step needs an assessment; missing: ${missing.map((s) => s.no).join(', ')}`,
          { steps: missing.map((s) => s.stepId) },
        );
      rec.status = 'closed';
      rec.closedAt = at;
      rec.closedBy = who(p);
      rec.rev = (rec.rev ?? 0) + 1;
      return rec;
    });
    if (!next) throw new HttpError(404, 'not_found', `No monitoring record ${id}`);
    await this.mirror(next);
    return next;
  }

  /** The live copy other editors of the SOP see (through its discussion document). */
  private async mirror(rec: MonitoringRecord): Promise<void> {
    try {
      await this.deps.docs.withSop(rec.sopId, ({ discussion }) => {
        discussion.doc.transact(
          () => setLiveCopy(discussion.doc.getMap(LIVE_MAP), rec),
          SERVER_ACT,
        );
      });
    } catch (err) {
      // Stored already; the others see it on their next read.
      this.deps.log.warn({ err, sopId: rec.sopId }, 'monitoring live copy failed');
    }
  }

  // ---- evaluation ----

  async listEvaluations(sopId: string): Promise<EvaluationRecord[]> {
    return (await this.deps.store.listRecords<EvaluationRecord>('evaluation', sopId)).map(
      (r) => r.data,
    );
  }

  async evaluate(
    p: Principal,
    ctx: RequestContext,
    sop: SopCallerAccess,
    input: {
      criteria: Partial<Record<string, Partial<CriterionAnswer>>>;
      notes: string;
      suggestions: string;
      recommendation: Recommendation;
    },
  ): Promise<EvaluationRecord> {
    await this.mustBeUnitMember(p, sop, 'evaluate it');
    const missing = missingCriteria(input.criteria);
    if (missing.length > 0)
      throw new HttpError(
        422,
        'criteria_missing',
        `Every criterion needs a Ya/Tidak answer; missing: ${missing.join(', ')}`,
        { missing },
      );
    if (input.recommendation === 'revoke' && !sop.unitApprover)
      throw new HttpError(403, 'forbidden', "Only an approver of the SOP's unit revokes it");
    const criteria = Object.fromEntries(
      CRITERIA.map((c) => [
        c,
        {
          met: input.criteria[c]?.met === true,
          comment: (input.criteria[c]?.comment ?? '').trim(),
        },
      ]),
    ) as Record<Criterion, CriterionAnswer>;
    const at = this.now();
    const rec: EvaluationRecord = {
      id: newId(),
      sopId: sop.id,
      criteria,
      score: scoreOf(criteria),
      notes: input.notes,
      suggestions: input.suggestions,
      recommendation: input.recommendation,
      createdAt: at.toISOString(),
      createdBy: who(p),
      revisionStartedAt: null,
      revokedAt: null,
    };
    // The SOP's change first (it checks the status): a refused one stores nothing.
    if (input.recommendation === 'revise' || input.recommendation === 'revoke') {
      await this.deps.docs
        .withSop(sop.id, ({ sop: doc }) => {
          const status = doc.meta.get().status;
          if (status !== 'approved')
            throw new HttpError(
              409,
              'not_approved',
              `Only an approved SOP is evaluated for ${input.recommendation}; this one is ${status}`,
            );
          if (input.recommendation === 'revise') startRevision(doc);
          else transition(doc, 'revoked');
        })
        .catch((err: unknown) => {
          if (err instanceof WorkflowError)
            throw new HttpError(409, err.code.replace(/-/g, '_'), err.message, err.details);
          throw err;
        });
      if (input.recommendation === 'revise') rec.revisionStartedAt = localIsoDate(at);
      else rec.revokedAt = at.toISOString();
    } else {
      const status = await this.deps.docs.status(sop.id);
      if (status !== 'approved')
        throw new HttpError(
          409,
          'not_approved',
          `Only an approved SOP is evaluated; this one is ${status}`,
        );
    }
    await this.deps.store.insertRecord({
      kind: 'evaluation',
      id: rec.id,
      sopId: sop.id,
      createdAt: rec.createdAt,
      data: rec,
    });
    await this.deps.accounts.audit(p, ctx, 'sop.evaluation', {
      sopId: sop.id,
      detail: { evaluationId: rec.id, recommendation: rec.recommendation, score: rec.score },
    });
    if (input.recommendation !== 'keep') {
      await this.deps.accounts.audit(
        p,
        ctx,
        input.recommendation === 'revise' ? 'sop.revision' : 'sop.status',
        {
          sopId: sop.id,
          detail:
            input.recommendation === 'revise'
              ? { evaluationId: rec.id }
              : { from: 'approved', to: 'revoked', evaluationId: rec.id },
        },
      );
      this.deps.accounts.events.emit({ kind: 'sop', sopId: sop.id });
      await this.deps.links.observe(sop.id);
    }
    return rec;
  }

  // ---- read acknowledgement ----

  /** Who must confirm: the members of the SOP's unit (else its explicit members). */
  async expectedReaders(sop: SopCallerAccess): Promise<Array<{ id: string; name: string }>> {
    const users = new Map((await this.deps.accounts.store.listUsers()).map((u) => [u.id, u]));
    let ids: string[];
    if (sop.record.unitId !== null)
      ids = (await this.deps.accounts.store.unitMembers()).get(sop.record.unitId) ?? [];
    else ids = [...(await this.deps.accounts.store.sopMembers(sop.id)).keys()];
    return ids
      .map((id) => users.get(id))
      .filter((u): u is NonNullable<typeof u> => !!u && !u.disabled && u.kind === 'user')
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async acknowledgements(p: Principal, sop: SopCallerAccess) {
    const status = await this.deps.docs.status(sop.id);
    const versionKey = status === 'approved' ? await this.deps.links.versionKey(sop.id) : '';
    const expected = await this.expectedReaders(sop);
    const acks = versionKey ? await this.deps.store.listAcks(sop.id, versionKey) : [];
    const at = new Map(acks.map((a) => [a.userId, a.at]));
    const mine = at.get(p.user.id) ?? null;
    const canSee = sop.role === 'owner' || sop.unitApprover;
    return {
      versionKey: versionKey || null,
      mustAcknowledge: !!versionKey && expected.some((u) => u.id === p.user.id),
      acknowledgedAt: mine,
      readers: canSee
        ? expected.map((u) => ({ userId: u.id, name: u.name, at: at.get(u.id) ?? null }))
        : null,
    };
  }

  async acknowledge(p: Principal, sop: SopCallerAccess): Promise<{ at: string; already: boolean }> {
    const status = await this.deps.docs.status(sop.id);
    const versionKey = status === 'approved' ? await this.deps.links.versionKey(sop.id) : '';
    if (!versionKey)
      throw new HttpError(409, 'not_effective', 'Only an SOP in force is acknowledged as read');
    if (!(await this.expectedReaders(sop)).some((u) => u.id === p.user.id))
      throw new HttpError(
        403,
        'not_unit_member',
        'Only members of the unit that carries the SOP out acknowledge it',
      );
    const at = this.now().toISOString();
    const added = await this.deps.store.addAck({
      sopId: sop.id,
      versionKey,
      userId: p.user.id,
      at,
    });
    if (added) return { at, already: false };
    const prior = (await this.deps.store.listAcks(sop.id, versionKey)).find(
      (a) => a.userId === p.user.id,
    );
    return { at: prior?.at ?? at, already: true };
  }
}
