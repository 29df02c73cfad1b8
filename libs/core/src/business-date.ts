import { DateTime, IANAZone } from 'luxon';

/** A calendar date `YYYY-MM-DD` in an office's own time zone. */
export type BusinessDate = string;

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.includes('/') && IANAZone.isValidZone(zone);
}

/** The office's business date at an instant; never depends on the server's own zone. */
export function businessDateOf(instant: Date, timeZone: string): BusinessDate {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${timeZone}`);
  return local.toISODate() as BusinessDate;
}

/** ISO weekday (1 = Monday … 7 = Sunday) and minutes since local midnight at an instant. */
export function localClock(instant: Date, timeZone: string): { date: BusinessDate; weekday: number; minutes: number } {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return { date: local.toISODate() as BusinessDate, weekday: local.weekday, minutes: local.hour * 60 + local.minute };
}

/** The UTC instant at which a business date begins in a zone. */
export function startOfBusinessDate(date: BusinessDate, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

export function isBusinessDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
