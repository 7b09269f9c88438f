/**
 * The audit log (who did what, when, from where), apart from the accounts store:
 * append-only, read newest first with filters. Memory, SQLite and PostgreSQL
 * implementations, one contract suite (`test/unit/audit-contract.test.ts`).
 */
export interface AuditEntry {
  /** Increases with every entry (paging key). */
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  sopId: string | null;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

export interface AuditQuery {
  action?: string;
  actorId?: string;
  sopId?: string;
  /** ISO timestamps (inclusive from, exclusive to). */
  from?: string;
  to?: string;
  /** Entries with id < before (paging, newest first). */
  before?: number;
  /** 1..500, default 100. */
  limit?: number;
}

export interface AuditLog {
  /** Appends one entry; resolves once it is stored. `at` defaults to now. */
  add(e: NewAuditEntry): Promise<void>;
  /** Matching entries, newest (highest id) first. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}

/** The page size a query asks for, clamped to 1..500. */
export function auditLimit(q: AuditQuery): number {
  return Math.min(Math.max(q.limit ?? 100, 1), 500);
}

/** In-memory audit log (tests, `STORAGE=memory`). */
export function createMemoryAudit(): AuditLog {
  const entries: AuditEntry[] = [];
  return {
    async add(e) {
      entries.push({
        id: entries.length + 1,
        at: e.at ?? new Date().toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        action: e.action,
        sopId: e.sopId,
        target: e.target,
        detail: structuredClone(e.detail),
        ip: e.ip,
      });
    },
    async query(q) {
      const limit = auditLimit(q);
      const out: AuditEntry[] = [];
      for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
        const e = entries[i] as AuditEntry;
        if (q.action && e.action !== q.action) continue;
        if (q.actorId && e.actorId !== q.actorId) continue;
        if (q.sopId && e.sopId !== q.sopId) continue;
        if (q.from && e.at < q.from) continue;
        if (q.to && e.at >= q.to) continue;
        if (q.before !== undefined && e.id >= q.before) continue;
        out.push(structuredClone(e));
      }
      return out;
    },
  };
}
