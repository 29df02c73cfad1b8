import type { DemandView, ForecastView } from '@giliran/contracts';
import { businessDateOf, meanAbsoluteError } from '@giliran/core';
import { DateTime } from 'luxon';
import mysql from 'mysql2/promise';
import type { AppProcess, SeededOffice } from '../../test/support/app-process';
import { addOfficeHistory, connect } from '../lib/history';
import { type Figures, figures, load, progress, round } from '../lib/measure';
import { api, giliranOnMysql, seedOffice } from '../lib/setup';
import type { Scale, ScenarioResult } from '../lib/types';

/** The API's own database (history.ts's connection: UTC both ways). */
const connectTo = (databaseUrl: string) => connect(databaseUrl, new URL(databaseUrl).pathname.slice(1));

/** A year of a busy office: 365 days of 2,800 tickets is about a million (the smoke run: a month of 200). */
const SIZES = {
  full: { days: 365, ticketsPerOfficeDay: 2_800, reads: 200, issues: 1_000 },
  tiny: { days: 30, ticketsPerOfficeDay: 200, reads: 20, issues: 100 },
};
const READ_CONCURRENCY = 4;
const ZONE = 'Asia/Jakarta';
const ISSUE_CONCURRENCY = 10;

/**
 * Issue #17: every analytics endpoint over a year of a busy office on MariaDB answers with p99
 * under 500 ms, and walk-in issuance does as well as before the rollups existed. The raw baseline
 * is what MariaDB alone takes to aggregate that year by day and hour (one GROUP BY over the
 * office's tickets by its index): the work the rollups save.
 */
