import type { SopRole } from '@shared/access/permissions';
import type { PublicUser } from '@shared/access/user';

/** The signed-in person, as `GET /api/auth/me` returns it. */
export type AuthUser = PublicUser;

export interface AuthState {
  status: 'loading' | 'anonymous' | 'signed-in' | 'setup-needed' | 'error';
  user: AuthUser | null;
  agency: { name: string } | null;
  /**
   * The server could not be reached and `user` is the last one seen in this browser:
   * an SOP opened before stays usable offline; the session is re-checked when back online.
   */
  offline?: boolean;
}

/** `GET /api/auth/me`. */
export interface MeResponse {
  user: AuthUser;
  agency: { name: string } | null;
}

/** `GET /api/setup`. */
export interface SetupStatus {
  needed: boolean;
  agencyName: string | null;
}

/** `GET /api/join/:code`. */
export interface JoinLinkInfo {
  sopId: string;
  sopName: string;
  role: SopRole;
  expiresAt: string | null;
}

/** One row of `GET /api/tokens`. */
export interface ApiTokenInfo {
  id: string;
  name: string | null;
  sopId: string | null;
  role: SopRole | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}
