/**
 * Request bodies of the suggestion routes (`/api/sops/:id/suggestions...`, issue 16):
 * valibot schemas, the single source of their types. Nothing here names an author or a
 * time: those are the server's.
 */
import * as v from 'valibot';
import { LIST_BOXES } from '../../shared/model/index.js';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id'));
const Text = v.pipe(v.string(), v.maxLength(20_000, 'at most 20,000 characters'));
const StepKind = v.picklist(['terminator', 'process', 'decision']);
const Time = v.object({
  amount: v.nullable(
    v.pipe(
      v.number(),
      v.finite('must be a finite number'),
      v.minValue(0, 'must not be negative'),
      v.maxValue(1_000_000, 'at most 1,000,000'),
    ),
  ),
  unit: v.picklist(['minute', 'hour', 'day', 'week', 'month', 'year']),
});
export const STEP_TEXT = ['activity', 'requirements', 'output', 'notes'] as const;
const IDENTITY_TEXT = [
  'number',
  'name',
  'agency',
  'unit',
  'createdDate',
  'revisedDate',
  'effectiveDate',
] as const;

export const ChangeSchema = v.variant('kind', [
  v.object({ kind: v.literal('stepText'), stepId: Id, field: v.picklist(STEP_TEXT), text: Text }),
  v.object({ kind: v.literal('stepTime'), stepId: Id, time: Time }),
  v.object({
    kind: v.literal('stepActor'),
    stepId: Id,
    actorId: v.nullable(Id),
    stepKind: StepKind,
  }),
  v.object({
    kind: v.literal('insertStep'),
    afterStepId: v.nullable(Id),
    step: v.object({
      kind: v.optional(StepKind, 'process'),
      actorId: v.optional(v.nullable(Id), null),
      activity: Text,
      requirements: v.optional(Text, ''),
      output: v.optional(Text, ''),
      notes: v.optional(Text, ''),
      time: v.optional(Time, { amount: null, unit: 'minute' }),
    }),
  }),
  v.object({ kind: v.literal('deleteStep'), stepId: Id }),
  v.object({ kind: v.literal('moveStep'), stepId: Id, afterStepId: v.nullable(Id) }),
  v.object({ kind: v.literal('identityText'), field: v.picklist(IDENTITY_TEXT), text: Text }),
  v.object({
    kind: v.literal('identityList'),
    box: v.picklist(LIST_BOXES),
    items: v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(5_000))),
      v.maxLength(200, 'at most 200 items'),
    ),
  }),
  v.object({
    kind: v.literal('narrative'),
    section: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a section key')),
    start: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
    end: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
    text: Text,
  }),
]);

/** What `POST /suggestions` takes besides the change itself (same body, flat). */
export const CreateExtrasSchema = v.object({
  id: v.optional(Id),
  /** Starts the suggestion's thread (why the change is proposed). */
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20_000))),
});

export const AcceptSchema = v.object({
  /** Accept even though the text it was made against has changed since. */
  confirmStale: v.optional(v.boolean(), false),
});

export const BulkSchema = v.object({
  action: v.picklist(['accept', 'reject']),
  /** Every open suggestion of this person. */
  authorId: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  confirmStale: v.optional(v.boolean(), false),
});

export const DiscussSchema = v.object({
  body: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(20_000, 'at most 20,000 characters'),
  ),
});

export const ListQuerySchema = v.object({
  status: v.optional(v.picklist(['open', 'resolved', 'all']), 'all'),
});
