/**
 * The commands a client sends to change an SOP's discussion (`POST
 * /api/sops/:id/discussion`): one valibot variant on `op`, the single source of the
 * command types. Authors, times and rights are the server's; nothing here names an
 * author.
 */
import * as v from 'valibot';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id'));
const Body = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(20_000, 'at most 20,000 characters'),
);
const STEP_FIELDS = ['activity', 'requirements', 'output', 'notes', 'time', 'actor'] as const;
const IDENTITY_FIELDS = [
  'number',
  'name',
  'agency',
  'unit',
  'createdDate',
  'revisedDate',
  'effectiveDate',
  'approvedBy',
  'legalBasis',
  'executorQualifications',
  'relatedSops',
  'equipment',
  'warnings',
  'records',
] as const;

export const AnchorSchema = v.variant('kind', [
  v.object({ kind: v.literal('step'), stepId: Id, field: v.optional(v.picklist(STEP_FIELDS)) }),
  v.object({ kind: v.literal('identity'), field: v.picklist(IDENTITY_FIELDS) }),
  v.object({
    kind: v.literal('narrative'),
    section: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a section key')),
    start: v.pipe(v.string(), v.maxLength(2000)),
    end: v.pipe(v.string(), v.maxLength(2000)),
    quote: v.pipe(v.string(), v.maxLength(5000)),
  }),
  v.object({ kind: v.literal('sop') }),
]);

export const CommandSchema = v.variant('op', [
  v.object({
    op: v.literal('createThread'),
    threadId: v.optional(Id),
    anchor: AnchorSchema,
    body: Body,
  }),
  v.object({ op: v.literal('reply'), threadId: Id, body: Body }),
  v.object({ op: v.literal('editMessage'), threadId: Id, messageId: Id, body: Body }),
  v.object({ op: v.literal('deleteMessage'), threadId: Id, messageId: Id }),
  v.object({ op: v.literal('resolve'), threadId: Id }),
  v.object({ op: v.literal('reopen'), threadId: Id }),
  v.object({ op: v.literal('markRead'), threadId: Id, upToMessageId: v.optional(Id) }),
  v.object({
    op: v.literal('recordStepText'),
    stepId: Id,
    text: v.pipe(v.string(), v.maxLength(20_000)),
  }),
  v.object({ op: v.literal('reviewStart') }),
  v.object({ op: v.literal('reviewJoin'), sessionId: Id }),
  v.object({
    op: v.literal('reviewPresenter'),
    sessionId: Id,
    userId: v.pipe(v.string(), v.maxLength(80)),
  }),
  v.object({ op: v.literal('reviewTakeOver'), sessionId: Id }),
  v.object({ op: v.literal('reviewAt'), sessionId: Id, stepId: v.nullable(Id) }),
  v.object({
    op: v.literal('reviewVerdict'),
    sessionId: Id,
    stepId: Id,
    verdict: v.picklist(['agree', 'change']),
    comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20_000))),
    /** With 'change': proposed new wording of one text cell of the step (issue 16). */
    suggestion: v.optional(
      v.object({
        field: v.picklist(['activity', 'requirements', 'output', 'notes']),
        text: v.pipe(v.string(), v.maxLength(20_000)),
      }),
    ),
  }),
  v.object({ op: v.literal('reviewClearVerdict'), sessionId: Id, stepId: Id }),
  v.object({ op: v.literal('reviewEnd'), sessionId: Id }),
]);

export type Command = v.InferOutput<typeof CommandSchema>;
