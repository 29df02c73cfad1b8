import { formatTime, zoneLabel } from '../../../ui-shared/dom';

/** Business dates (`YYYY-MM-DD`) are calendar days of the office; arithmetic on them is done in UTC. */

export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const asUtc = (date: string) => new Date(`${date}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  const d = asUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `Senin, 30 November 2026` (long), `Senin, 30 November` (medium) or `Senin` (weekday) for a business date. */
export function formatDay(date: string, locale: string, style: 'long' | 'medium' | 'weekday' = 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : style === 'medium'
        ? { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }
        : { timeZone: 'UTC', weekday: 'long' };
  return new Intl.DateTimeFormat(locale, options).format(asUtc(date));
}

/** `08:30–08:45 WIB` in the office's zone. */
export function formatRange(start: string, end: string, timeZone: string, locale: string): string {
  return `${formatTime(start, timeZone, locale)}–${formatTime(end, timeZone, locale)} ${zoneLabel(timeZone)}`;
}

/** The office-local hour of an instant, to group slots by part of the day. */
export function localHour(iso: string, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return Number(hour);
}

/** A service's booking window as business dates: today (in the office's zone) and `days` on. */
export function bookingWindow(timeZone: string, days: number): { from: string; to: string } {
  const today = todayIn(timeZone);
  return { from: today, to: addDays(today, Math.max(0, days)) };
}

/** The list with one day replaced by its fresh answer (kept as it was without one). */
export function withDay<T extends { date: string }>(days: T[] | null, date: string, fresh: T | null): T[] | null {
  if (!fresh || !days) return days;
  return days.map((d) => (d.date === date ? fresh : d));
}
