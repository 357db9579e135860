// The portal's little global state: the hash route and the signed-in account.
// Routes are hash routes (`#/tickets/…`), because the e-mails the services
// send link to `/#/tickets/{id}` and `/#/reset-password?token=…`.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, Me, setSessionLostHandler } from './api';

export interface Route {
  path: string; // "/tickets/abc"
  params: URLSearchParams;
}

function parseHash(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, q = ''] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(q) };
}

let refreshTick = 0;
const refreshListeners = new Set<() => void>();

/** Goes to `to`; when it is the current route, shows it again with fresh data. */
export function navigate(to: string): void {
  if (location.hash !== `#${to}`) location.hash = to;
  else refresh();
}

export function refresh(): void {
  refreshTick += 1;
  refreshListeners.forEach((l) => l());
}

/** A number that changes whenever the current page should reload its data. */
export function useRefreshTick(): number {
  const [tick, setTick] = useState(refreshTick);
  useEffect(() => {
    const l = () => setTick(refreshTick);
    refreshListeners.add(l);
    return () => {
      refreshListeners.delete(l);
    };
  }, []);
  return tick;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; notice?: string }
  | { kind: 'mustChangePassword'; username: string }
  | { kind: 'signedIn'; me: Me };

let session: SessionState = { kind: 'loading' };
const listeners = new Set<() => void>();

export function getSession(): SessionState {
  return session;
}

export function setSession(next: SessionState): void {
  session = next;
  listeners.forEach((l) => l());
}

export function useSession(): SessionState {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return session;
}

export function isStaff(me: Me): boolean {
  return me.account.role === 'CONSULTANT' || me.account.role === 'ADMINISTRATOR';
}

/** Reads the account behind the current session (cookie or token). */
export async function loadSession(): Promise<void> {
  try {
    const me = await api.me();
    if (me.mustChangePassword) setSession({ kind: 'mustChangePassword', username: me.username });
    else setSession({ kind: 'signedIn', me });
  } catch (e) {
    if (e instanceof ApiError && e.status === 400 && /password/i.test(e.message)) {
      setSession({ kind: 'mustChangePassword', username: '' });
    } else {
      setSession({ kind: 'signedOut' });
    }
  }
}

export function updateMe(me: Me): void {
  setSession({ kind: 'signedIn', me });
}

setSessionLostHandler(() => {
  if (session.kind === 'signedIn') setSession({ kind: 'signedOut', notice: 'sessionExpired' });
});
