import { DateTime } from 'luxon';
import { businessDateOf } from './business-date';
import { type ReleaseRule, releaseOf } from './release';

/**
 * The waiting room of a release (API.md v1.1 "Fair access to scarce places"): for `openMinutes`
 * after the slots of a day are released, booking one needs an admission; passes are admitted in
 * the order they joined, `admitPerMinute` a minute; an admission is good for `admissionMinutes`.
 */
export interface WaitingRoomRule {
  admitPerMinute: number;
  admissionMinutes: number;
  openMinutes: number;
}

/** One release and the minutes after it in which booking its day needs an admission. */
export interface ReleaseWindow {
  /** The day whose slots are released. */
  date: string;
  opensAt: Date;
  closesAt: Date;
}

/**
 * The release a waiting room serves. A service without a scheduled release still has one: each
 * midnight the day that enters its booking window opens.
 */
export function releaseRuleOf(release: ReleaseRule | null, bookingWindowDays: number): ReleaseRule {
  return release ?? { daysAhead: bookingWindowDays, at: '00:00' };
}

export function releaseWindow(date: string, release: ReleaseRule, room: WaitingRoomRule, timeZone: string): ReleaseWindow {
  const opensAt = releaseOf(date, release, timeZone)!;
  return { date, opensAt, closesAt: new Date(opensAt.getTime() + room.openMinutes * 60_000) };
}

/** Whether booking a slot of `date` at `now` needs an admission: its release was less than `openMinutes` ago. */
export function needsAdmission(date: string, release: ReleaseRule, room: WaitingRoomRule, timeZone: string, now: Date): boolean {
  const w = releaseWindow(date, release, room, timeZone);
  return now.getTime() >= w.opensAt.getTime() && now.getTime() < w.closesAt.getTime();
}

/** The release a citizen joining at `now` waits for: the one whose window is open, else the next one. */
export function releaseToWaitFor(release: ReleaseRule, room: WaitingRoomRule, timeZone: string, now: Date): ReleaseWindow {
  // Windows are at most a day long, so yesterday's release, today's or tomorrow's.
  const today = DateTime.fromISO(businessDateOf(now, timeZone), { zone: timeZone });
  let window: ReleaseWindow | undefined;
  for (let shift = -1; shift <= 1; shift++) {
    window = releaseWindow(today.plus({ days: release.daysAhead + shift }).toISODate()!, release, room, timeZone);
    if (now.getTime() < window.closesAt.getTime()) return window;
  }
  return window!;
}

/** Milliseconds between two admissions. */
export const admissionInterval = (room: WaitingRoomRule): number => 60_000 / room.admitPerMinute;

/**
 * When the pass `position` places from the front is admitted, if the line keeps its pace: the
 * next admission is due at `nextAdmissionAt`, then one every interval.
 */
export function estimatedAdmitAt(position: number, nextAdmissionAt: number, room: WaitingRoomRule): Date {
  return new Date(Math.ceil(nextAdmissionAt + Math.max(0, position - 1) * admissionInterval(room)));
}
