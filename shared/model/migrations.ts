/**
 * Schema migrations, one small function per version step, applied on load.
 *
 * Run them where the document is loaded from storage (the server room, before
 * the first client syncs), not in every client: a migration writes values, and
 * a client migrating a not-yet-synced doc would race the server's real state.
 * Each step is deterministic and idempotent, so two processes applying the
 * same step concurrently still converge.
 */
import type * as Y from 'yjs';
import { ModelError } from './errors.js';
import { root } from './layout.js';
import { Origin } from './origins.js';
import { SCHEMA_VERSION, type TimeUnit } from './types.js';

const UNIT_WORDS: Record<string, TimeUnit> = {
  minute: 'minute',
  minutes: 'minute',
  menit: 'minute',
  hour: 'hour',
  hours: 'hour',
  jam: 'hour',
  day: 'day',
  days: 'day',
  hari: 'day',
  week: 'week',
  weeks: 'week',
  minggu: 'week',
  month: 'month',
  months: 'month',
  bulan: 'month',
  year: 'year',
  years: 'year',
  tahun: 'year',
};

/**
 * v0 (prototype) → v1: v0 stored a step's Waktu as one free string `time`
 * ("15 menit", "2 hours") and had no `schemaVersion`/`status` in meta.
 * v1 has `timeAmount` (number | null) and `timeUnit`, and a status.
 */
function v0ToV1(doc: Y.Doc): void {
  for (const m of root.steps(doc).values()) {
    const t = m.get('time');
    if (typeof t !== 'string') continue;
    const match = /^\s*(\d+(?:[.,]\d+)?)\s*([A-Za-z]*)/.exec(t);
    const amount = match?.[1] ? Number(match[1].replace(',', '.')) : null;
    const unit = UNIT_WORDS[(match?.[2] ?? '').toLowerCase()] ?? 'minute';
    m.set('timeAmount', amount);
    m.set('timeUnit', unit);
    m.delete('time');
  }
  const meta = root.meta(doc);
  if (typeof meta.get('status') !== 'string') meta.set('status', 'draft');
  if (typeof meta.get('template') !== 'string') meta.set('template', 'sop-ap');
}

/** `MIGRATIONS[v]` upgrades a doc from version v to v + 1. */
export const MIGRATIONS: ReadonlyArray<(doc: Y.Doc) => void> = [v0ToV1];

/** The schema version stored in a doc (0 when absent). */
export function schemaVersionOf(doc: Y.Doc): number {
  const v = root.meta(doc).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/**
 * Bring a loaded doc to `SCHEMA_VERSION`, one step per transaction (origin
 * `Origin.migrate`). An empty doc is left alone. Throws `schema-too-new` for a
 * doc written by a newer Susun.
 */
export function migrate(doc: Y.Doc): { from: number; to: number } {
  const from = schemaVersionOf(doc);
  if (doc.store.clients.size === 0) return { from: SCHEMA_VERSION, to: SCHEMA_VERSION };
  if (from > SCHEMA_VERSION) {
    throw new ModelError(
      'schema-too-new',
      `document schema ${from} is newer than ${SCHEMA_VERSION}`,
      {
        version: from,
      },
    );
  }
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`missing migration ${v} → ${v + 1}`);
    doc.transact(() => {
      step(doc);
      root.meta(doc).set('schemaVersion', v + 1);
    }, Origin.migrate);
  }
  return { from, to: SCHEMA_VERSION };
}