export async function analytics(scale: Scale): Promise<ScenarioResult[]> {
  const size = SIZES[scale];
  const app = await giliranOnMysql('analytics');
  try {
    const seed = await seedOffice(app.baseUrl, { timezone: ZONE });
    progress(`analytics: generating ${size.days} days of ${size.ticketsPerOfficeDay} tickets`);
    const t0 = performance.now();
    await addOfficeHistory(app.env.DATABASE_URL!, seed.officeId, { days: size.days, ticketsPerOfficeDay: size.ticketsPerOfficeDay });
    const generatedSeconds = round((performance.now() - t0) / 1000);
    const tickets = await countTickets(app.env.DATABASE_URL!, seed.officeId);

    const before = await issuance(app, seed, size.issues, 'before the rollups');
    const year = period(size.days);
    const raw = await rawAggregate(app.env.DATABASE_URL!, seed.officeId, year, 5);
    // What the end of each day would have done over the year: each month read once, cold, rolls up its days.
    const coldMonthMs: number[] = [];
    for (const month of months(year)) {
      progress(`analytics: the first read of ${month.from} … ${month.to}`);
      const t = performance.now();
      const r = await api(
        app.baseUrl,
        'GET',
        `/api/v1/offices/${seed.officeId}/analytics/demand?from=${month.from}&to=${month.to}`,
        undefined,
        seed.adminToken,
      );
      if (r.status !== 200) throw new Error(`analytics: demand answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      coldMonthMs.push(performance.now() - t);
    }
    const first = await api<DemandView>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${seed.officeId}/analytics/demand?from=${year.from}&to=${year.to}`,
      undefined,
      seed.adminToken,
    );
    const coldMonthMsMax = round(Math.max(...coldMonthMs));
    // Every generated ticket is in the year's figures once (the office is open every day).
    const issuedInDemand = first.body.daily.reduce((n, d) => n + d.issued, 0);
    const after = await issuance(app, seed, size.issues, 'after the rollups');
    const forecast = await forecastError(app, seed, year.to);

    const o = `/api/v1/offices/${seed.officeId}`;
    const tomorrow = DateTime.fromISO(businessDateOf(new Date(), ZONE), { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
    const endpoints: [string, string][] = [
      ['demand, a year', `${o}/analytics/demand?from=${year.from}&to=${year.to}`],
      ['demand, a year of one service', `${o}/analytics/demand?from=${year.from}&to=${year.to}&serviceId=${seed.services[0].id}`],
      ['forecast', `${o}/analytics/forecast?date=${tomorrow}`],
      ['staffing', `${o}/staffing?date=${tomorrow}`],
      ['erlang-c', `/api/v1/staffing/erlang-c?arrivalsPerHour=720&avgServiceSeconds=240&counters=55&targetWaitSeconds=20`],
      ['survey, a year', `${o}/survey?from=${year.from}&to=${year.to}`],
      ['performance (public)', `${o}/performance`],
    ];
    const results: ScenarioResult[] = [];
    for (const [name, path] of endpoints) {
      progress(`analytics: ${name}`);
      const r = await load(
        size.reads,
        READ_CONCURRENCY,
        () => timed(() => api(app.baseUrl, 'GET', path, undefined, seed.adminToken)),
        (x) => x.status === 200,
      );
      const f = figures(
        r.results.map((x) => x.ms),
        r.errors,
        r.seconds,
      );
      results.push({
        name: `analytics: ${name}`,
        baseline: { ...raw, what: `MariaDB alone: the year by day and hour (GROUP BY over ${tickets} tickets)` },
        giliran: { ...f, what: `GET ${path.replace(seed.officeId, ':officeId').split('?')[0]}` },
        ratio: round(raw.p99 / Math.max(0.01, f.p99)),
        target: 'p99 < 500 ms',
        met: f.p99 < 500 && f.errors === 0,
        checks: { tickets },
      });
    }
    const ratio = round(after.perSecond / before.perSecond);
    results.push({
      name: 'analytics: walk-in issuance',
      baseline: { ...before, what: 'walk-in issuance on the year, before the rollups' },
      giliran: { ...after, what: 'walk-in issuance on the year, after the rollups' },
      ratio,
      target: 'after/before ≥ 0.95',
      met: ratio >= 0.95 && after.errors === 0,
      checks: { tickets, issuedInDemand, generatedSeconds, coldMonthMsMax, ...forecast },
    });
    return results;
  } finally {
    await app.stop();
  }
}

/** The same days as the generator's: the `days` days before the office's today. */
function period(days: number): { from: string; to: string } {
  const today = DateTime.fromISO(businessDateOf(new Date(), ZONE), { zone: 'UTC' });
  return { from: today.minus({ days }).toISODate()!, to: today.minus({ days: 1 }).toISODate()! };
}

/**
 * How well the forecast predicted the generated history: each of the last four weeks' days
 * forecast from the weeks before it (as the endpoint does for any date) against the walk-ins
 * that came, hour by hour; the mean absolute error per hour (libs/core meanAbsoluteError) over
 * those days, and the mean walk-ins per open hour for scale.
 */
async function forecastError(
  app: AppProcess,
  seed: SeededOffice,
  last: string,
): Promise<{ forecastMaePerHour: number; walkInsPerHour: number; forecastDays: number }> {
  const conn = await connectTo(app.env.DATABASE_URL!);
  try {
    const errors: number[] = [];
    const perHour: number[] = [];
    for (let back = 27; back >= 0; back--) {
      const date = DateTime.fromISO(last, { zone: 'UTC' }).minus({ days: back }).toISODate()!;
      progress(`analytics: forecast of ${date} against what came`);
      const f = await api<ForecastView>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/analytics/forecast?date=${date}`, undefined, seed.adminToken);
      if (f.status !== 200 || f.body.basis.weeks === 0) continue;
      const [rows] = await conn.query<mysql.RowDataPacket[]>(
        "SELECT HOUR(CONVERT_TZ(issued_at, '+00:00', '+07:00')) AS h, COUNT(*) AS n FROM ticket WHERE office_id = ? AND business_date = ? AND appointment_id IS NULL GROUP BY h",
        [seed.officeId, date],
      );
      const actual = Array<number>(24).fill(0);
      for (const r of rows) actual[Number(r.h)] = Number(r.n);
      errors.push(meanAbsoluteError(f.body.byHour, actual));
      perHour.push(...actual.filter((n) => n > 0));
    }
    const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
    return { forecastMaePerHour: round(mean(errors)), walkInsPerHour: round(mean(perHour)), forecastDays: errors.length };
  } finally {
    await conn.end();
  }
}

/** The period in months (the last one shorter). */
function months(p: { from: string; to: string }): { from: string; to: string }[] {
  const out = [];
  for (let d = DateTime.fromISO(p.from, { zone: 'UTC' }); d.toISODate()! <= p.to; d = d.plus({ months: 1 })) {
    const end = d.plus({ months: 1 }).minus({ days: 1 }).toISODate()!;
    out.push({ from: d.toISODate()!, to: end < p.to ? end : p.to });
  }
  return out;
}

async function timed<T>(work: () => Promise<T>): Promise<T & { ms: number }> {
  const t = performance.now();
  const answer = await work();
  return Object.assign(answer as object, { ms: performance.now() - t }) as T & { ms: number };
}

async function issuance(app: AppProcess, seed: SeededOffice, n: number, what: string): Promise<Figures> {
  progress(`analytics: walk-in issuance ${what}`);
  const r = await load(
    n,
    ISSUE_CONCURRENCY,
    (i) => timed(() => api(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[i % 2].id })),
    (x) => x.status === 201,
  );
  return figures(
    r.results.map((x) => x.ms),
    r.errors,
    r.seconds,
  );
}

async function countTickets(databaseUrl: string, officeId: string): Promise<number> {
  const conn = await connectTo(databaseUrl);
  try {
    const [[row]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM ticket WHERE office_id = ?', [officeId]);
    return Number(row!.n);
  } finally {
    await conn.end();
  }
}

/** `times` runs of the year's arrivals and waits by day and hour, in MariaDB alone. */
async function rawAggregate(databaseUrl: string, officeId: string, year: { from: string; to: string }, times: number): Promise<Figures> {
  const conn = await connectTo(databaseUrl);
  try {
    const ms: number[] = [];
    const started = performance.now();
    for (let i = 0; i < times; i++) {
      progress(`analytics: raw baseline ${i + 1}/${times}`);
      const t = performance.now();
      await conn.query(
        'SELECT business_date, HOUR(issued_at) AS h, COUNT(*) AS n, AVG(TIMESTAMPDIFF(SECOND, issued_at, called_at)) AS w ' +
          'FROM ticket WHERE office_id = ? AND business_date BETWEEN ? AND ? GROUP BY business_date, h',
        [officeId, year.from, year.to],
      );
      ms.push(performance.now() - t);
    }
    return figures(ms, 0, (performance.now() - started) / 1000);
  } finally {
    await conn.end();
  }
}
