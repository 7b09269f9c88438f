/**
 * The catalogue fields of an SOP's listing row (issue 17), read straight from its Y.Doc
 * like the rest of the listing summary: the effective date, the next review date and the
 * search text. Written whenever the room refreshes the listing row (debounced, see
 * rooms/metaWriter.ts) and when an SOP is created or imported, so a search never has to
 * load a document.
 *
 * Next review date: the regulation asks for an evaluation of each SOP in force every year
 * (sop-format.md §3), so an approved SOP is due for review one year after its Tanggal
 * Efektif; SOPs not in force (draft, in review, revoked, superseded) have none.
 *
 * Reads are total: a field of the wrong type is read as empty, never thrown on.
 */
import * as Y from 'yjs';
import { peek, STEP_TEXT_FIELDS } from '../../shared/model/layout.js';
import type { SopSnapshot } from '../../shared/model/types.js';
import type { CatalogueFields } from '../storage/sopIndex.js';

/** Longest search text kept per SOP (characters); a 300-step SOP stays well under it. */
export const MAX_SEARCH_TEXT = 200_000;
/** Months from the effective date to the next review. */
export const REVIEW_MONTHS = 12;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `day` (YYYY-MM-DD) if it is a real calendar day, else ''. */
export function isoDay(day: string): string {
  const m = ISO_DAY.exec(day.trim());
  if (!m) return '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day.trim() ? day.trim() : '';
}

/** `day` plus `months` (clamped to the month's last day: 2028-02-29 + 12 → 2029-02-28). */
export function addMonths(day: string, months: number): string {
  const m = ISO_DAY.exec(day);
  if (!m) return '';
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1 + months;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, mo, Math.min(Number(m[3]), last)));
  return d.toISOString().slice(0, 10);
}

/** Next review date of an SOP with this status and effective date ('' for none). */
export function reviewDateOf(status: string, effectiveDate: string): string {
  return status === 'approved' && effectiveDate ? addMonths(effectiveDate, REVIEW_MONTHS) : '';
}

function safe<T>(fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function textOf(v: unknown): string {
  return v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '';
}

/** Collects search text up to {@link MAX_SEARCH_TEXT}. */
class SearchText {
  private readonly parts: string[] = [];
  private size = 0;
  add(s: string): void {
    if (!s || this.size >= MAX_SEARCH_TEXT) return;
    this.parts.push(s);
    this.size += s.length + 1;
  }
  toString(): string {
    return this.parts
      .join('\n')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_SEARCH_TEXT);
  }
}

function fields(status: unknown, effective: string, text: SearchText): CatalogueFields {
  const effectiveDate = isoDay(effective);
  return {
    effectiveDate,
    reviewDate: reviewDateOf(typeof status === 'string' ? status : '', effectiveDate),
    searchText: text.toString(),
  };
}

/** The catalogue fields of an SOP document. Never throws. */
export function catalogueFields(doc: Y.Doc): CatalogueFields {
  // Peeked: reading creates no root in a loaded document (see `peek`).
  const ident = (f: 'name' | 'number' | 'effectiveDate' | 'unit') =>
    safe('', () => peek.identityText(doc, f)?.toString() ?? '');
  const text = new SearchText();
  for (const f of ['name', 'number', 'unit'] as const) text.add(ident(f));
  safe(undefined, () => {
    for (const a of peek.actors(doc)?.values() ?? [])
      if (a instanceof Y.Map) text.add(textOf(a.get('name')));
  });
  safe(undefined, () => {
    for (const st of peek.steps(doc)?.values() ?? []) {
      if (!(st instanceof Y.Map)) continue;
      for (const f of STEP_TEXT_FIELDS) text.add(textOf(st.get(f)));
    }
  });
  return fields(
    safe('', () => peek.meta(doc)?.get('status')),
    ident('effectiveDate'),
    text,
  );
}

/** The same fields from a snapshot (indexing SOPs stored before the catalogue). */
export function catalogueFieldsOf(s: SopSnapshot): CatalogueFields {
  const text = new SearchText();
  text.add(s.identity.name);
  text.add(s.identity.number);
  text.add(s.identity.unit);
  for (const a of s.actors) text.add(a.name);
  for (const st of s.steps) for (const f of STEP_TEXT_FIELDS) text.add(st[f]);
  return fields(s.meta.status, s.identity.effectiveDate, text);
}
