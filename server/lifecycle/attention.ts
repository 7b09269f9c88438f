/**
 * Due dates per SOP and the "needs attention" list (issue 17): monitoring, evaluation
 * and review due or overdue, flagged links, open suggestions, open "needs change"
 * verdicts, an SOP in force not yet acknowledged as read — per person (their SOPs:
 * explicit shares and their units' SOPs) or per unit.
 *
 * Cost: due dates and flags come from the lifecycle tables (one query each for all
 * SOPs); suggestions and verdicts need the SOP's discussion document, so they are
 * counted only for the SOPs a person explicitly owns or edits that are being drafted
 * (draft or in review), at most {@link MAX_DISCUSSION_READS} of them per request.
 */
import type { Discussion } from '../../shared/discussion/index.js';
import { Suggestions } from '../../shared/discussion/suggestions.js';
import { dueState, scheduleOf } from '../../shared/lifecycle/schedule.js';
import type {
  AttentionItem,
  EvaluationRecord,
  MonitoringRecord,
  Schedule,
  ScheduleOverride,
} from '../../shared/lifecycle/types.js';
import { approvalBlockers, localIsoDate } from '../../shared/model/index.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal } from '../accounts/principal.js';
import type { SopDocs } from '../sops/sopDocs.js';
import type { DocMeta } from '../storage/sopIndex.js';
import type { LinkService } from './links.js';
import type { LifecycleStore } from './types.js';

export const MAX_DISCUSSION_READS = 30;

export interface AttentionDeps {
  store: LifecycleStore;
  accounts: Accounts;
  docs: SopDocs;
  links: LinkService;
  index: { getMeta(id: string): Promise<DocMeta | null> };
  today?: () => string;
}

export class AttentionService {
  private readonly today: () => string;

  constructor(private readonly deps: AttentionDeps) {
    this.today = deps.today ?? (() => localIsoDate());
  }

  /** Last closed monitoring day and last evaluation day of every SOP. */
  private async lastRecords(): Promise<{
    monitoring: Map<string, string>;
    evaluation: Map<string, string>;
  }> {
    const monitoring = new Map<string, string>();
    for (const r of await this.deps.store.listRecords<MonitoringRecord>('monitoring')) {
      const day = r.data.closedAt?.slice(0, 10);
      if (day && day > (monitoring.get(r.sopId) ?? '')) monitoring.set(r.sopId, day);
    }
    const evaluation = new Map<string, string>();
    for (const r of await this.deps.store.listRecords<EvaluationRecord>('evaluation')) {
      const day = r.createdAt.slice(0, 10);
      if (day > (evaluation.get(r.sopId) ?? '')) evaluation.set(r.sopId, day);
    }
    return { monitoring, evaluation };
  }

  async schedule(sopId: string): Promise<Schedule & { effectiveDate: string; status: string }> {
    await this.deps.links.observe(sopId);
    const state = await this.deps.store.getSopState(sopId);
    const status = state?.status ?? (await this.deps.docs.status(sopId));
    const last = await this.lastRecords();
    const override =
      (await this.deps.store.getRecord<ScheduleOverride>('schedule', sopId))?.data ?? null;
    const s = scheduleOf({
      status,
      effectiveDate: state?.effectiveDate ?? '',
      lastMonitoring: last.monitoring.get(sopId) ?? null,
      lastEvaluation: last.evaluation.get(sopId) ?? null,
      override,
    });
    return { ...s, effectiveDate: state?.effectiveDate ?? '', status };
  }

  async setSchedule(sopId: string, o: Omit<ScheduleOverride, 'sopId'>): Promise<void> {
    await this.deps.store.putRecord<ScheduleOverride>({
      kind: 'schedule',
      id: sopId,
      sopId,
      createdAt: new Date().toISOString(),
      data: { sopId, ...o },
    });
  }

  /** SOP ids a person looks after: explicit shares and their units' SOPs. */
  async sopsOf(p: Principal): Promise<{ ids: Set<string>; drafting: Set<string> }> {
    const store = this.deps.accounts.store;
    const explicit = await store.sopRolesOfUser(p.user.id);
    const units = new Set(await store.unitsOfUser(p.user.id));
    const ids = new Set(explicit.keys());
    for (const a of await store.listSopAccess())
      if (a.unitId && units.has(a.unitId)) ids.add(a.sopId);
    const drafting = new Set(
      [...explicit].filter(([, r]) => r === 'owner' || r === 'editor').map(([id]) => id),
    );
    return { ids, drafting };
  }

