/**
 * The commands of a guided drafting meeting (`POST /api/sops/:id/guided` `{op, ...}`,
 * issue 18): one valibot variant on `op`. Authors, times and rights are the server's.
 */
import * as v from 'valibot';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id'));
const Stage = v.picklist([1, 2, 3, 4, 5] as const, 'a stage from 1 to 5');
const Line = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `at most ${max} characters`),
  );

export const GuidedCommandSchema = v.variant('op', [
  v.object({ op: v.literal('start') }),
  v.object({ op: v.literal('join'), sessionId: Id }),
  v.object({ op: v.literal('stage'), sessionId: Id, stage: Stage }),
  v.object({ op: v.literal('takeOver'), sessionId: Id }),
  v.object({
    op: v.literal('timebox'),
    sessionId: Id,
    stage: Stage,
    /** Minutes for the stage; null clears it. */
    minutes: v.nullable(
      v.pipe(v.number(), v.integer('whole minutes'), v.minValue(1), v.maxValue(600)),
    ),
  }),
  v.object({ op: v.literal('decision'), sessionId: Id, stage: Stage, text: Line(2000) }),
  v.object({ op: v.literal('removeDecision'), sessionId: Id, decisionId: Id }),
  v.object({ op: v.literal('candidate'), sessionId: Id, name: Line(500) }),
  v.object({ op: v.literal('removeCandidate'), sessionId: Id, candidateId: Id }),
  v.object({
    op: v.literal('taskFunction'),
    sessionId: Id,
    text: v.pipe(v.string(), v.maxLength(5000, 'at most 5000 characters')),
  }),
  v.object({
    op: v.literal('end'),
    sessionId: Id,
    /** Open points to write as comments on the SOP (one thread each). */
    openPoints: v.optional(
      v.pipe(
        v.array(v.object({ stage: Stage, text: Line(2000) })),
        v.maxLength(100, 'at most 100 open points'),
      ),
      [],
    ),
  }),
]);

export type GuidedCommand = v.InferOutput<typeof GuidedCommandSchema>;
