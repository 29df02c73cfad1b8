import type { ErrorBody } from '@giliran/contracts';

export const API_BASE = '/api/v1';

/** A failed API call: `code` is the server's stable code, or NETWORK_ERROR when it never answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
}

/** JSON in, JSON out; a 204 resolves to `null`. Errors are thrown as {@link ApiError}. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T | null> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err));
  }

  if (res.status === 204) return null;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const body = (data ?? {}) as Partial<ErrorBody>;
    throw new ApiError(res.status, typeof body.code === 'string' ? body.code : `HTTP_${res.status}`, body.message ?? res.statusText);
  }
  return data as T;
}

/** Same as {@link api} for endpoints that never answer 204. */
export async function apiJson<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const data = await api<T>(path, options);
  if (data === null) throw new ApiError(204, 'EMPTY_RESPONSE', 'Empty response');
  return data;
}

export function errorCode(err: unknown): string {
  return err instanceof ApiError ? err.code : 'UNKNOWN';
}
