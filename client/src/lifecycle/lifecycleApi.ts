/** REST calls of the SOP's life after approval (issue 17, server/routes/lifecycle.ts). */
import type { GraphData } from '@shared/lifecycle/graph';
import type {
  AttentionItem,
  Criterion,
  CriterionAnswer,
  EvaluationRecord,
  LinkType,
  LinkView,
  MonitoringEntry,
  MonitoringRecord,
  Recommendation,
  Schedule,
} from '@shared/lifecycle/types';
import { apiRequest } from '../lib/api';

const sop = (id: string) => `/api/sops/${encodeURIComponent(id)}`;

export const getLinks = (id: string) => apiRequest<LinkView[]>(`${sop(id)}/related`);
export const addLink = (id: string, targetId: string, type: LinkType) =>
  apiRequest<{ itemId: string; text: string }>(`${sop(id)}/related`, {
    method: 'POST',
    json: { targetId, type },
  });
export const confirmLink = (id: string, targetId: string | null) =>
  apiRequest<{ confirmed: number }>(`${sop(id)}/related/confirm`, {
    method: 'POST',
    json: targetId ? { targetId } : {},
  });
export const getSopGraph = (id: string) => apiRequest<GraphData>(`${sop(id)}/related/graph`);
export const getUnitGraph = (unitId: string) =>
  apiRequest<GraphData>(`/api/lifecycle/units/${encodeURIComponent(unitId)}/graph`);

export type ScheduleView = Schedule & {
  effectiveDate: string;
  status: string;
  unitMember: boolean;
  canRevoke: boolean;
};
export const getSchedule = (id: string) => apiRequest<ScheduleView>(`${sop(id)}/schedule`);

export const listMonitoring = (id: string) =>
  apiRequest<MonitoringRecord[]>(`${sop(id)}/monitoring`);
export const getMonitoring = (id: string, rid: string) =>
  apiRequest<MonitoringRecord>(`${sop(id)}/monitoring/${encodeURIComponent(rid)}`);
export const openMonitoring = (id: string) =>
  apiRequest<MonitoringRecord>(`${sop(id)}/monitoring`, { method: 'POST' });
export const writeEntry = (
  id: string,
  rid: string,
  stepId: string,
  entry: Pick<MonitoringEntry, 'assessment' | 'note' | 'action'>,
) =>
  apiRequest<MonitoringRecord>(
    `${sop(id)}/monitoring/${encodeURIComponent(rid)}/entries/${encodeURIComponent(stepId)}`,
    { method: 'PUT', json: entry },
  );
export const closeMonitoring = (id: string, rid: string) =>
  apiRequest<MonitoringRecord>(`${sop(id)}/monitoring/${encodeURIComponent(rid)}/close`, {
    method: 'POST',
  });

export const listEvaluations = (id: string) =>
  apiRequest<EvaluationRecord[]>(`${sop(id)}/evaluations`);
export const submitEvaluation = (
  id: string,
  body: {
    criteria: Partial<Record<Criterion, CriterionAnswer>>;
    notes: string;
    suggestions: string;
    recommendation: Recommendation;
  },
) => apiRequest<EvaluationRecord>(`${sop(id)}/evaluations`, { method: 'POST', json: body });

export interface AckView {
  versionKey: string | null;
  mustAcknowledge: boolean;
  acknowledgedAt: string | null;
  readers: Array<{ userId: string; name: string; at: string | null }> | null;
}
export const getAcks = (id: string) => apiRequest<AckView>(`${sop(id)}/acknowledgements`);
export const acknowledge = (id: string) =>
  apiRequest<{ at: string; already: boolean }>(`${sop(id)}/acknowledgements`, { method: 'POST' });

export const getAttention = (unitId?: string) =>
  apiRequest<{ items: AttentionItem[] }>(
    `/api/attention${unitId ? `?unit=${encodeURIComponent(unitId)}` : ''}`,
  );
