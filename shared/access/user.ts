import type { SopRole } from './permissions.js';

/** The signed-in person as `GET /api/auth/me` shows them (never the password hash). */
export interface PublicUser {
  id: string;
  kind: 'user' | 'guest';
  email: string | null;
  nip: string | null;
  name: string;
  /** Jabatan, e.g. "Kepala Dinas" (fills Disahkan oleh for approvers). */
  title: string;
  isAdmin: boolean;
  isApprover: boolean;
  /** Unit ids this user approves for; `['*']` = every unit. */
  approverUnits: string[];
  units: Array<{ id: string; name: string }>;
  /** Set for meeting-link guests: their one SOP and role. */
  guest: null | { sopId: string; role: SopRole; linkId: string };
}
