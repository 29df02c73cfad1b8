import type { DayFigures, DemandView } from '@giliran/contracts';
import { percentile } from './stats';

/**
 * Demand over a period (API.md v1.1 "Office insight"): arrivals by weekday and hour averaged over
 * the days the office was open, each day's figures, and the share called within the target wait.
 */
export interface VisitFacts {
  /** The ticket's business day and local hour of issue. */
  date: string;
  hour: number;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
  /** Issue → call, for called tickets. */
  waitSeconds: number | null;
  /** Start (or call) → completion, for served tickets. */
  serviceSeconds: number | null;
}

/** The answer of `GET .../analytics/demand` (libs/contracts). */
export type Demand = DemandView;
export type { DayFigures };

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const mean = (v: readonly number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

/**
 * `openDays`: the days of the period the office was open (weekday hours, not a holiday), with their
 * ISO weekday; visits on other days are left out of the heatmap, as their days are of its averages.
 */
export function demandOf(visits: readonly VisitFacts[], openDays: readonly { date: string; weekday: number }[], targetWaitMinutes: number): Demand {
  const open = new Map(openDays.map((d) => [d.date, d.weekday]));
  const daysPerWeekday = new Map<number, number>();
  for (const d of openDays) daysPerWeekday.set(d.weekday, (daysPerWeekday.get(d.weekday) ?? 0) + 1);
  const arrivals = new Map<string, number>();
  const byDay = new Map<string, VisitFacts[]>();
  for (const v of visits) {
    const weekday = open.get(v.date);
    if (weekday === undefined) continue;
    const cell = `${weekday}|${v.hour}`;
    arrivals.set(cell, (arrivals.get(cell) ?? 0) + 1);
    let day = byDay.get(v.date);
    if (!day) byDay.set(v.date, (day = []));
    day.push(v);
  }
  const heatmap = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const days = daysPerWeekday.get(weekday) ?? 0;
    for (let hour = 0; hour < 24; hour++)
      heatmap.push({ weekday, hour, averageArrivals: days ? round1((arrivals.get(`${weekday}|${hour}`) ?? 0) / days)! : 0 });
  }
  const daily = openDays.map((d) => dayFigures(d.date, byDay.get(d.date) ?? []));
  const waits = visits.filter((v) => open.has(v.date) && v.waitSeconds !== null).map((v) => v.waitSeconds!);
  const within = waits.filter((w) => w <= targetWaitMinutes * 60).length;
  return { heatmap, daily, serviceLevel: { targetWaitMinutes, withinTarget: waits.length ? Math.round((within / waits.length) * 1000) / 1000 : null } };
}

export function dayFigures(date: string, visits: readonly VisitFacts[]): DayFigures {
  const waits = visits.filter((v) => v.waitSeconds !== null).map((v) => v.waitSeconds!);
  const services = visits.filter((v) => v.serviceSeconds !== null).map((v) => v.serviceSeconds!);
  return {
    date,
    issued: visits.length,
    served: visits.filter((v) => v.status === 'done').length,
    noShow: visits.filter((v) => v.status === 'no_show').length,
    avgWaitSeconds: round1(mean(waits)),
    p90WaitSeconds: percentile(waits, 90),
    avgServiceSeconds: round1(mean(services)),
    p90ServiceSeconds: percentile(services, 90),
  };
}
