import type { DayFigures, DemandView } from '@giliran/contracts';
import { type DayRollup, waitedAtMost } from './rollup';

/** The answer of `GET .../analytics/demand` (libs/contracts). */
export type Demand = DemandView;
export type { DayFigures };

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * Demand over a period (API.md v1.1 "Office insight"): arrivals by weekday and hour averaged over
 * the days the office was open, each day's figures, and the share called within the target wait.
 * `days`: the period's rollups of one service (or of the office); `openDays`: the days of the
 * period the office was open (weekday hours, not a holiday), with their ISO weekday. Other days
 * are left out of the heatmap, of the daily figures and of the share.
 */
export function demandOf(days: readonly DayRollup[], openDays: readonly { date: string; weekday: number }[], targetWaitMinutes: number): Demand {
  const open = new Map(openDays.map((d) => [d.date, d.weekday]));
  const daysPerWeekday = new Map<number, number>();
  for (const d of openDays) daysPerWeekday.set(d.weekday, (daysPerWeekday.get(d.weekday) ?? 0) + 1);
  const arrivals = new Map<string, number>();
  const byDate = new Map<string, DayRollup>();
  for (const day of days) {
    const weekday = open.get(day.date);
    if (weekday === undefined) continue;
    byDate.set(day.date, day);
    day.arrivals.forEach((n, hour) => n && arrivals.set(`${weekday}|${hour}`, (arrivals.get(`${weekday}|${hour}`) ?? 0) + n));
  }
  const heatmap = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const count = daysPerWeekday.get(weekday) ?? 0;
    for (let hour = 0; hour < 24; hour++)
      heatmap.push({ weekday, hour, averageArrivals: count ? round1((arrivals.get(`${weekday}|${hour}`) ?? 0) / count)! : 0 });
  }
  const counted = [...byDate.values()];
  const called = counted.reduce((n, d) => n + d.waitCount, 0);
  const within = waitedAtMost(counted, targetWaitMinutes * 60);
  return {
    heatmap,
    daily: openDays.map((d) => dayFigures(d.date, byDate.get(d.date))),
    serviceLevel: { targetWaitMinutes, withinTarget: called ? Math.round((within / called) * 1000) / 1000 : null },
  };
}

/** A day's figures from its rollup (zeros for a day without one). */
export function dayFigures(date: string, day: DayRollup | undefined): DayFigures {
  return {
    date,
    issued: day?.issued ?? 0,
    served: day?.served ?? 0,
    noShow: day?.noShow ?? 0,
    avgWaitSeconds: day?.waitCount ? round1(day.waitSum / day.waitCount) : null,
    p90WaitSeconds: day?.waitP90 ?? null,
    avgServiceSeconds: day?.serviceCount ? round1(day.serviceSum / day.serviceCount) : null,
    p90ServiceSeconds: day?.serviceP90 ?? null,
  };
}
