/**
 * Shape check of untrusted JSON (REST import) before `fromSnapshot`. Reports
 * every problem with its path, e.g. `steps[3].time.unit: expected one of ...`.
 * Semantic problems (dangling targets, missing terminators) are not errors
 * here — `validate()` reports those.
 */
import { STATUSES, TEMPLATES } from './meta.js';
import { MAX_RICH_TEXT_DEPTH } from './richText.js';
import { STEP_KINDS, TIME_UNITS } from './steps.js';
import { SCHEMA_VERSION, type SopSnapshot } from './types.js';

export type ParseResult = { ok: true; value: SopSnapshot } | { ok: false; errors: string[] };

const MAX_ITEMS = 2000;
const MAX_STRING = 100_000;
/** Same limit as reads (a snapshot read from any doc can be imported again). */
const MAX_DEPTH = MAX_RICH_TEXT_DEPTH;
const RELATED = ['follow-on', 'prerequisite', 'related', 'part-of'];
const SECTION_KEY = /^[A-Za-z0-9_-]{1,64}$/;

type Obj = Record<string, unknown>;

class Checker {
  errors: string[] = [];

  fail(path: string, msg: string): void {
    if (this.errors.length < 50) this.errors.push(`${path}: ${msg}`);
  }

  obj(v: unknown, path: string): Obj | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    this.fail(path, `expected an object, got ${describe(v)}`);
    return undefined;
  }

  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) {
      this.fail(path, `expected an array, got ${describe(v)}`);
      return [];
    }
    if (v.length > MAX_ITEMS) this.fail(path, `too many items (${v.length} > ${MAX_ITEMS})`);
    return v;
  }

  str(v: unknown, path: string): void {
    if (typeof v !== 'string') this.fail(path, `expected a string, got ${describe(v)}`);
    else if (v.length > MAX_STRING)
      this.fail(path, `string too long (${v.length} > ${MAX_STRING})`);
  }

  oneOf(v: unknown, allowed: readonly string[], path: string): void {
    if (typeof v !== 'string' || !allowed.includes(v)) {
      this.fail(path, `expected one of ${allowed.join(', ')}, got ${describe(v)}`);
    }
  }

  strOrNull(v: unknown, path: string): void {
    if (v !== null && typeof v !== 'string')
      this.fail(path, `expected a string or null, got ${describe(v)}`);
  }

  rich(v: unknown, path: string, depth: number): void {
    const o = this.obj(v, path);
    if (!o) return;
    if (depth > MAX_DEPTH) {
      this.fail(path, 'nested too deeply');
      return;
    }
    this.str(o.type, `${path}.type`);
    if (o.attrs !== undefined) this.obj(o.attrs, `${path}.attrs`);
    if (o.text !== undefined) this.str(o.text, `${path}.text`);
    if (o.marks !== undefined) {
      this.arr(o.marks, `${path}.marks`).forEach((m, i) => {
        const mo = this.obj(m, `${path}.marks[${i}]`);
        if (mo) this.str(mo.type, `${path}.marks[${i}].type`);
      });
    }
    if (o.content !== undefined)
      this.arr(o.content, `${path}.content`).forEach((c, i) => {
        this.rich(c, `${path}.content[${i}]`, depth + 1);
      });
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function uniqueIds(c: Checker, items: unknown[], path: string): void {
  const seen = new Set<unknown>();
  items.forEach((it, i) => {
    const id = (it as Obj | null)?.id;
    if (typeof id === 'string' && seen.has(id))
      c.fail(`${path}[${i}].id`, `duplicate id ${JSON.stringify(id)}`);
    seen.add(id);
  });
}

/** Check that `input` is a well-formed `SopSnapshot`. */
export function parseSnapshot(input: unknown): ParseResult {
  const c = new Checker();
  const root = c.obj(input, '$');
  if (!root) return { ok: false, errors: c.errors };
  const meta = c.obj(root.meta, 'meta');
  if (meta) {
    if (typeof meta.schemaVersion !== 'number') {
      c.fail('meta.schemaVersion', `expected a number, got ${describe(meta.schemaVersion)}`);
    } else if (meta.schemaVersion > SCHEMA_VERSION) {
      c.fail(
        'meta.schemaVersion',
        `${meta.schemaVersion} is newer than supported ${SCHEMA_VERSION}`,
      );
    }
    c.oneOf(meta.template, TEMPLATES, 'meta.template');
    c.oneOf(meta.status, STATUSES, 'meta.status');
    c.str(meta.createdAt, 'meta.createdAt');
    c.str(meta.updatedAt, 'meta.updatedAt');
  }
  const id = c.obj(root.identity, 'identity');
  if (id) {
    for (const f of [
      'number',
      'name',
      'agency',
      'unit',
      'createdDate',
      'revisedDate',
      'effectiveDate',
    ])
      c.str(id[f], `identity.${f}`);
    const ab = c.obj(id.approvedBy, 'identity.approvedBy');
    if (ab) for (const f of ['title', 'name', 'nip']) c.str(ab[f], `identity.approvedBy.${f}`);
    for (const f of ['legalBasis', 'executorQualifications', 'equipment', 'warnings', 'records']) {
      c.arr(id[f], `identity.${f}`).forEach((v, i) => {
        c.str(v, `identity.${f}[${i}]`);
      });
    }
    c.arr(id.relatedSops, 'identity.relatedSops').forEach((v, i) => {
      const r = c.obj(v, `identity.relatedSops[${i}]`);
      if (!r) return;
      c.oneOf(r.type, RELATED, `identity.relatedSops[${i}].type`);
      c.str(r.text, `identity.relatedSops[${i}].text`);
      if (r.sopId !== undefined) c.str(r.sopId, `identity.relatedSops[${i}].sopId`);
    });
  }
  const actors = c.arr(root.actors, 'actors');
  actors.forEach((v, i) => {
    const a = c.obj(v, `actors[${i}]`);
    if (!a) return;
    c.str(a.id, `actors[${i}].id`);
    c.str(a.name, `actors[${i}].name`);
  });
  uniqueIds(c, actors, 'actors');
  const steps = c.arr(root.steps, 'steps');
  steps.forEach((v, i) => {
    const p = `steps[${i}]`;
    const s = c.obj(v, p);
    if (!s) return;
    c.str(s.id, `${p}.id`);
    c.oneOf(s.kind, STEP_KINDS, `${p}.kind`);
    c.strOrNull(s.actorId, `${p}.actorId`);
    for (const f of ['activity', 'requirements', 'output', 'notes']) c.str(s[f], `${p}.${f}`);
    const t = c.obj(s.time, `${p}.time`);
    if (t) {
      if (t.amount !== null && (typeof t.amount !== 'number' || !Number.isFinite(t.amount))) {
        c.fail(`${p}.time.amount`, `expected a number or null, got ${describe(t.amount)}`);
      }
      c.oneOf(t.unit, TIME_UNITS, `${p}.time.unit`);
    }
    c.strOrNull(s.yes, `${p}.yes`);
    c.strOrNull(s.no, `${p}.no`);
  });
  uniqueIds(c, steps, 'steps');
  const narrative = c.arr(root.narrative, 'narrative');
  const keys = new Set<unknown>();
  narrative.forEach((v, i) => {
    const n = c.obj(v, `narrative[${i}]`);
    if (!n) return;
    if (typeof n.key !== 'string' || !SECTION_KEY.test(n.key))
      c.fail(`narrative[${i}].key`, `expected a key like "purpose", got ${describe(n.key)}`);
    else if (keys.has(n.key))
      c.fail(`narrative[${i}].key`, `duplicate section ${JSON.stringify(n.key)}`);
    keys.add(n.key);
    c.rich(n.content, `narrative[${i}].content`, 0);
  });
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, value: input as SopSnapshot };
}
