import { useSyncExternalStore } from 'react';

/** The signed-in user as `POST /api/v1/auth/login` returns it. */
export interface SessionUser {
  id: string;
  username: string;
  role: 'admin' | 'setter' | 'user';
}

export interface Session {
  token: string;
  user: SessionUser;
}

const KEY = 'oj:session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The session kept in localStorage (the token is sent as `Authorization: Bearer`). */
export const session = {
  get: (): Session | null => current,
  token: (): string | undefined => current?.token,
  set(s: Session | null): void {
    current = s;
    try {
      if (s) localStorage.setItem(KEY, JSON.stringify(s));
      else localStorage.removeItem(KEY);
    } catch {
      /* private mode: the session lasts as long as the tab */
    }
    for (const l of listeners) l();
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

// Another tab signing in or out.
window.addEventListener('storage', (e) => {
  if (e.key === KEY) {
    current = read();
    for (const l of listeners) l();
  }
});

/** The current session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}
