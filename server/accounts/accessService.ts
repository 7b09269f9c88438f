/**
 * Who has which role on which SOP. The rules, in order (see README "Access"):
 * 1. A disabled account has nothing. A guest has exactly its link's role on the link's
 *    SOP while the link is active, and nothing else.
 * 2. An explicit share on the SOP sets the role (it can be lower than the unit default).
 * 3. Otherwise members of the SOP's unit get the SOP's unit role (default `editor`).
 * 4. Administrators are owners of every SOP (they keep the agency's register).
 * 5. Approvers of the SOP's unit can at least comment (they read what they sign).
 * 6. An API token never gives more than its owner has, and may be capped to one SOP
 *    and a lower role.
 */
import { maxRole, minRole, type SopRole, type UnitRole } from '../../shared/access/permissions.js';
import { linkActive } from './authService.js';
import type { AccessEvents } from './events.js';
import type { Principal } from './principal.js';
import type { AccountsStore, SopAccessRecord, UserRecord } from './types.js';

export interface SopAccessInfo {
  /** The effective role (null: no access). */
  role: SopRole | null;
  /** The caller approves for the SOP's unit (agency role). */
  unitApprover: boolean;
  /** The SOP's access record (null: not an SOP under access control). */
  record: SopAccessRecord | null;
}

/** Approver scope test: `['*']` means every unit (a unit-less SOP needs it). */
export function approvesFor(user: UserRecord, unitId: string | null): boolean {
  if (!user.isApprover || user.disabled) return false;
  if (user.approverUnits.includes('*')) return true;
  return unitId !== null && user.approverUnits.includes(unitId);
}

/** Rules 2–6 for a signed-in (non-guest) user, from the data already fetched. */
function roleOf(
  p: Principal,
  record: SopAccessRecord,
  explicit: SopRole | null,
  userUnits: readonly string[],
): Omit<SopAccessInfo, 'record'> {
  let role = explicit;
  if (role === null && record.unitId !== null && record.unitRole !== 'none') {
    if (userUnits.includes(record.unitId)) role = record.unitRole as SopRole;
  }
  if (p.user.isAdmin) role = 'owner';
  let unitApprover = approvesFor(p.user, record.unitId);
  if (unitApprover) role = maxRole(role, 'commenter');
  if (p.token) {
    if (p.token.sopId !== null && p.token.sopId !== record.sopId)
      return { role: null, unitApprover: false };
    if (p.token.role !== null) {
      role = minRole(role, p.token.role);
      unitApprover = false; // a capped token never signs
    }
  }
  return { role, unitApprover };
}

export class AccessService {
  constructor(
    private readonly store: AccountsStore,
    private readonly events: AccessEvents,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller's role on an SOP (the rules above). */
  async resolve(p: Principal, sopId: string): Promise<SopAccessInfo> {
    const record = await this.store.getSopAccess(sopId);
    if (!record || p.user.disabled) return { role: null, unitApprover: false, record };
    if (p.user.kind === 'guest') return { ...(await this.guestRole(p, sopId)), record };
    const explicit = (await this.store.sopMembers(sopId)).get(p.user.id) ?? null;
    const units = await this.store.unitsOfUser(p.user.id);
    return { ...roleOf(p, record, explicit, units), record };
  }

  private async guestRole(p: Principal, sopId: string): Promise<Omit<SopAccessInfo, 'record'>> {
    const link = p.user.linkId ? await this.store.getLink(p.user.linkId) : null;
    if (!link || link.sopId !== sopId || !linkActive(link, this.now()))
      return { role: null, unitApprover: false };
    return { role: link.role, unitApprover: false };
  }

  /** Every SOP the caller may read, with the role (the list; one pass, no per-SOP queries). */
  async readable(p: Principal): Promise<Map<string, SopRole>> {
    const out = new Map<string, SopRole>();
    if (p.user.disabled) return out;
    if (p.user.kind === 'guest') {
      const link = p.user.linkId ? await this.store.getLink(p.user.linkId) : null;
      if (link) {
        const r = await this.guestRole(p, link.sopId);
        if (r.role) out.set(link.sopId, r.role);
      }
      return out;
    }
    const explicit = await this.store.sopRolesOfUser(p.user.id);
    const units = await this.store.unitsOfUser(p.user.id);
    for (const rec of await this.store.listSopAccess()) {
      const { role } = roleOf(p, rec, explicit.get(rec.sopId) ?? null, units);
      if (role) out.set(rec.sopId, role);
    }
    return out;
  }

  /** Registers a new SOP: its unit and its owner. */
  async registerSop(sopId: string, ownerId: string | null, unitId: string | null): Promise<void> {
    await this.store.putSopAccess({ sopId, unitId, unitRole: 'editor', createdBy: ownerId });
    if (ownerId) await this.store.setSopMember(sopId, ownerId, 'owner');
  }

  async setSettings(
    sopId: string,
    fields: { unitId?: string | null; unitRole?: UnitRole },
  ): Promise<SopAccessRecord | null> {
    const cur = await this.store.getSopAccess(sopId);
    if (!cur) return null;
    const next: SopAccessRecord = {
      ...cur,
      ...(fields.unitId !== undefined ? { unitId: fields.unitId } : {}),
      ...(fields.unitRole !== undefined ? { unitRole: fields.unitRole } : {}),
    };
    await this.store.putSopAccess(next);
    this.events.emit({ kind: 'sop', sopId });
    return next;
  }

  /**
   * Sets or removes (role null) an explicit share. Refuses ('last_owner') a change that
   * would leave the SOP with no explicit owner.
   */
  async setMember(
    sopId: string,
    userId: string,
    role: SopRole | null,
  ): Promise<'ok' | 'last_owner' | 'not_member'> {
    const members = await this.store.sopMembers(sopId);
    const before = members.get(userId) ?? null;
    if (before === 'owner' && role !== 'owner') {
      const owners = [...members.values()].filter((r) => r === 'owner').length;
      if (owners <= 1) return 'last_owner';
    }
    if (role === null) {
      if (before === null) return 'not_member';
      await this.store.removeSopMember(sopId, userId);
    } else await this.store.setSopMember(sopId, userId, role);
    this.events.emit({ kind: 'sop', sopId });
    return 'ok';
  }

  /**
   * Makes `ownerId` the owner of every listed SOP that has no access record yet (SOPs
   * stored before accounts existed, or seeded before the first administrator).
   */
  async claimUnowned(sopIds: readonly string[], ownerId: string): Promise<number> {
    let n = 0;
    for (const id of sopIds) {
      if (await this.store.getSopAccess(id)) continue;
      await this.registerSop(id, ownerId, null);
      n++;
    }
    return n;
  }
}
