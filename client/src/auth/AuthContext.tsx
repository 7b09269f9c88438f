import { createContext, useContext } from 'react';
import type { AuthState, AuthUser } from './types';

export interface AuthApi extends AuthState {
  /** Re-reads `GET /api/auth/me` (after login, join, profile change). */
  refresh(): Promise<void>;
  /** Ends this session and goes to the login page (or to `opts.to`). */
  logout(opts?: { to?: string }): Promise<void>;
}

/** Provided by `AuthProvider` at the top of the app. */
export const AuthContext = createContext<AuthApi | null>(null);

/** The auth state; throws outside `AuthProvider`. */
export function useAuth(): AuthApi {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user (null while loading or signed out). */
export function useUser(): AuthUser | null {
  return useContext(AuthContext)?.user ?? null;
}
