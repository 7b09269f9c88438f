/**
 * Typed transaction origins. Persistence, undo and observers tell changes apart
 * by origin: undo tracks only `local`, so it never reverts a collaborator's edit.
 * Plain string tags (not objects) so they survive logging and are equal across
 * module instances.
 */
export const Origin = {
  /** An edit made by this user through the model API. */
  local: 'susun:local',
  /** An update received from another replica (server or peer). */
  remote: 'susun:remote',
  /** State loaded from storage (IndexedDB, SQLite). */
  load: 'susun:load',
  /** A document built from an imported snapshot. */
  import: 'susun:import',
  /** Schema migrations applied on load. */
  migrate: 'susun:migrate',
  /** A document created from a template. */
  template: 'susun:template',
} as const;

export type OriginTag = (typeof Origin)[keyof typeof Origin];
