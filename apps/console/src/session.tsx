// Who is signed in: read once from GET /console/api/session, set by sign-in, cleared by sign-out
// or by any 401 (an expired session).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, request, setCsrfToken, setTenant, whenSignedOut } from './api/client.js';
import type { Session } from './api/types.js';
import { can, type Permission } from './lib/permissions.js';

interface SessionState {
  session: Session | null;
  /** False until the first GET /session answered. */
  ready: boolean;
  signIn(tenant: string, email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  can(permission: Permission): boolean;
  /** A global operator's chosen tenant; a tenant account's own. */
  tenant: string | null;
  chooseTenant(tenant: string | null): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const [tenant, setTenantState] = useState<string | null>(null);

  const adopt = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
    if (s?.account.tenantId) {
      setTenant(null);
      setTenantState(s.account.tenantId);
    }
  }, []);

  useEffect(() => {
    whenSignedOut(() => adopt(null));
    request<Session>('GET', '/session', undefined, { signedOutIsError: true })
      .then(adopt, (e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) console.warn('session check failed', e);
        adopt(null);
      })
      .finally(() => setReady(true));
  }, [adopt]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      ready,
      tenant,
      async signIn(tenantName, email, password) {
        const body = { ...(tenantName.trim() ? { tenant: tenantName.trim() } : {}), email: email.trim(), password };
        adopt(await request<Session>('POST', '/session', body, { signedOutIsError: true }));
      },
      async signOut() {
        try {
          await request('DELETE', '/session', undefined, { signedOutIsError: true });
        } finally {
          adopt(null);
        }
      },
      can: (permission) => can(session, permission),
      chooseTenant(t) {
        setTenant(t);
        setTenantState(t);
      },
    }),
    [session, ready, tenant, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
