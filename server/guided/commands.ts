/**
 * Guided drafting commands (issue 18). Like review sessions, a guided session lives in
 * the SOP's discussion document, which only the server writes (see
 * `server/discussion/commands.ts`): the server checks the caller's role and whether
 * they facilitate, then applies the change with the signed-in person as author.
 * Anyone who may edit the SOP starts a session or takes it over; the facilitator moves
 * the room between stages and sets timeboxes; every editor records decisions and
 * candidate names; anyone who can read the SOP joins (the record's "who was there").
 */
import { can, type SopRole } from '../../shared/access/permissions.js';
import { DiscussionError } from '../../shared/discussion/index.js';
import { GuidedSessions, type OpenPoint, STAGE_KEYS } from '../../shared/guided/index.js';
import { authorOf, type CommandCaller, httpErrorOf } from '../discussion/commands.js';
import { HttpError } from '../http/errors.js';
import { SERVER_ACT, type SopDocs } from '../sops/sopDocs.js';
import type { GuidedCommand } from './schema.js';

function need(role: SopRole, what: string): void {
  if (!can(role, 'edit'))
    throw new HttpError(403, 'forbidden', `Your role (${role}) cannot ${what}`);
}

const STAGE_NAMES: Record<number, string> = {
  1: 'Kebutuhan dan nama',
  2: 'Kegiatan',
  3: 'Identitas',
  4: 'Diagram',
  5: 'Dokumen',
};

/** Runs one guided command on the SOP's documents; returns ids the client needs. */
export async function runGuidedCommand(
  docs: SopDocs,
  sopId: string,
  caller: CommandCaller,
  cmd: GuidedCommand,
): Promise<Record<string, unknown>> {
  const me = authorOf(caller.principal);
  const { role } = caller;
  return docs
    .withSop(sopId, ({ sop, discussion }): Record<string, unknown> => {
      const guided = new GuidedSessions(discussion.doc, { origin: SERVER_ACT });
      try {
        const session = (id: string, live = true) => {
          const s = guided.get(id);
          if (!s) throw new DiscussionError('unknown-session');
          if (live && s.endedAt !== null) throw new DiscussionError('session-ended');
          return s;
        };
        const facilitating = (id: string, what: string) => {
          const s = session(id);
          if (s.facilitator.id !== me.id)
            throw new HttpError(403, 'forbidden', `Only the facilitator can ${what}`);
          return s;
        };
        switch (cmd.op) {
          case 'start': {
            need(role, 'start a guided meeting');
            const running = guided.active();
            if (running) return { id: running.id, alreadyRunning: true };
            const status = sop.meta.get().status;
            if (status !== 'draft' && status !== 'in_review')
              throw new HttpError(409, 'invalid_status', `A ${status} SOP is not drafted any more`);
            return { id: guided.start(me) };
          }
          case 'join':
            session(cmd.sessionId);
            guided.join(cmd.sessionId, me);
            return {};
          case 'stage':
            facilitating(cmd.sessionId, 'move the meeting');
            guided.setStage(cmd.sessionId, cmd.stage, me);
            return {};
          case 'takeOver':
            need(role, 'facilitate');
            session(cmd.sessionId);
            guided.join(cmd.sessionId, me);
            guided.setFacilitator(cmd.sessionId, me);
            return {};
          case 'timebox':
            facilitating(cmd.sessionId, 'set timeboxes');
            guided.setTimebox(cmd.sessionId, cmd.stage, cmd.minutes);
            return {};
          case 'decision':
            need(role, 'record decisions');
            session(cmd.sessionId);
            guided.join(cmd.sessionId, me);
            return { id: guided.addDecision(cmd.sessionId, cmd.stage, cmd.text, me) };
          case 'removeDecision':
            need(role, 'remove decisions');
            session(cmd.sessionId);
            guided.removeDecision(cmd.sessionId, cmd.decisionId);
            return {};
          case 'candidate':
            need(role, 'propose names');
            session(cmd.sessionId);
            guided.join(cmd.sessionId, me);
            return { id: guided.addCandidate(cmd.sessionId, cmd.name, me) };
          case 'removeCandidate':
            need(role, 'remove names');
            session(cmd.sessionId);
            guided.removeCandidate(cmd.sessionId, cmd.candidateId);
            return {};
          case 'taskFunction':
            need(role, 'edit');
            session(cmd.sessionId);
            guided.setTaskFunction(cmd.sessionId, cmd.text);
            return {};
          case 'end': {
            const s = session(cmd.sessionId, false);
            if (s.endedAt !== null) return { alreadyEnded: true };
            if (s.facilitator.id !== me.id && s.startedBy.id !== me.id && !can(role, 'manage'))
              throw new HttpError(
                403,
                'forbidden',
                'Only the facilitator, the starter or an owner ends it',
              );
            // Open points become comment threads on the SOP, in the same change.
            const points: OpenPoint[] = [];
            for (const p of cmd.openPoints) {
              const threadId = discussion.createThread({
                anchor: { kind: 'sop' },
                author: me,
                body: `[${p.stage}. ${STAGE_NAMES[p.stage] ?? STAGE_KEYS[p.stage]}] ${p.text}`,
                lastText: '',
              });
              points.push({ stage: p.stage, text: p.text, threadId });
            }
            guided.end(cmd.sessionId, me, points);
            return { threadIds: points.map((p) => p.threadId) };
          }
        }
      } finally {
        guided.destroy();
      }
    })
    .catch((err: unknown) => {
      throw httpErrorOf(err);
    });
}
