import { type ApiOptions, apiJson } from '../../../ui-shared/api';
import { addDays } from './dates';
import type { Availability, DayView } from './types';

export { isTransient, randomId } from '../../../ui-shared/api';

/** On a slow link a request may hang for a long time; after this we say so and offer a retry. */
const TIMEOUT_MS = 25_000;

export type RequestOptions = Pick<ApiOptions, 'body' | 'headers' | 'timeoutMs'> & { method?: 'GET' | 'POST' };

/** The shared client with the timeout a phone on a flaky connection needs. */
export function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return apiJson<T>(path, { ...options, timeoutMs: options.timeoutMs ?? TIMEOUT_MS });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

/** The server answers at most this many days of availability at once. */
const MAX_DAYS_PER_QUERY = 62;

/** A service's bookable days from `from` to `to` (inclusive), asked in pieces the server accepts. */
export async function availableDays(officeId: string, serviceId: string, from: string, to: string): Promise<DayView[]> {
  const parts: [string, string][] = [];
  for (let start = from; start <= to; start = addDays(start, MAX_DAYS_PER_QUERY + 1)) {
    const end = addDays(start, MAX_DAYS_PER_QUERY);
    parts.push([start, end < to ? end : to]);
  }
  const answers = await Promise.all(
    parts.map(([a, b]) =>
      request<Availability>(`/offices/${encodeURIComponent(officeId)}/services/${encodeURIComponent(serviceId)}/availability?from=${a}&to=${b}`),
    ),
  );
  return answers.flatMap((a) => a.days);
}

/** One day asked again (after SLOT_FULL); null when it could not be asked: the server refuses a full slot anyway. */
export async function dayAgain(officeId: string, serviceId: string, date: string): Promise<DayView | null> {
  try {
    const [fresh] = await availableDays(officeId, serviceId, date, date);
    return fresh ?? null;
  } catch {
    return null;
  }
}
