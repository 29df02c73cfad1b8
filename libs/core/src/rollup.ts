import { percentile } from './stats';

/** One ticket as the analytics see it: its day, local hour of issue, outcome and times. */
export interface VisitFacts {
  /** The ticket's business day and local hour of issue. */
  date: string;
  hour: number;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
  /** Issue → call, for called tickets. */
  waitSeconds: number | null;
  /** Start (or call) → completion, for served tickets. */
  serviceSeconds: number | null;
  serviceId: string;
  /** A walk-in (not a checked-in booking): what the forecast predicts. */
  walkIn: boolean;
}

/** Waits are kept per day as counts of these steps: any target of whole minutes is read exactly. */
export const WAIT_STEP_SECONDS = 10;
/** Under this a service is a click, not a service (as the wait estimate counts them). */
export const MEASURED_SERVICE_SECONDS = 5;
/** The rollup of a whole office (every service) carries this service id. */
export const ALL_SERVICES = '';

/**
 * One day of one service (or of the whole office, ALL_SERVICES) summed up: what every analytics
 * answer needs of that day, so a year is some hundreds of these instead of every ticket.
 * Percentiles of the day are exact; over several days they are read from `waits` to the step.
 */
export interface DayRollup {
  date: string;
  serviceId: string;
  issued: number;
  served: number;
  noShow: number;
  /** Still waiting when rolled up: today's, live (a settled day has none). */
  waiting: number;
  /** Tickets issued per local hour 0..23, and of those the walk-ins. */
  arrivals: number[];
  walkIns: number[];
  waitCount: number;
  waitSum: number;
  waitP90: number | null;
  serviceCount: number;
  serviceSum: number;
  serviceP90: number | null;
  /** Service times of at least MEASURED_SERVICE_SECONDS: what staffing advice is measured from. */
  measuredCount: number;
  measuredSum: number;
  /** Called tickets by wait: `ceil(wait / WAIT_STEP_SECONDS)` → count. */
  waits: Record<string, number>;
}

/** A day's rollups: one per service seen, and the office's (ALL_SERVICES), present even for a day without tickets. */
export function rollUpDay(date: string, visits: readonly VisitFacts[]): DayRollup[] {
  const byService = new Map<string, VisitFacts[]>();
  for (const v of visits) {
    let list = byService.get(v.serviceId);
    if (!list) byService.set(v.serviceId, (list = []));
    list.push(v);
  }
  return [rollUp(date, ALL_SERVICES, visits), ...[...byService].map(([id, list]) => rollUp(date, id, list))];
}

export function rollUp(date: string, serviceId: string, visits: readonly VisitFacts[]): DayRollup {
  const r: DayRollup = {
    date,
    serviceId,
    issued: visits.length,
    served: 0,
    noShow: 0,
    waiting: 0,
    arrivals: Array<number>(24).fill(0),
    walkIns: Array<number>(24).fill(0),
    waitCount: 0,
    waitSum: 0,
    waitP90: null,
    serviceCount: 0,
    serviceSum: 0,
    serviceP90: null,
    measuredCount: 0,
    measuredSum: 0,
    waits: {},
  };
  const waits: number[] = [];
  const services: number[] = [];
  for (const v of visits) {
    if (v.status === 'done') r.served++;
    if (v.status === 'no_show') r.noShow++;
    if (v.status === 'waiting') r.waiting++;
    r.arrivals[v.hour]!++;
    if (v.walkIn) r.walkIns[v.hour]!++;
    if (v.waitSeconds !== null) {
      waits.push(v.waitSeconds);
      const step = String(Math.ceil(v.waitSeconds / WAIT_STEP_SECONDS));
      r.waits[step] = (r.waits[step] ?? 0) + 1;
    }
    if (v.serviceSeconds !== null) {
      services.push(v.serviceSeconds);
      if (v.serviceSeconds >= MEASURED_SERVICE_SECONDS) {
        r.measuredCount++;
        r.measuredSum += v.serviceSeconds;
      }
    }
  }
  r.waitCount = waits.length;
  r.waitSum = waits.reduce((a, b) => a + b, 0);
  r.waitP90 = percentile(waits, 90);
  r.serviceCount = services.length;
  r.serviceSum = services.reduce((a, b) => a + b, 0);
  r.serviceP90 = percentile(services, 90);
  return r;
}

/** Called tickets of these days that waited at most `seconds` (a whole number of steps: exact). */
export function waitedAtMost(days: readonly DayRollup[], seconds: number): number {
  const last = Math.floor(seconds / WAIT_STEP_SECONDS);
  let n = 0;
  for (const d of days) for (const [step, count] of Object.entries(d.waits)) if (Number(step) <= last) n += count;
  return n;
}

/** The p-th percentile wait (nearest rank) over several days, to the step (the upper end of its step). */
export function waitPercentile(days: readonly DayRollup[], p: number): number | null {
  const withWaits = days.filter((d) => d.waitCount);
  if (withWaits.length === 1 && p === 90) return withWaits[0]!.waitP90; // one day: its exact p90
  const steps = new Map<number, number>();
  let total = 0;
  for (const d of days)
    for (const [step, count] of Object.entries(d.waits)) {
      steps.set(Number(step), (steps.get(Number(step)) ?? 0) + count);
      total += count;
    }
  if (!total) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const step of [...steps.keys()].sort((a, b) => a - b)) {
    seen += steps.get(step)!;
    if (seen >= rank) return step * WAIT_STEP_SECONDS;
  }
  return null;
}
