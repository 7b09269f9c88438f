import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError, UNAUTHENTICATED_EVENT } from '../lib/api';
import { type AuthApi, AuthContext } from './AuthContext';
import { fetchMe, fetchSetupStatus, logout as postLogout } from './authApi';
import type { AuthState, MeResponse } from './types';

/**
 * The last `GET /api/auth/me` answer, kept so that an SOP opened before can be
 * reopened without a network (the editor works from IndexedDB). Profile data
 * only, no credential: the session itself is an HttpOnly cookie.
 */
const CACHE_KEY = 'susun.me';

function readCache(): MeResponse | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as MeResponse;
    return v && typeof v === 'object' && v.user && typeof v.user.id === 'string' ? v : null;
  } catch {
    return null;
  }
}

function writeCache(me: MeResponse | null): void {
  try {
    if (me) localStorage.setItem(CACHE_KEY, JSON.stringify(me));
    else localStorage.removeItem(CACHE_KEY);
  } catch {
    // the cache is a convenience for offline reopening
  }
}

function signedIn(me: MeResponse, offline = false): AuthState {
  return { status: 'signed-in', user: me.user, agency: me.agency ?? null, offline };
}

/** Decides the state from the server: session → signed-in; none → setup-needed or anonymous. */
async function probe(): Promise<AuthState> {
  try {
    const me = await fetchMe();
    writeCache(me);
    return signedIn(me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      writeCache(null);
      const setup = await fetchSetupStatus();
      const agency = setup.agencyName ? { name: setup.agencyName } : null;
      return { status: setup.needed ? 'setup-needed' : 'anonymous', user: null, agency };
    }
    // Server unreachable (offline, restarting): keep working as the last known user.
    if (!(e instanceof ApiError)) {
      const cached = readCache();
      if (cached) return signedIn(cached, true);
    }
    throw e;
  }
}

const LOADING: AuthState = { status: 'loading', user: null, agency: null };

/**
 * Holds who is signed in. On start it asks `GET /api/auth/me`; without a session it
 * asks `GET /api/setup` to tell a fresh server (→ `/setup`) from a signed-out
 * browser (→ `/login`). Any API call answering 401 (the `susun:unauthenticated`
 * event from the request helpers) drops the user, and the route gate shows login
 * with `next` set to where they were.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(LOADING);
  const [, navigate] = useLocation();
  // The latest probe wins: a slow answer to an older one must not overwrite it.
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const n = ++seq.current;
    try {
      const next = await probe();
      if (n === seq.current) setState(next);
    } catch {
      if (n === seq.current) setState((s) => ({ ...s, status: 'error', offline: false }));
    }
  }, []);

  const dropSession = useCallback(() => {
    seq.current++;
    writeCache(null);
    setState((s) => ({ status: 'anonymous', user: null, agency: s.agency }));
  }, []);

  const logout = useCallback(
    async (opts: { to?: string } = {}) => {
      try {
        await postLogout();
      } catch {
        // Even when the server cannot be told, this browser forgets the user.
      }
      dropSession();
      navigate(opts.to ?? '/login?bye=1');
    },
    [dropSession, navigate],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const onUnauthenticated = () => dropSession();
    // Another tab logged out (it cleared the cache key): follow it.
    const onStorage = (e: StorageEvent) => {
      if (e.key === CACHE_KEY && e.newValue === null) dropSession();
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
      window.removeEventListener('storage', onStorage);
    };
  }, [dropSession]);

  // Working from the cached user: re-check the session as soon as the network is back.
  useEffect(() => {
    if (!state.offline && state.status !== 'error') return;
    const onOnline = () => void refresh();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [state.offline, state.status, refresh]);

  const api = useMemo<AuthApi>(() => ({ ...state, refresh, logout }), [state, refresh, logout]);
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}
