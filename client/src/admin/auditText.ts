import type { AdminT } from './i18n';
import type { AuditItem } from './types';

/**
 * Audit actions the server writes (dotted names, e.g. `sop.member.set`), in the
 * order the action filter lists them. Labels live in the catalogue under
 * `actions.<name with dots as underscores>`; an action missing here still shows,
 * with a readable fallback.
 */
export const AUDIT_ACTIONS = [
  'setup',
  'login',
  'login.failed',
  'logout',
  'logout.all',
  'profile.updated',
  'password.changed',
  'token.created',
  'token.revoked',
  'agency.updated',
  'agency.logo.set',
  'agency.logo.removed',
  'user.created',
  'user.updated',
  'unit.created',
  'unit.renamed',
  'unit.deleted',
  'unit.member.added',
  'unit.member.removed',
  'unit.chain.set',
  'sop.archived',
  'sop.restored',
  'sop.settings',
  'sop.member.set',
  'sop.member.removed',
  'sop.status',
  'sop.revision',
  'sop.number.set',
  'review.started',
  'review.ended',
  'approval.signed',
  'approval.approved',
  'approval.override',
  'approval.returned',
  'link.created',
  'link.revoked',
  'link.joined',
  'suggestion.accepted',
  'suggestion.rejected',
] as const;

/** "sop.member.set" → "Sop member set": a readable fallback for an action the catalogue lacks. */
function humanize(action: string): string {
  const s = action.replace(/[._-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The verb phrase for an audit action ("<person> <phrase>"). */
export function actionLabel(t: AdminT, action: string): string {
  return t(`actions.${action.replace(/\./g, '_')}`, { defaultValue: humanize(action) });
}

/** Detail keys whose string values are roles or statuses (translated under `values.*`). */
const VALUE_KEYS = new Set(['role', 'unitRole', 'status', 'from', 'to', 'previous']);
/** Detail keys holding ids: shown by name when known, else left out. */
const ID_KEYS = new Set([
  'unitId',
  'userId',
  'approvers',
  'sopId',
  'linkId',
  'actorId',
  'id',
  'versionId',
  'sessionId',
  'threadId',
]);
const ISO = /^\d{4}-\d{2}-\d{2}T/;
/** Flags only worth a mention when set (e.g. a failed login that hit the rate limit). */
const QUIET_WHEN_FALSE = new Set(['limited']);

/** Resolves user and unit ids to names (audit detail and targets). */
export type NameOf = (id: string) => string | undefined;

function valueText(t: AdminT, key: string, v: unknown, nameOf: NameOf, lang: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('values.yes') : t('values.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (ISO.test(v)) {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime()))
        return d.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
          dateStyle: 'medium',
          timeStyle: 'short',
        });
    }
    if (VALUE_KEYS.has(key)) return t(`values.${v}`, { defaultValue: v });
    if (key === 'fields') return t(`detailKeys.${v}`, { defaultValue: v });
    return v;
  }
  if (Array.isArray(v)) {
    // A list of records (e.g. the steps that blocked an approval): how many.
    if (v.some((x) => typeof x === 'object' && x !== null)) return String(v.length);
    return v.map((x) => valueText(t, key, x, nameOf, lang)).join(', ') || '—';
  }
  return JSON.stringify(v);
}

/** The entry's detail as short "label: value" parts (labels from `detailKeys.*`). */
export function detailParts(
  t: AdminT,
  item: AuditItem,
  lang: string,
  nameOf: NameOf = () => undefined,
): string[] {
  const d = item.detail;
  if (d === null || d === undefined || d === '') return [];
  if (typeof d !== 'object' || Array.isArray(d)) return [String(d)];
  const out: string[] = [];
  for (const [k, raw] of Object.entries(d as Record<string, unknown>)) {
    if (raw === false && QUIET_WHEN_FALSE.has(k)) continue;
    let v = raw;
    if (ID_KEYS.has(k)) {
      const ids: unknown[] = Array.isArray(raw) ? raw : [raw];
      if (ids.length === 0) v = t('values.nobody');
      else {
        const names = ids.map((x) => (typeof x === 'string' ? nameOf(x) : undefined));
        if (names.some((n) => n === undefined)) continue;
        v = names.join(' → ');
      }
    }
    const label = t(`detailKeys.${k}`, { defaultValue: k });
    out.push(`${label}: ${valueText(t, k, v, nameOf, lang)}`);
  }
  return out;
}

/**
 * Actions told as one sentence when their detail has these keys, e.g. "memberi
 * Citra akses sebagai pemberi komentar" (catalogue: `phrases.<action>`).
 */
const PHRASES: Readonly<Record<string, readonly string[]>> = {
  'sop.member.set': ['user', 'role'],
  'sop.status': ['from', 'to'],
  'link.created': ['role', 'expiresAt'],
  'link.joined': ['role'],
  'unit.renamed': ['from', 'to'],
  'unit.member.added': ['user', 'unit'],
  'unit.member.removed': ['unit'],
  'unit.created': ['name'],
  'unit.deleted': ['name'],
  'agency.updated': ['name'],
  'approval.returned': ['note'],
  'approval.override': ['reason'],
  'sop.number.set': ['number'],
};

/**
 * What an entry says: a sentence (when the action has one and its detail the
 * values) plus the remaining detail parts; else the action's label and all parts.
 */
export function describeEntry(
  t: AdminT,
  item: AuditItem,
  lang: string,
  nameOf: NameOf = () => undefined,
): { phrase: string; details: string[] } {
  const keys = PHRASES[item.action];
  const d = (item.detail ?? {}) as Record<string, unknown>;
  if (keys && typeof d === 'object' && keys.every((k) => typeof d[k] === 'string' && d[k])) {
    const vars: Record<string, string> = {};
    for (const k of keys) vars[k] = valueText(t, k, d[k], nameOf, lang);
    const rest = Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k)));
    return {
      phrase: t(`phrases.${item.action.replace(/\./g, '_')}`, {
        ...vars,
        defaultValue: actionLabel(t, item.action),
      }),
      details: detailParts(t, { ...item, detail: rest }, lang, nameOf),
    };
  }
  return { phrase: actionLabel(t, item.action), details: detailParts(t, item, lang, nameOf) };
}

/** Broad kind of an action, for its icon and colour in timelines. */
export type ActionKind =
  | 'approval'
  | 'access'
  | 'link'
  | 'content'
  | 'lifecycle'
  | 'account'
  | 'other';

export function actionKind(action: string): ActionKind {
  const a = action.toLowerCase();
  if (/link|join|guest/.test(a)) return 'link';
  if (/approv|sign|override|return|revision|revoke|supersede/.test(a)) return 'approval';
  if (/member|role|share|settings|access|chain/.test(a)) return 'access';
  if (/archiv|restor|delet|creat|import/.test(a)) return 'lifecycle';
  if (/login|logout|password|user|token|setup|session|profile/.test(a)) return 'account';
  if (/version|review|status|edit/.test(a)) return 'content';
  return 'other';
}

/** The entry's target as a person reads it: a known user or unit, or an email; else null. */
export function targetText(item: AuditItem, nameOf: NameOf): string | null {
  if (!item.target) return null;
  return nameOf(item.target) ?? (item.target.includes('@') ? item.target : null);
}
