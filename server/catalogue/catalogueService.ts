/**
 * The agency's register of SOPs (issue 17): the SOP list filtered to what the caller may
 * read, searched, filtered, sorted and paged by the SOP index, and the dashboard counts
 * per unit and status.
 *
 * Access: the caller's readable SOPs come from the access service (one pass over the
 * access records, as before); the index is asked only for those ids, so paging and the
 * total never count an SOP the caller may not see. The unit of an SOP lives in its access
 * record, so a unit filter narrows that id set before the index is asked.
 */
import type { SopRole } from '../../shared/access/permissions.js';
import type { SopStatus } from '../../shared/model/types.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal } from '../accounts/principal.js';
import type { CatalogueQuery, CatalogueRow, SopIndex } from '../storage/sopIndex.js';

/** `unit` filter value for SOPs that belong to no unit. */
export const NO_UNIT = 'none';

export interface CatalogueListQuery extends Omit<CatalogueQuery, 'ids'> {
  /** A unit id, or {@link NO_UNIT}. */
  unit?: string;
}

export interface CatalogueItem extends CatalogueRow {
  unitId: string | null;
  role: SopRole | undefined;
}

/** Where the time of a list request went (milliseconds), for `Server-Timing`. */
export interface CatalogueTimings {
  access: number;
  query: number;
}

export interface UnitCounts {
  /** null: SOPs without a unit. */
  unitId: string | null;
  name: string;
  total: number;
  byStatus: Record<SopStatus, number>;
  /** Approved SOPs whose review date has passed. */
  reviewOverdue: number;
  /** Approved SOPs due for review within {@link SOON_DAYS} days. */
  reviewSoon: number;
}

export interface CatalogueSummary {
  /** The day the review counts are of (`YYYY-MM-DD`, UTC). */
  today: string;
  total: UnitCounts;
  units: UnitCounts[];
}

/** Up to this many rows, their units are looked up one by one rather than all read. */
const PAGE_LOOKUPS = 100;

/** "Due soon" horizon of the dashboard. */
export const SOON_DAYS = 30;

const STATUS_KEYS: readonly SopStatus[] = [
  'draft',
  'in_review',
  'approved',
  'revoked',
  'superseded',
];

function emptyCounts(unitId: string | null, name: string): UnitCounts {
  return {
    unitId,
    name,
    total: 0,
    byStatus: Object.fromEntries(STATUS_KEYS.map((s) => [s, 0])) as Record<SopStatus, number>,
    reviewOverdue: 0,
    reviewSoon: 0,
  };
}

export interface Catalogue {
  list(
    p: Principal,
    query: CatalogueListQuery,
  ): Promise<{ items: CatalogueItem[]; total: number; timings: CatalogueTimings }>;
  summary(p: Principal, now?: Date): Promise<CatalogueSummary>;
}

export function createCatalogue(deps: {
  index: Pick<SopIndex, 'queryCatalogue' | 'catalogueFacts'>;
  accounts: Accounts;
}): Catalogue {
  const { index, accounts } = deps;

  /** The caller's readable SOPs (with roles) and every SOP's unit. */
  async function scope(p: Principal) {
    const [readable, records] = await Promise.all([
      accounts.access.readable(p),
      accounts.store.listSopAccess(),
    ]);
    const unitOf = new Map(records.map((a) => [a.sopId, a.unitId]));
    return { readable, unitOf };
  }

  /** The units of a page's SOPs: one lookup each for a page, one pass over all for more. */
  async function unitsOf(ids: string[]): Promise<Map<string, string | null>> {
    if (ids.length > PAGE_LOOKUPS)
      return new Map((await accounts.store.listSopAccess()).map((a) => [a.sopId, a.unitId]));
    const records = await Promise.all(ids.map((id) => accounts.store.getSopAccess(id)));
    return new Map(ids.map((id, i) => [id, records[i]?.unitId ?? null]));
  }

  return {
    async list(p, query) {
      const t0 = performance.now();
      const { unit, ...rest } = query;
      // Every SOP's unit only when filtering by unit; else just those of the page (below).
      const { readable, unitOf } =
        unit !== undefined
          ? await scope(p)
          : { readable: await accounts.access.readable(p), unitOf: null };
      let ids = [...readable.keys()];
      if (unit !== undefined && unitOf) {
        const want = unit === NO_UNIT ? null : unit;
        ids = ids.filter((id) => (unitOf.get(id) ?? null) === want);
      }
      const t1 = performance.now();
      const page = await index.queryCatalogue({ ...rest, ids });
      const t2 = performance.now();
      const units = unitOf ?? (await unitsOf(page.rows.map((r) => r.id)));
      return {
        items: page.rows.map((r) => ({
          ...r,
          unitId: units.get(r.id) ?? null,
          role: readable.get(r.id),
        })),
        total: page.total,
        timings: { access: t1 - t0 + (performance.now() - t2), query: t2 - t1 },
      };
    },

    async summary(p, now = new Date()) {
      const today = now.toISOString().slice(0, 10);
      const soon = new Date(now.getTime() + SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
      const [{ readable, unitOf }, units] = await Promise.all([
        scope(p),
        accounts.store.listUnits(),
      ]);
      const facts = await index.catalogueFacts({ ids: [...readable.keys()] });
      const names = new Map(units.map((u) => [u.id, u.name]));
      const total = emptyCounts(null, '');
      const byUnit = new Map<string | null, UnitCounts>();
      for (const f of facts) {
        const unitId = unitOf.get(f.id) ?? null;
        // A unit deleted since: counted with the SOPs without a unit.
        const key = unitId !== null && names.has(unitId) ? unitId : null;
        let c = byUnit.get(key);
        if (!c) {
          c = emptyCounts(key, key === null ? '' : (names.get(key) ?? ''));
          byUnit.set(key, c);
        }
        for (const x of [c, total]) {
          x.total++;
          if (f.status in x.byStatus) x.byStatus[f.status]++;
          if (f.status === 'approved' && f.reviewDate) {
            if (f.reviewDate < today) x.reviewOverdue++;
            else if (f.reviewDate <= soon) x.reviewSoon++;
          }
        }
      }
      const list = [...byUnit.values()].sort((a, b) =>
        a.unitId === null ? 1 : b.unitId === null ? -1 : a.name.localeCompare(b.name, 'id'),
      );
      return { today, total, units: list };
    },
  };
}
