/**
 * SOP numbering patterns (issue 14), shared by the server (which assigns numbers) and
 * the administration screen (which previews them): `{prefix}`, `{unit}`, `{year}`,
 * `{month}` and exactly one `{seq}` / `{seq:N}` (the counter, zero-padded to N digits).
 */

export interface NumberParts {
  prefix: string;
  unit: string;
  year: string;
  month: string;
}

export const DEFAULT_PATTERN = '{prefix}/{unit}/{year}/{seq:3}';

const TOKEN = /\{([a-z]+)(?::(\d+))?\}/g;
const TOKENS = new Set(['prefix', 'unit', 'year', 'month', 'seq']);
const REPEATED_SEPARATORS = /([/\-._])\1+/g;
const END_SEPARATORS = /^[/\-._]+|[/\-._]+$/g;

/** Why a numbering pattern cannot be used, or null ('' is allowed: numbering off). */
export function patternProblem(pattern: string): string | null {
  if (pattern === '') return null;
  let seqs = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    const name = m[1] ?? '';
    if (!TOKENS.has(name)) return `unknown placeholder {${name}}`;
    if (m[2] !== undefined && name !== 'seq') return `{${name}} takes no width`;
    if (name === 'seq') {
      seqs++;
      const w = Number(m[2] ?? '1');
      if (w < 1 || w > 8) return '{seq:N}: N must be 1 to 8';
    }
  }
  if (seqs !== 1) return 'the pattern needs {seq} (or {seq:N}) exactly once';
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) return 'unbalanced braces';
  return null;
}

/**
 * The pattern filled in; `seq` null keeps a `{seq}` marker (the counter's scope). An
 * empty part (an SOP without a unit) would leave two separators side by side, or one at
 * an end: they are folded.
 */
export function renderNumber(pattern: string, parts: NumberParts, seq: number | null): string {
  const out = pattern.replace(TOKEN, (all, name: string, width?: string) => {
    if (name === 'seq')
      return seq === null ? '{seq}' : String(seq).padStart(Number(width ?? 1), '0');
    if (name === 'prefix' || name === 'unit' || name === 'year' || name === 'month')
      return parts[name];
    return all;
  });
  return out.replace(REPEATED_SEPARATORS, '$1').replace(END_SEPARATORS, '');
}

/** A unit's default code: the initials of its name ("Bidang Kearsipan" → "BK"). */
export function unitCodeFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase()
    .slice(0, 10);
}

/** Year and month parts of a date (local time). */
export function dateParts(d: Date): Pick<NumberParts, 'year' | 'month'> {
  return { year: String(d.getFullYear()), month: String(d.getMonth() + 1).padStart(2, '0') };
}
