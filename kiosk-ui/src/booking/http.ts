import { type ApiOptions, apiJson } from '../../../ui-shared/api';

export { isTransient, randomId } from '../../../ui-shared/api';

/** On a slow link a request may hang for a long time; after this we say so and offer a retry. */
const TIMEOUT_MS = 25_000;

export type RequestOptions = Pick<ApiOptions, 'body' | 'headers' | 'timeoutMs'> & { method?: 'GET' | 'POST' };

/** The shared client with the timeout a phone on a flaky connection needs. */
export function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return apiJson<T>(path, { ...options, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));
