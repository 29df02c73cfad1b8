import { DateTime } from 'luxon';
import { minutesOf } from './opening-hours';

/**
 * Scheduled release (API.md v1.1 "Fair access to scarce places"): the slots of day D become
 * bookable at `at` (office time) on day D − `daysAhead`.
 */
export interface ReleaseRule {
  daysAhead: number;
  at: string;
}

/** The instant the slots of `date` open for booking; null without a release rule (always open). */
export function releaseOf(date: string, rule: ReleaseRule | null, timeZone: string): Date | null {
  if (!rule) return null;
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf('day').minus({ days: rule.daysAhead });
  // Wall-clock time of the office (a day with a clock change keeps "09:00" at 09:00).
  const minutes = minutesOf(rule.at);
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toJSDate();
}

/** Whether the slots of `date` are bookable at `now`. */
export function isReleased(date: string, rule: ReleaseRule | null, timeZone: string, now: Date): boolean {
  const opens = releaseOf(date, rule, timeZone);
  return opens === null || now.getTime() >= opens.getTime();
}
