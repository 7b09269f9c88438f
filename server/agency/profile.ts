/**
 * The agency profile administrators edit (issue 14): the letterhead lines (*kop*), the
 * default *Disahkan oleh* title and the SOP numbering rule. Stored as one JSON value in
 * the settings store (`agency.profile`); read tolerantly (a missing or damaged value
 * gives the defaults). The agency's name stays where accounts keep it (`/api/agency`).
 */
import * as v from 'valibot';
import { DEFAULT_PATTERN, patternProblem } from '../../shared/agency/numberPattern.js';
import type { SettingsStore } from '../storage/settings.js';

export interface NumberingRule {
  /** e.g. `{prefix}/{unit}/{year}/{seq:3}`; empty: SOPs get no number on creation. */
  pattern: string;
  /** Replaces `{prefix}`. */
  prefix: string;
  /** Unit id → the code `{unit}` stands for (default: the unit name's initials). */
  unitCodes: Record<string, string>;
}

export interface AgencyProfile {
  /** Letterhead lines, top to bottom. */
  lines: string[];
  /** Fills *Disahkan oleh* (jabatan) when the approver's own profile has no title. */
  approverTitle: string;
  numbering: NumberingRule;
}

export const DEFAULT_PROFILE: Readonly<AgencyProfile> = Object.freeze({
  lines: [],
  approverTitle: '',
  numbering: { pattern: DEFAULT_PATTERN, prefix: 'SOP', unitCodes: {} },
});

const KEY = 'agency.profile';

export const MAX_LINES = 6;
const line = v.pipe(v.string(), v.trim(), v.maxLength(200, 'at most 200 characters'));
const code = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(20, 'at most 20 characters'),
  v.regex(/^[^{}\s]*$/, 'no spaces or braces'),
);

const patternSchema = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(100, 'at most 100 characters'),
  v.check((p) => patternProblem(p) === null, 'invalid numbering pattern'),
);

/** PATCH body fields of the profile (every one optional). */
export const ProfilePatch = v.object({
  lines: v.optional(v.pipe(v.array(line), v.maxLength(MAX_LINES, `at most ${MAX_LINES} lines`))),
  approverTitle: v.optional(line),
  numbering: v.optional(
    v.object({
      pattern: v.optional(patternSchema),
      prefix: v.optional(code),
      unitCodes: v.optional(
        v.pipe(
          v.record(v.pipe(v.string(), v.maxLength(64)), code),
          v.check((r) => Object.keys(r).length <= 500, 'too many units'),
        ),
      ),
    }),
  ),
});
export type ProfilePatch = v.InferOutput<typeof ProfilePatch>;

const Stored = v.object({
  lines: v.optional(v.array(v.string()), []),
  approverTitle: v.optional(v.string(), ''),
  numbering: v.optional(
    v.object({
      pattern: v.optional(v.string(), DEFAULT_PATTERN),
      prefix: v.optional(v.string(), 'SOP'),
      unitCodes: v.optional(v.record(v.string(), v.string()), {}),
    }),
    DEFAULT_PROFILE.numbering,
  ),
});

export async function readProfile(settings: SettingsStore): Promise<AgencyProfile> {
  const raw = await settings.getSetting(KEY);
  if (raw === null) return structuredClone(DEFAULT_PROFILE) as AgencyProfile;
  try {
    const r = v.safeParse(Stored, JSON.parse(raw));
    if (r.success) return structuredClone(r.output);
  } catch {
    // damaged JSON: the defaults
  }
  return structuredClone(DEFAULT_PROFILE) as AgencyProfile;
}

/** Applies `patch` and stores the result; returns it. */
export async function writeProfile(
  settings: SettingsStore,
  patch: ProfilePatch,
): Promise<AgencyProfile> {
  const cur = await readProfile(settings);
  const next: AgencyProfile = {
    lines: patch.lines ? patch.lines.filter((l) => l !== '') : cur.lines,
    approverTitle: patch.approverTitle ?? cur.approverTitle,
    numbering: {
      pattern: patch.numbering?.pattern ?? cur.numbering.pattern,
      prefix: patch.numbering?.prefix ?? cur.numbering.prefix,
      unitCodes: patch.numbering?.unitCodes
        ? Object.fromEntries(Object.entries(patch.numbering.unitCodes).filter(([, c]) => c !== ''))
        : cur.numbering.unitCodes,
    },
  };
  await settings.setSetting(KEY, JSON.stringify(next));
  return next;
}
