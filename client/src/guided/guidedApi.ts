/**
 * The guided meeting's commands (`POST /api/sops/:id/guided`, issue 18): the server
 * writes the session into the discussion document; the result arrives over the socket.
 */
import type { StageNo } from '@shared/guided/index';
import { apiJson } from '../lib/commands';

export interface GuidedOps {
  start: { args: Record<string, never>; result: { id: string; alreadyRunning?: boolean } };
  join: { args: { sessionId: string }; result: object };
  stage: { args: { sessionId: string; stage: StageNo }; result: object };
  takeOver: { args: { sessionId: string }; result: object };
  timebox: { args: { sessionId: string; stage: StageNo; minutes: number | null }; result: object };
  decision: { args: { sessionId: string; stage: StageNo; text: string }; result: { id: string } };
  removeDecision: { args: { sessionId: string; decisionId: string }; result: object };
  candidate: { args: { sessionId: string; name: string }; result: { id: string } };
  removeCandidate: { args: { sessionId: string; candidateId: string }; result: object };
  taskFunction: { args: { sessionId: string; text: string }; result: object };
  end: {
    args: { sessionId: string; openPoints: Array<{ stage: StageNo; text: string }> };
    result: { threadIds?: string[]; alreadyEnded?: boolean };
  };
}

export type GuidedOp = keyof GuidedOps;

export function sendGuided<K extends GuidedOp>(
  sopId: string,
  op: K,
  args: GuidedOps[K]['args'],
): Promise<GuidedOps[K]['result']> {
  return apiJson<GuidedOps[K]['result']>(`/api/sops/${encodeURIComponent(sopId)}/guided`, {
    json: { op, ...args },
  });
}
