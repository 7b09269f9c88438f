/** In-memory {@link LifecycleStore} (tests, `STORAGE=memory`). Values are copied in and out. */
import type { Acknowledgement, LinkFlag, LinkRow } from '../../shared/lifecycle/types.js';
import { byCreated, type LifecycleStore, type SopState, type StoredRecord } from './types.js';

const clone = <T>(v: T): T => structuredClone(v);

export function createMemoryLifecycle(): LifecycleStore {
  const links = new Map<string, LinkRow[]>();
  const flags: LinkFlag[] = [];
  const states = new Map<string, SopState>();
  const records = new Map<string, StoredRecord>();
  const acks = new Map<string, Acknowledgement>();
  const rkey = (kind: string, id: string) => `${kind}\u0000${id}`;
  return {
    async replaceLinks(sourceId, rows) {
      if (rows.length === 0) links.delete(sourceId);
      else links.set(sourceId, rows.map(clone));
    },
    async linksFrom(sourceId) {
      return (links.get(sourceId) ?? []).map(clone);
    },
    async linksTo(targetId) {
      return [...links.values()]
        .flat()
        .filter((l) => l.targetId === targetId)
        .map(clone);
    },
    async allLinks() {
      return [...links.values()].flat().map(clone);
    },
    async addFlag(flag) {
      flags.push(clone(flag));
    },
    async listFlags(filter) {
      return flags
        .filter(
          (f) =>
            (filter.sourceId === undefined || f.sourceId === filter.sourceId) &&
            (!filter.open || f.confirmedAt === null),
        )
        .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1))
        .map(clone);
    },
    async confirmFlags(sourceId, targetId, by, at) {
      let n = 0;
      for (const f of flags)
        if (
          f.sourceId === sourceId &&
          f.confirmedAt === null &&
          (targetId === null || f.targetId === targetId)
        ) {
          f.confirmedAt = at;
          f.confirmedBy = by;
          n++;
        }
      return n;
    },
    async getSopState(sopId) {
      const s = states.get(sopId);
      return s ? clone(s) : null;
    },
    async setSopState(sopId, state) {
      states.set(sopId, clone(state));
    },
    async replaceSopState(sopId, expected, next) {
      const cur = states.get(sopId) ?? null;
      const same =
        cur === null || expected === null
          ? cur === expected
          : cur.status === expected.status &&
            cur.versionKey === expected.versionKey &&
            cur.effectiveDate === expected.effectiveDate;
      if (!same) return false;
      states.set(sopId, clone(next));
      return true;
    },
    async insertRecord(r) {
      const k = rkey(r.kind, r.id);
      if (records.has(k)) return false;
      records.set(k, clone(r) as StoredRecord);
      return true;
    },
    async putRecord(r) {
      records.set(rkey(r.kind, r.id), clone(r) as StoredRecord);
    },
    async getRecord<T>(kind: StoredRecord['kind'], id: string) {
      const r = records.get(rkey(kind, id));
      return r ? (clone(r) as StoredRecord<T>) : null;
    },
    async listRecords<T>(kind: StoredRecord['kind'], sopId?: string) {
      return [...records.values()]
        .filter((r) => r.kind === kind && (sopId === undefined || r.sopId === sopId))
        .sort(byCreated)
        .map((r) => clone(r) as StoredRecord<T>);
    },
    async updateRecord<T>(kind: StoredRecord['kind'], id: string, fn: (data: T) => T) {
      const r = records.get(rkey(kind, id));
      if (!r) return null;
      const next = fn(clone(r.data) as T);
      r.data = clone(next);
      return clone(next);
    },
    async addAck(a) {
      const k = `${a.sopId}\u0000${a.versionKey}\u0000${a.userId}`;
      if (acks.has(k)) return false;
      acks.set(k, clone(a));
      return true;
    },
    async listAcks(sopId, versionKey) {
      return [...acks.values()]
        .filter((a) => a.sopId === sopId && a.versionKey === versionKey)
        .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.userId < b.userId ? -1 : 1))
        .map(clone);
    },
  };
}
