/**
 * Total reads: every reader in shared/model skips what it cannot read and says so
 * through a {@link SkipReporter} instead of throwing. Why: the document is written by
 * every editor's replica; one entry of the wrong type (`steps.set('bogus', 'x')`) or one
 * absurdly deep narrative must not turn REST, exports, versions or the editor into a 500
 * or a crash for everyone. The server logs and counts what is reported; the client
 * passes nothing (the default ignores reports) and simply does not show the entry.
 */
import * as Y from 'yjs';

/**
 * Told about one thing a read left out: `path` says where (`steps.s_1`,
 * `narrative.purpose[2]`, `meta.schemaVersion`, a root name), `why` what was wrong.
 */
export type SkipReporter = (path: string, why: string) => void;

/** The default reporter: ignore. */
export const ignoreSkips: SkipReporter = () => {};

/** A short name for a value's type, for reports (`string`, `Y.Text`, `Uint8Array`, ...). */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Y.XmlHook) return 'Y.XmlHook';
  if (v instanceof Y.XmlElement) return 'Y.XmlElement';
  if (v instanceof Y.XmlText) return 'Y.XmlText';
  if (v instanceof Y.XmlFragment) return 'Y.XmlFragment';
  if (v instanceof Y.Text) return 'Y.Text';
  if (v instanceof Y.Map) return 'Y.Map';
  if (v instanceof Y.Array) return 'Y.Array';
  if (v instanceof Y.Doc) return 'Y.Doc';
  if (v instanceof Uint8Array) return 'Uint8Array';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `fn()`, or `fallback` when it throws (reported as `path`). The last line of defence
 * around each part of a snapshot: the readers below it are written not to throw.
 */
export function guarded<T>(onSkip: SkipReporter, path: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    onSkip(path, `unreadable: ${message(err)}`);
    return fallback;
  }
}

/** Wraps a reporter so that each (path, why) is reported once (long-lived client views). */
export function reportOnce(onSkip: SkipReporter): SkipReporter {
  const seen = new Set<string>();
  return (path, why) => {
    const key = `${path}\u0000${why}`;
    if (seen.has(key)) return;
    if (seen.size < 10_000) seen.add(key);
    onSkip(path, why);
  };
}
