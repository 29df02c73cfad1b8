import type { LoginResponse, OfficeDetail, OfficeSettings } from '@giliran/contracts';
import { ApiError, api, apiBlob, apiJson, type ApiOptions } from '../../ui-shared/api';

export const SESSION_KEY = 'giliran.counter.session';
export const OFFICE_KEY = 'giliran.counter.office';

export interface Session {
  token: string;
  user: LoginResponse['user'];
}

/** `GET /offices/:id`: the office with its settings, active services and counters. */
export type OfficeFull = OfficeDetail & Partial<OfficeSettings>;

export function storage(kind: 'session' | 'local', key: string, value?: string | null): string | null {
  try {
    const store = kind === 'session' ? sessionStorage : localStorage;
    if (value === undefined) return store.getItem(key);
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
  return null;
}

export function readSession(): Session | null {
  try {
    const raw = storage('session', SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** Everything a screen needs to talk to the API as the signed-in staff member. */
export interface Staff {
  session: Session;
  /** Bearer token on every request; a 401 ends the session (and still throws). */
  api<T>(path: string, options?: ApiOptions): Promise<T | null>;
  json<T>(path: string, options?: ApiOptions): Promise<T>;
  blob(path: string, accept?: string): Promise<Blob>;
}

export function staffClient(session: Session, onUnauthorized: () => void): Staff {
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorized();
      throw err;
    }
  };
  return {
    session,
    api: (path, options = {}) => guard(() => api(path, { ...options, token: session.token })),
    json: (path, options = {}) => guard(() => apiJson(path, { ...options, token: session.token })),
    blob: (path, accept) => guard(() => apiBlob(path, { token: session.token, accept })),
  };
}

export const enc = encodeURIComponent;

/** Today's date (`YYYY-MM-DD`) in an IANA zone. */
export function todayIn(timeZone: string, at = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/** `YYYY-MM-DD` ± days, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
