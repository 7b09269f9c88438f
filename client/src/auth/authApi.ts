/**
 * REST calls of the auth shell (accounts, setup, meeting links, API tokens), over
 * the one request helper in `lib/api.ts`. Shapes follow `notes/api-spec.md`.
 */
import { apiRequest } from '../lib/api';
import type { ApiTokenInfo, AuthUser, JoinLinkInfo, MeResponse, SetupStatus } from './types';

/** The session probe: a 401 here is an answer, not a lost session. */
export function fetchMe(): Promise<MeResponse> {
  const early = earlyMe;
  earlyMe = null;
  return early ?? apiRequest('/api/auth/me', { authRedirect: false, cache: 'no-store' });
}

let earlyMe: Promise<MeResponse> | null = null;

/**
 * Starts the session probe before React's first render (from `main.tsx`): the first
 * {@link fetchMe} takes this answer, later ones ask again.
 */
export function startSessionProbe(): void {
  earlyMe = fetchMe();
  // A failure before the answer is taken is not an unhandled rejection; the taker still sees it.
  earlyMe.catch(() => {});
}

export function fetchSetupStatus(): Promise<SetupStatus> {
  return apiRequest('/api/setup', { authRedirect: false, cache: 'no-store' });
}

export interface SetupBody {
  agencyName: string;
  name: string;
  email: string;
  password: string;
  title?: string;
  nip?: string;
}

export function postSetup(body: SetupBody): Promise<{ user: AuthUser }> {
  return apiRequest('/api/setup', { method: 'POST', json: body, authRedirect: false });
}

/** `login` is an email or an 18-digit NIP. */
export function login(login: string, password: string): Promise<{ user: AuthUser }> {
  return apiRequest('/api/auth/login', {
    method: 'POST',
    json: { email: login, password },
    authRedirect: false,
  });
}

export function logout(): Promise<void> {
  return apiRequest('/api/auth/logout', { method: 'POST', authRedirect: false });
}

export function logoutAll(): Promise<void> {
  return apiRequest('/api/auth/logout-all', { method: 'POST', authRedirect: false });
}

export function updateProfile(body: {
  name?: string;
  title?: string;
  nip?: string | null;
}): Promise<{ user: AuthUser }> {
  return apiRequest('/api/auth/me', { method: 'PATCH', json: body });
}

/** A wrong `currentPassword` is a 4xx with its own code, never a redirect. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return apiRequest('/api/auth/password', {
    method: 'POST',
    json: { currentPassword, newPassword },
  });
}

export function fetchJoinLink(code: string): Promise<JoinLinkInfo> {
  return apiRequest(`/api/join/${encodeURIComponent(code)}`, { authRedirect: false });
}

export function joinLink(code: string, name: string): Promise<{ sopId: string }> {
  return apiRequest(`/api/join/${encodeURIComponent(code)}`, {
    method: 'POST',
    json: { name },
    authRedirect: false,
  });
}

export function listTokens(): Promise<ApiTokenInfo[]> {
  return apiRequest('/api/tokens');
}

export function createToken(body: {
  name?: string;
  expiresInDays?: number;
}): Promise<{ id: string; token: string }> {
  return apiRequest('/api/tokens', { method: 'POST', json: body });
}

export function revokeToken(id: string): Promise<void> {
  return apiRequest(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
