/** Transaction origins the rooms give their own changes (typed, so the update path can tell them apart). */

/** Updates replayed from storage: never stored again. */
export const LOAD_ORIGIN = Symbol('load');
/** Server-side changes (REST) made through a room. */
export const SERVER_ORIGIN = Symbol('server');
/**
 * Stored updates and presence that came from another process (fan-out) or were read
 * back from storage to catch up: already stored, so the write pipeline never stores them
 * again, but they are broadcast to this process's connections; never published again.
 */
export const REMOTE_ORIGIN = Symbol('remote');
