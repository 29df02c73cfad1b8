import { localClock } from './business-date';
import { minutesOf } from './opening-hours';

/**
 * A service's daily places by channel (API.md v1.1 "Fair access to scarce places"); null = no
 * limit. Priority walk-ins count against `priority` when it is set, else against `walkIn`.
 * Check-ins of booked citizens count against none of them.
 */
export interface ChannelQuota {
  online: number | null;
  walkIn: number | null;
  priority: number | null;
  /** "HH:MM" office time from which today's online places nobody booked become walk-in places. */
  onlineRolloverAt: string | null;
}

/** The walk-ins a service's day has given so far. */
export interface WalkInCounts {
  walkIns: number;
  priorityWalkIns: number;
}

/** What a day's walk-ins are held to: its walk-in places (roll-over included) and its priority places. */
export interface WalkInLimits {
  walkIn: number | null;
  priority: number | null;
}

/** Whether the roll-over hour has come on `businessDate` (later days' places never roll over). */
export function rolledOver(quota: ChannelQuota, now: Date, timeZone: string, businessDate: string): boolean {
  if (quota.onlineRolloverAt === null) return false;
  const clock = localClock(now, timeZone);
  return clock.date > businessDate || (clock.date === businessDate && clock.minutes >= minutesOf(quota.onlineRolloverAt));
}

/**
 * The limits of a day's walk-ins: after the roll-over hour, the online places nobody booked are
 * walk-in places too (with no walk-in limit there is nothing to grow; with no online quota there
 * are no counted online places to give).
 */
export function walkInLimits(quota: ChannelQuota, rollover: { passed: boolean; onlineBooked: number }): WalkInLimits {
  const unbooked = quota.online === null ? 0 : Math.max(0, quota.online - rollover.onlineBooked);
  const walkIn = quota.walkIn === null ? null : quota.walkIn + (rollover.passed ? unbooked : 0);
  return { walkIn, priority: quota.priority };
}

/**
 * Which of a burst of walk-ins, in arrival order, still find a place, given what the day had
 * already given (`before`). A refused one does not stop a later one of the other kind.
 */
export function admitWalkIns(priorities: readonly ('regular' | 'priority')[], before: WalkInCounts, limits: WalkInLimits): boolean[] {
  let regular = before.walkIns - before.priorityWalkIns;
  let priority = before.priorityWalkIns;
  return priorities.map((p) => {
    if (p === 'priority' && limits.priority !== null) {
      if (priority >= limits.priority) return false;
      priority++;
      return true;
    }
    // Without a priority quota, a priority walk-in takes a walk-in place like any other.
    const used = limits.priority === null ? regular + priority : regular;
    if (limits.walkIn !== null && used >= limits.walkIn) return false;
    if (p === 'priority') priority++;
    else regular++;
    return true;
  });
}

/** Regular walk-in places left (what the kiosk and the board show); null = no limit. */
export function walkInRemaining(counts: WalkInCounts, limits: WalkInLimits): number | null {
  if (limits.walkIn === null) return null;
  const used = limits.priority === null ? counts.walkIns : counts.walkIns - counts.priorityWalkIns;
  return Math.max(0, limits.walkIn - used);
}

/** Places left today for a priority walk-in: its own quota when set, else the walk-in places it shares; null = no limit. */
export function priorityRemaining(counts: WalkInCounts, limits: WalkInLimits): number | null {
  if (limits.priority !== null) return Math.max(0, limits.priority - counts.priorityWalkIns);
  return walkInRemaining(counts, limits);
}
