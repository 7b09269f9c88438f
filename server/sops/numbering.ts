/**
 * SOP numbers (issue 14): the agency's pattern, e.g. `{prefix}/{unit}/{year}/{seq:3}` →
 * `SOP/ARS/2026/007`, assigned when an SOP is created, unique across the agency.
 *
 * - `{prefix}`: the profile's prefix; `{unit}`: the SOP unit's code (set by an
 *   administrator, else the initials of the unit's name; no unit: the placeholder and one
 *   separator next to it are left out); `{year}`, `{month}`: the creation date (server
 *   local time); `{seq}` / `{seq:N}`: the counter, zero-padded to N digits.
 * - The counter runs per *scope*: the number with `{seq}` still in it ("SOP/ARS/2026/{seq}"),
 *   so each unit and year counts from 1. It is incremented in the database (atomic across
 *   processes: `AgencyStore.nextSeq`), never in this process's memory.
 * - Uniqueness is the registry's (`AgencyStore.claimNumber`); a number an administrator
 *   typed by hand that the counter reaches later is skipped.
 */

import type { Logger } from 'pino';
import {
  dateParts,
  type NumberParts,
  renderNumber,
  unitCodeFrom,
} from '../../shared/agency/numberPattern.js';
import type { AgencyProfile } from '../agency/profile.js';
import type { AgencyStore, ClaimResult } from '../agency/types.js';
import type { SettingsStore } from '../storage/settings.js';
import type { SopIndex } from '../storage/sopIndex.js';

export interface NumberingDeps {
  store: AgencyStore;
  profile(): Promise<AgencyProfile>;
  /** The unit's name, or null for an unknown unit. */
  unitName(unitId: string): Promise<string | null>;
  now?: () => Date;
}

export class Numbering {
  constructor(private readonly deps: NumberingDeps) {}

  /** The parts a pattern is filled with for an SOP of `unitId` created now. */
  async parts(unitId: string | null, profile?: AgencyProfile): Promise<NumberParts> {
    const p = profile ?? (await this.deps.profile());
    const d = (this.deps.now ?? (() => new Date()))();
    let unit = '';
    if (unitId) {
      unit =
        p.numbering.unitCodes[unitId] ?? unitCodeFrom((await this.deps.unitName(unitId)) ?? '');
    }
    return { prefix: p.numbering.prefix, unit, ...dateParts(d) };
  }

  /**
   * Allocates and registers the next number for the new SOP `sopId`; null when the
   * agency has no pattern (numbering off).
   */
  async assign(sopId: string, unitId: string | null): Promise<string | null> {
    const profile = await this.deps.profile();
    const { pattern } = profile.numbering;
    if (!pattern) return null;
    const parts = await this.parts(unitId, profile);
    const scope = renderNumber(pattern, parts, null);
    // Numbers typed by hand can sit on the counter's path: skip them (bounded).
    for (let i = 0; i < 1000; i++) {
      const number = renderNumber(pattern, parts, await this.deps.store.nextSeq(scope));
      if ((await this.deps.store.claimNumber(sopId, number)) === 'ok') return number;
    }
    throw new Error(`no free SOP number in scope ${scope}`);
  }

  /** Registers `number` as the SOP's (an administrator's edit, an import, the sample). */
  claim(sopId: string, number: string): Promise<ClaimResult> {
    return this.deps.store.claimNumber(sopId, number);
  }

  release(sopId: string): Promise<void> {
    return this.deps.store.releaseNumber(sopId);
  }
}

const REGISTERED = 'sopNumbersRegistered';

/**
 * Once per database: SOPs stored before numbers were registered (issue 14) get their
 * numbers claimed, so a later number can never duplicate them. A number two old SOPs
 * share stays with the first; the other is reported and keeps its text unregistered.
 */
export async function registerExistingNumbers(deps: {
  numbering: Numbering;
  index: Pick<SopIndex, 'listMeta'>;
  settings: SettingsStore;
  log: Logger;
}): Promise<void> {
  if ((await deps.settings.getSetting(REGISTERED)) !== null) return;
  const metas = [
    ...(await deps.index.listMeta({ archived: false })),
    ...(await deps.index.listMeta({ archived: true })),
  ].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  let claimed = 0;
  for (const m of metas) {
    if (!m.number.trim()) continue;
    if ((await deps.numbering.claim(m.id, m.number)) === 'ok') claimed++;
    else deps.log.warn({ sopId: m.id, number: m.number }, 'SOP number already used by another SOP');
  }
  await deps.settings.setSetting(REGISTERED, new Date().toISOString());
  if (claimed > 0) deps.log.info({ claimed }, 'registered the numbers of existing SOPs');
}
