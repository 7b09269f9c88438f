/** Codes of errors the model API throws for refused operations. */
export type ModelErrorCode =
  | 'actor-in-use'
  | 'unknown-actor'
  | 'unknown-step'
  | 'unknown-list-item'
  | 'unknown-section'
  | 'not-a-decision'
  | 'decision-target-self'
  | 'schema-too-new'
  | 'invalid-snapshot';

/**
 * A refused model operation. `code` is stable (UI maps it to a message);
 * `details` carries ids, e.g. `{ stepIds }` for `actor-in-use`.
 */
export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ModelErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
    this.details = details;
  }
}
