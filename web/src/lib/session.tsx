import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, setCsrfToken, setOnUnauthenticated } from './api.js';
import type { SessionInfo } from './types.js';

export interface SessionState {
  /** undefined while the node is asked; null when nobody is signed in. */
  info: SessionInfo | null | undefined;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null | undefined>(undefined);
  const accept = useCallback((s: SessionInfo | null) => {
    setCsrfToken(s?.csrf_token ?? '');
    setInfo(s);
  }, []);
  useEffect(() => {
    setOnUnauthenticated(() => accept(null));
    api<SessionInfo>('/session', { quiet401: true })
      .then(accept)
      .catch((e) => {
        // Not signed in is the usual answer; anything else the sign-in form will meet again.
        if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
        accept(null);
      });
  }, [accept]);
  const signIn = useCallback(
    async (name: string, password: string) => {
      accept(
        await api<SessionInfo>('/session', { method: 'POST', body: { name, password }, quiet401: true }),
      );
    },
    [accept],
  );
  const signOut = useCallback(async () => {
    try {
      await api('/session', { method: 'DELETE', quiet401: true });
    } finally {
      accept(null);
    }
  }, [accept]);
  return <Ctx.Provider value={{ info, signIn, signOut }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user; only for pages shown after sign-in. */
export function useUser(): SessionInfo['user'] {
  const { info } = useSession();
  if (!info) throw new Error('useUser before sign-in');
  return info.user;
}
