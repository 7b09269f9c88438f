/** In-memory {@link AgencyStore} (tests, `STORAGE=memory`): copies bytes in and out. */
import { type AgencyStore, numberKey, type StoredLogo, type VerificationRecord } from './types.js';

export function createMemoryAgency(): AgencyStore {
  let logo: StoredLogo | null = null;
  const counters = new Map<string, number>();
  /** numberKey → sopId, and back. */
  const owners = new Map<string, string>();
  const bySop = new Map<string, string>();
  const verifications = new Map<string, VerificationRecord>();

  return {
    async getLogo() {
      return logo ? { ...logo, data: new Uint8Array(logo.data) } : null;
    },
    async setLogo(l) {
      logo = { ...l, data: new Uint8Array(l.data) };
    },
    async deleteLogo() {
      logo = null;
    },
    async nextSeq(scope) {
      const n = (counters.get(scope) ?? 0) + 1;
      counters.set(scope, n);
      return n;
    },
    async claimNumber(sopId, number) {
      const key = numberKey(number);
      const owner = owners.get(key);
      if (owner !== undefined && owner !== sopId) return 'taken';
      const previous = bySop.get(sopId);
      if (previous !== undefined) owners.delete(previous);
      owners.set(key, sopId);
      bySop.set(sopId, key);
      return 'ok';
    },
    async releaseNumber(sopId) {
      const key = bySop.get(sopId);
      if (key === undefined) return;
      bySop.delete(sopId);
      owners.delete(key);
    },
    async numberOwner(number) {
      return owners.get(numberKey(number)) ?? null;
    },
    async addVerification(v) {
      if (verifications.has(v.code)) return false;
      for (const x of verifications.values())
        if (x.sopId === v.sopId && x.version === v.version) return false;
      verifications.set(v.code, { ...v });
      return true;
    },
    async getVerification(code) {
      const v = verifications.get(code);
      return v ? { ...v } : null;
    },
    async listVerifications(sopId) {
      return [...verifications.values()]
        .filter((v) => v.sopId === sopId)
        .sort((a, b) => a.version - b.version)
        .map((v) => ({ ...v }));
    },
  };
}
