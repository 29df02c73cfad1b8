import type { ErrorBody } from '@giliran/contracts';
import { noteServerDate } from './server-clock';

export const API_BASE = '/api/v1';

/** A failed API call: `code` is the server's stable code, or NETWORK_ERROR when it never answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For VALIDATION_FAILED: the offending fields (`week.0.open`) and what is wrong with each. */
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type FieldProblem = NonNullable<ErrorBody['fields']>[number];

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  /** Extra headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  /** Give up after this long (a phone on a slow link); the failure is NETWORK_ERROR, safe to retry. */
  timeoutMs?: number;
  /**
   * A public read polled again and again (a ticket's tracking): the browser keeps the last answer
   * and asks with its entity tag, so an unchanged one comes back as a 304 without a body. Not for
   * personal data, which is never kept on a device that may be shared.
   */
  revalidate?: boolean;
}

/** JSON in, JSON out; a 204 resolves to `null`. Errors are thrown as {@link ApiError}. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T | null> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  const abort = new AbortController();
  const onAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.timeoutMs ? setTimeout(onAbort, options.timeoutMs) : undefined;
  let res: Response;
  let text: string;
  const sentAt = Date.now();
  try {
    res = await fetch(API_BASE + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: abort.signal,
      cache: options.revalidate ? 'no-cache' : 'no-store',
    });
    noteServerDate(res.headers.get('date'), sentAt, Date.now());
    text = res.status === 204 ? '' : await res.text();
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  if (res.status === 204) return null;
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
    throw new ApiError(
      res.status,
      typeof body.code === 'string' ? body.code : `HTTP_${res.status}`,
      body.message ?? res.statusText,
      Array.isArray(body.fields) ? body.fields : [],
    );
  }
  return data as T;
}

/** Same as {@link api} for endpoints that never answer 204. */
export async function apiJson<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const data = await api<T>(path, options);
  if (data === null) throw new ApiError(204, 'EMPTY_RESPONSE', 'Empty response');
  return data;
}

/** A gateway hiccup or no answer at all: the same request may be sent again. */
export function isTransient(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504);
}

/** A random UUID v4 (for Idempotency-Key); `crypto.randomUUID` exists only on HTTPS pages, `getRandomValues` everywhere. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function errorCode(err: unknown): string {
  return err instanceof ApiError ? err.code : 'UNKNOWN';
}

/**
 * A file from the API (CSV exports) as a Blob: a plain link cannot carry the bearer
 * token. Errors are thrown as {@link ApiError}, like {@link api}.
 */
export async function apiBlob(path: string, options: Pick<ApiOptions, 'token' | 'signal'> & { accept?: string } = {}): Promise<Blob> {
  const headers: Record<string, string> = { Accept: options.accept ?? '*/*' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { headers, signal: options.signal, cache: 'no-store' });
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    let body: Partial<ErrorBody> = {};
    try {
      body = (await res.json()) as Partial<ErrorBody>;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new ApiError(res.status, typeof body.code === 'string' ? body.code : `HTTP_${res.status}`, body.message ?? res.statusText);
  }
  return res.blob();
}

/** Hands a Blob to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