  async unitSops(unitId: string): Promise<Set<string>> {
    return new Set(
      (await this.deps.accounts.store.listSopAccess())
        .filter((a) => a.unitId === unitId)
        .map((a) => a.sopId),
    );
  }

  /** The attention list over `ids`; `person` adds their unread SOPs and drafting counts. */
  async list(
    ids: Set<string>,
    person: { p: Principal; drafting: Set<string> } | null,
  ): Promise<AttentionItem[]> {
    const today = this.today();
    const last = await this.lastRecords();
    const flags = await this.deps.links.openFlags();
    const flagCount = new Map<string, number>();
    for (const f of flags) flagCount.set(f.sourceId, (flagCount.get(f.sourceId) ?? 0) + 1);
    const access = new Map(
      (await this.deps.accounts.store.listSopAccess()).map((a) => [a.sopId, a.unitId]),
    );
    const out: AttentionItem[] = [];
    let discussionReads = 0;
    for (const id of [...ids].sort()) {
      const meta = await this.deps.index.getMeta(id);
      if (!meta || meta.archived || meta.template === null) continue;
      const base = {
        sopId: id,
        sopName: meta.name,
        sopNumber: meta.number,
        unitId: access.get(id) ?? null,
      };
      const state = await this.deps.store.getSopState(id);
      // The live status (the listing row follows it with a debounce).
      const status = await this.deps.docs.status(id);
      if (status === 'approved') {
        const override =
          (await this.deps.store.getRecord<ScheduleOverride>('schedule', id))?.data ?? null;
        const s = scheduleOf({
          status: 'approved',
          effectiveDate: state?.effectiveDate ?? '',
          lastMonitoring: last.monitoring.get(id) ?? null,
          lastEvaluation: last.evaluation.get(id) ?? null,
          override,
        });
        const due = [
          ['monitoring', s.monitoringDue],
          ['evaluation', s.evaluationDue],
          ['review', s.reviewDue],
        ] as const;
        for (const [what, date] of due) {
          const st = dueState(date, today);
          if (st) out.push({ ...base, kind: `${what}-${st}`, date, count: 1 });
        }
        if (person && state?.versionKey) {
          const acks = await this.deps.store.listAcks(id, state.versionKey);
          const unit = access.get(id);
          const member =
            unit && (await this.deps.accounts.store.unitsOfUser(person.p.user.id)).includes(unit);
          if (member && !acks.some((a) => a.userId === person.p.user.id))
            out.push({ ...base, kind: 'unread', date: state.effectiveDate || null, count: 1 });
        }
      }
      const n = flagCount.get(id);
      if (n) out.push({ ...base, kind: 'link-flagged', date: null, count: n });
      if (
        person?.drafting.has(id) &&
        (status === 'draft' || status === 'in_review') &&
        discussionReads < MAX_DISCUSSION_READS
      ) {
        discussionReads++;
        const counts = await this.deps.docs.withSop(id, ({ sop, discussion }) => ({
          suggestions: openSuggestions(discussion),
          blockers: approvalBlockers(sop, discussion).length,
        }));
        if (counts.suggestions > 0)
          out.push({ ...base, kind: 'open-suggestions', date: null, count: counts.suggestions });
        if (counts.blockers > 0)
          out.push({ ...base, kind: 'needs-change', date: null, count: counts.blockers });
      }
    }
    const rank = (i: AttentionItem) =>
      i.kind.endsWith('overdue') ? 0 : i.kind.endsWith('-due') ? 1 : 2;
    return out.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.date ?? '9999').localeCompare(b.date ?? '9999') ||
        a.sopName.localeCompare(b.sopName),
    );
  }
}

/** Suggestions not yet accepted or rejected. */
function openSuggestions(discussion: Discussion): number {
  const s = new Suggestions(discussion);
  try {
    return s.open().length;
  } finally {
    s.destroy();
  }
}
