/**
 * Request validation with valibot: the schemas are the single source of the request
 * types (`v.InferOutput`), and every failure answers the same path-precise JSON:
 * `{ error: { code, message }, issues: [{ path, message }] }`.
 */
import * as v from 'valibot';
import { HttpError } from './errors.js';

export interface Issue {
  /** Dotted path with indexes, e.g. `steps[3].time.amount`; `` for the whole value. */
  path: string;
  message: string;
}

/** Issues of a failed parse as `{path, message}` (paths like `a.b[2].c`). */
export function issuesOf(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  return issues.map((i) => {
    let path = '';
    for (const item of i.path ?? []) {
      const key = (item as { key?: unknown }).key;
      if (typeof key === 'number') path += `[${key}]`;
      else path += path ? `.${String(key)}` : String(key);
    }
    return { path, message: i.message };
  });
}

export interface ParseOptions {
  /** HTTP status of a failure (default 422). */
  status?: number;
  /** Error code of a failure (default `invalid_body`). */
  code?: string;
  /** What was parsed, for the message (default `body`). */
  what?: string;
}

/** Parses `input` or throws a 422 {@link HttpError} listing every issue. */
export function parseOr<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  opts: ParseOptions = {},
): v.InferOutput<S> {
  const r = v.safeParse(schema, input);
  if (r.success) return r.output;
  const issues = issuesOf(r.issues);
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  throw new HttpError(
    opts.status ?? 422,
    opts.code ?? 'invalid_body',
    `Invalid ${opts.what ?? 'body'}: ${summary}`,
    { issues },
  );
}

/** Common field schemas. */
export const fields = {
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  email: v.pipe(
    v.string(),
    v.trim(),
    v.toLowerCase(),
    v.maxLength(254),
    v.email('not an email address'),
  ),
  /** NIP: 18 digits (spaces allowed as printed); '' or null means none. */
  nip: v.nullish(
    v.pipe(
      v.string(),
      v.transform((s) => s.replace(/\s+/g, '')),
      v.check((s) => s === '' || /^\d{18}$/.test(s), 'NIP must be 18 digits'),
      v.transform((s) => (s === '' ? null : s)),
    ),
  ),
  title: v.pipe(v.string(), v.trim(), v.maxLength(300)),
  password: v.pipe(
    v.string(),
    v.minLength(8, 'must be at least 8 characters'),
    v.maxLength(256, 'must be at most 256 characters'),
  ),
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id')),
  isoDate: v.pipe(v.string(), v.isoDate('expected a date YYYY-MM-DD')),
};
