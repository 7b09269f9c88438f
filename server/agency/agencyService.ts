/**
 * The agency's official side, built once per server: its profile (letterhead, default
 * *Disahkan oleh* title, numbering rule), its logo, and what the official outputs carry
 * beyond the SOP (`OfficialExtras`: letterhead + the verification mark of the approved
 * version).
 */
import type { Letterhead, OfficialExtras, VerificationMark } from '../../shared/model/official.js';
import type { AccountsStore } from '../accounts/types.js';
import type { SettingsStore } from '../storage/settings.js';
import { type AgencyProfile, type ProfilePatch, readProfile, writeProfile } from './profile.js';
import type { AgencyStore, StoredLogo } from './types.js';
import { formatCode, type Verifications } from './verification.js';

/** The logo's URL, changing with every upload (so caches never show an old one). */
export function logoUrl(logo: Pick<StoredLogo, 'updatedAt'>): string {
  return `/api/agency/logo?v=${encodeURIComponent(logo.updatedAt)}`;
}

export function verificationUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/v/${formatCode(code)}`;
}

/** `GET /api/sops/:id/official` (the print view): the logo as a URL rather than bytes. */
export interface OfficialView {
  letterhead: { agencyName: string; lines: string[]; logoUrl: string | null } | null;
  verification: VerificationMark | null;
}

export class AgencyService {
  constructor(
    private readonly deps: {
      store: AgencyStore;
      settings: SettingsStore;
      accounts: AccountsStore;
      verifications: Verifications;
      /** The SOP's status (the live document's when open). */
      status(sopId: string): Promise<string>;
    },
  ) {}

  profile(): Promise<AgencyProfile> {
    return readProfile(this.deps.settings);
  }

  updateProfile(patch: ProfilePatch): Promise<AgencyProfile> {
    return writeProfile(this.deps.settings, patch);
  }

  async agencyName(): Promise<string> {
    return (await this.deps.accounts.getAgencyName()) ?? '';
  }

  logo(): Promise<StoredLogo | null> {
    return this.deps.store.getLogo();
  }

  setLogo(logo: StoredLogo): Promise<void> {
    return this.deps.store.setLogo(logo);
  }

  deleteLogo(): Promise<void> {
    return this.deps.store.deleteLogo();
  }

  /** The letterhead, or null when nothing of it is set (no name, no lines, no logo). */
  async letterhead(): Promise<Letterhead | null> {
    const [name, profile, logo] = await Promise.all([
      this.agencyName(),
      this.profile(),
      this.logo(),
    ]);
    if (!name && profile.lines.length === 0 && !logo) return null;
    return {
      agencyName: name,
      lines: profile.lines,
      logo: logo ? { mime: logo.mime, data: logo.data } : null,
    };
  }

  /** The verification printed on the SOP's copies: only while it is approved. */
  async verification(sopId: string, origin: string): Promise<VerificationMark | null> {
    if ((await this.deps.status(sopId)) !== 'approved') return null;
    const rec = await this.deps.verifications.latest(sopId);
    if (!rec) return null;
    return {
      code: formatCode(rec.code),
      url: verificationUrl(origin, rec.code),
      version: rec.version,
    };
  }

  /** What the export worker gets (`ExportJob.official`). */
  async official(sopId: string, origin: string): Promise<OfficialExtras> {
    const [letterhead, verification] = await Promise.all([
      this.letterhead(),
      this.verification(sopId, origin),
    ]);
    return { letterhead, verification };
  }

  /** What the print view gets: the same, with the logo as a URL. */
  async officialView(sopId: string, origin: string): Promise<OfficialView> {
    const [name, profile, logo, verification] = await Promise.all([
      this.agencyName(),
      this.profile(),
      this.logo(),
      this.verification(sopId, origin),
    ]);
    const letterhead =
      !name && profile.lines.length === 0 && !logo
        ? null
        : { agencyName: name, lines: profile.lines, logoUrl: logo ? logoUrl(logo) : null };
    return { letterhead, verification };
  }
}
