import { DateTime } from 'luxon';
import { localClock } from './business-date';

export interface Break {
  start: string;
  end: string;
}
export interface DayHours {
  weekday: number;
  open: string;
  close: string;
  breaks?: Break[];
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A closing time may also be the end of the day: an office open until midnight closes at 24:00. */
export const CLOSE_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Problems with a week of opening hours, empty when it is valid. */
export function validateWeek(week: readonly DayHours[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const day of week) {
    if (seen.has(day.weekday)) problems.push(`weekday ${day.weekday} appears twice`);
    seen.add(day.weekday);
    if (minutesOf(day.open) >= minutesOf(day.close)) problems.push(`weekday ${day.weekday}: open must be before close`);
    for (const b of day.breaks ?? []) {
      if (minutesOf(b.start) >= minutesOf(b.end)) problems.push(`weekday ${day.weekday}: break start must be before end`);
      if (minutesOf(b.start) < minutesOf(day.open) || minutesOf(b.end) > minutesOf(day.close))
        problems.push(`weekday ${day.weekday}: break must lie within opening hours`);
    }
  }
  return problems;
}

/**
 * Whether the office takes walk-ins at an instant: within the day's hours (breaks included:
 * people keep arriving over lunch and wait for the counters to reopen), and not a holiday.
 */
export function isOpenAt(instant: Date, timeZone: string, week: readonly DayHours[], holidays: ReadonlySet<string>): boolean {
  const clock = localClock(instant, timeZone);
  if (holidays.has(clock.date)) return false;
  const day = week.find((d) => d.weekday === clock.weekday);
  if (!day) return false;
  return clock.minutes >= minutesOf(day.open) && clock.minutes < minutesOf(day.close);
}

/**
 * When the office next opens later on the local day of `instant`: the day's opening when it is
 * earlier than that, the end of the break it is in during one; null when it is open now, has
 * closed for the day, or does not open that day (a holiday, a closed weekday).
 */
export function nextOpeningToday(instant: Date, timeZone: string, week: readonly DayHours[], holidays: ReadonlySet<string>): Date | null {
  const clock = localClock(instant, timeZone);
  if (holidays.has(clock.date)) return null;
  const day = week.find((d) => d.weekday === clock.weekday);
  if (!day) return null;
  const at = (minutes: number) =>
    DateTime.fromISO(clock.date, { zone: timeZone })
      .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
      .toJSDate();
  if (clock.minutes < minutesOf(day.open)) return at(minutesOf(day.open));
  const inBreak = (day.breaks ?? []).find((b) => clock.minutes >= minutesOf(b.start) && clock.minutes < minutesOf(b.end));
  return inBreak ? at(minutesOf(inBreak.end)) : null;
}

/** Where an office stands at an instant: open now and until when, or closed and when it opens next. */
export interface OpenState {
  openNow: boolean;
  /** Open: when it closes today. */
  closesAt: Date | null;
  /** Closed: when it next opens, within `withinDays` (null when not within them). */
  opensAt: Date | null;
}

/** The office's open state at an instant: what a kiosk shows before anyone taps. */
export function openState(instant: Date, timeZone: string, week: readonly DayHours[], holidays: ReadonlySet<string>, withinDays = 14): OpenState {
  const wallClock = (date: string, minutes: number) => DateTime.fromISO(date, { zone: timeZone }).startOf('day').plus({ minutes }).toJSDate();
  const clock = localClock(instant, timeZone);
  if (isOpenAt(instant, timeZone, week, holidays)) {
    const today = week.find((d) => d.weekday === clock.weekday)!;
    return { openNow: true, closesAt: wallClock(clock.date, minutesOf(today.close)), opensAt: null };
  }
  for (let i = 0; i <= withinDays; i++) {
    const day = DateTime.fromISO(clock.date, { zone: timeZone }).plus({ days: i });
    const date = day.toISODate()!;
    const hours = week.find((d) => d.weekday === day.weekday);
    if (!hours || holidays.has(date)) continue;
    const opens = wallClock(date, minutesOf(hours.open));
    if (opens.getTime() > instant.getTime()) return { openNow: false, closesAt: null, opensAt: opens };
  }
  return { openNow: false, closesAt: null, opensAt: null };
}

/** The first day after `date` the office opens (a weekday with hours, not a holiday), within `withinDays`; null if none. */
export function nextOpenDate(date: string, week: readonly DayHours[], holidays: ReadonlySet<string>, withinDays = 31): string | null {
  const start = DateTime.fromISO(date, { zone: 'UTC' });
  for (let i = 1; i <= withinDays; i++) {
    const day = start.plus({ days: i });
    const next = day.toISODate()!;
    if (week.some((d) => d.weekday === day.weekday) && !holidays.has(next)) return next;
  }
  return null;
}
