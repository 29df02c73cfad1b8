import { DateTime, IANAZone } from 'luxon';

/** A calendar date `YYYY-MM-DD` in an office's own time zone. */
export type BusinessDate = string;

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.includes('/') && IANAZone.isValidZone(zone);
}

/** The office's business date at an instant; never depends on the server's own zone. */
export function businessDateOf(instant: Date, timeZone: string): BusinessDate {
  return localClock(instant, timeZone).date;
}

export interface LocalClock {
  date: BusinessDate;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

/**
 * Every request asks for the local date and time of its office, and time-zone arithmetic is the
 * dearest part of that; within one UTC minute the answer is the same (zone offsets today are whole
 * minutes), so it is kept per zone and minute.
 */
const clocks = new Map<string, LocalClock>();

/** ISO weekday (1 = Monday … 7 = Sunday) and minutes since local midnight at an instant. */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const key = `${timeZone}|${Math.floor(instant.getTime() / 60_000)}`;
  const hit = clocks.get(key);
  if (hit) return hit;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${timeZone}`);
  const clock = Object.freeze({ date: local.toISODate() as BusinessDate, weekday: local.weekday, minutes: local.hour * 60 + local.minute });
  if (clocks.size >= 512) clocks.clear();
  clocks.set(key, clock);
  return clock;
}

/** The UTC instant at which a business date begins in a zone. */
export function startOfBusinessDate(date: BusinessDate, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

export function isBusinessDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
