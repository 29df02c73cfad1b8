import { DateTime } from 'luxon';
import { type DayHours, minutesOf } from './opening-hours';
import { type ReleaseRule, releaseOf } from './release';

export interface SlotRules {
  slotMinutes: number;
  capacity: number;
  /** Earliest and latest days ahead (0 = today) a citizen may book. */
  minDaysAhead: number;
  maxDaysAhead: number;
  /** A slot starting sooner than this is no longer offered. */
  leadMinutes: number;
}

export interface Slot {
  start: Date;
  end: Date;
  capacity: number;
  remaining: number;
}

export interface AvailabilityDay {
  date: string;
  slots: Slot[];
  /** A day not released yet: when its slots open for booking (it has none until then). */
  opensAt?: Date;
}

/**
 * The bookable slots of a service between two business dates: open hours minus breaks and
 * holidays, within the booking window, never in the past, with what is left of each slot.
 * Slots are laid from the opening time; one that would run into a break or past closing is not offered.
 */
export function availability(input: {
  from: string;
  to: string;
  now: Date;
  timeZone: string;
  week: readonly DayHours[];
  holidays: ReadonlySet<string>;
  rules: SlotRules;
  booked: ReadonlyMap<number, number>;
  /** The service's scheduled release; a day before its release is listed with `opensAt` and no slots. */
  release?: ReleaseRule | null;
}): AvailabilityDay[] {
  const { timeZone, rules } = input;
  const today = DateTime.fromJSDate(input.now, { zone: timeZone }).startOf('day');
  const first = DateTime.max(DateTime.fromISO(input.from, { zone: timeZone }), today.plus({ days: rules.minDaysAhead }));
  const last = DateTime.min(DateTime.fromISO(input.to, { zone: timeZone }), today.plus({ days: rules.maxDaysAhead }));
  const earliestStart = input.now.getTime() + rules.leadMinutes * 60_000;
  const days: AvailabilityDay[] = [];
  for (let day = first.startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate() as string;
    const hours = input.week.find((d) => d.weekday === day.weekday);
    if (!hours || input.holidays.has(date)) {
      days.push({ date, slots: [] });
      continue;
    }
    const opensAt = releaseOf(date, input.release ?? null, timeZone);
    if (opensAt && input.now.getTime() < opensAt.getTime()) {
      days.push({ date, slots: [], opensAt });
      continue;
    }
    const close = minutesOf(hours.close);
    const breaks = (hours.breaks ?? []).map((b) => [minutesOf(b.start), minutesOf(b.end)] as const);
    const slots: Slot[] = [];
    // luxon adds minutes as exact time (not wall-clock time), so a slot is the day's start plus its
    // minutes: plain arithmetic, instead of zone arithmetic per slot (most of a booking's CPU).
    const dayStart = day.toMillis();
    for (let m = minutesOf(hours.open); m + rules.slotMinutes <= close; m += rules.slotMinutes) {
      const end = m + rules.slotMinutes;
      const clash = breaks.find(([bs, be]) => m < be && end > bs);
      if (clash) {
        m = clash[1] - rules.slotMinutes; // continue right after the break
        continue;
      }
      const start = new Date(dayStart + m * 60_000);
      if (start.getTime() < earliestStart) continue;
      const taken = input.booked.get(start.getTime()) ?? 0;
      slots.push({ start, end: new Date(dayStart + end * 60_000), capacity: rules.capacity, remaining: Math.max(0, rules.capacity - taken) });
    }
    days.push({ date, slots });
  }
  return days;
}

/** Whether an instant is the start of an offered slot (booking and rescheduling check this). */
export function findSlot(days: readonly AvailabilityDay[], start: Date): Slot | null {
  for (const d of days) for (const s of d.slots) if (s.start.getTime() === start.getTime()) return s;
  return null;
}

/** The check-in window around a slot's start. */
export function checkInWindow(slotStart: Date, earlyMinutes: number, lateMinutes: number): { opens: Date; closes: Date } {
  return { opens: new Date(slotStart.getTime() - earlyMinutes * 60_000), closes: new Date(slotStart.getTime() + lateMinutes * 60_000) };
}
