import { DayRollupRow, Ticket } from '@giliran/database';
import { MaintenanceService } from '@giliran/operations';
import { randomBytes, randomUUID } from 'node:crypto';
import { createIntHarness, type IntHarness, officeFixture } from '../../../../test/support/int-harness';
import { AnalyticsService } from './analytics.service';
import { PerformanceService } from './performance.service';

// API.md v1.1 "Office insight", on MariaDB and SQLite (TEST_DB), from a generated history with
// known answers. The office (Jakarta, UTC+7) is open Monday to Friday. "Now" is Monday
// 2026-12-07 08:00 WIB; the four Mondays before it had, at 09:00, 10, 12, 14 and 16 walk-ins, and
// at 10:00 always 4; 2026-11-16 was a holiday whose 50 stray tickets must count nowhere.
const NOW = new Date('2026-12-07T01:00:00.000Z');
const MONDAYS = ['2026-11-09', '2026-11-23', '2026-11-30', '2026-11-02'];
const AT_NINE = [10, 12, 14, 16];
const HOLIDAY = '2026-11-16';

describe('office insight', () => {
  let h: IntHarness;
  let analytics: AnalyticsService;
  let office: Awaited<ReturnType<typeof officeFixture>>;
  let seq = 0;

  /** `n` tickets issued at `hh:mm` local on `date`, each called after `waitMin` minutes and served in `serviceMin`. */
  function tickets(date: string, hhmm: string, n: number, waitMin: number, serviceMin: number, status: Ticket['status'] = 'done'): Ticket[] {
    return Array.from({ length: n }, () => {
      const issued = new Date(`${date}T${hhmm}:00+07:00`);
      const called = new Date(issued.getTime() + waitMin * 60_000);
      const finished = new Date(called.getTime() + serviceMin * 60_000);
      const s = ++seq;
      return Object.assign(new Ticket(), {
        id: randomUUID(),
        officeId: office.officeId,
        serviceId: office.services[0].id,
        originServiceId: office.services[0].id,
        businessDate: date,
        sequence: s,
        number: `A-${s}`,
        priority: 'regular',
        channel: 'kiosk',
        status,
        sortClass: 3,
        sortAt: issued,
        issuedAt: issued,
        calledAt: status === 'waiting' ? null : called,
        startedAt: status === 'done' ? called : null,
        finishedAt: status === 'done' || status === 'no_show' ? finished : null,
        counterId: office.counters[0].id,
        recallCount: 0,
        trackingToken: randomBytes(16).toString('base64url'),
        appointmentId: null,
        phoneSealed: null,
      });
    });
  }

  beforeAll(async () => {
    h = await createIntHarness('insight');
    analytics = h.app.get(AnalyticsService);
    office = await officeFixture(h);
    await h.offices.setHours(h.admin, office.officeId, { week: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '15:00' })) });
    await h.offices.addHoliday(h.admin, office.officeId, { date: HOLIDAY, name: 'Libur' });
    const rows: Ticket[] = [];
    MONDAYS.forEach((date, i) => rows.push(...tickets(date, '09:10', AT_NINE[i]!, 10, 5), ...tickets(date, '10:05', 4, 40, 5)));
    rows.push(...tickets(HOLIDAY, '09:00', 50, 1, 1));
    // One no-show on a Tuesday.
    rows.push(...tickets('2026-12-01', '11:00', 1, 20, 1, 'no_show'));
    for (let i = 0; i < rows.length; i += 50) await h.dataSource.getRepository(Ticket).insert(rows.slice(i, i + 50));
  });
  afterAll(() => h.close());

  it('averages Monday arrivals per hour over the open Mondays only, with daily figures and the share within the target', async () => {
    const d = await analytics.demand(h.admin, office.officeId, '2026-11-01', '2026-12-06', undefined, NOW);
    const cell = (weekday: number, hour: number) => d.heatmap.find((c) => c.weekday === weekday && c.hour === hour)!.averageArrivals;
    // Four open Mondays (the holiday left out): (10+12+14+16)/4 = 13 at nine, 4 at ten.
    expect(cell(1, 9)).toBe(13);
    expect(cell(1, 10)).toBe(4);
    expect(cell(6, 9)).toBe(0);
    expect(d.daily.map((x) => x.date)).not.toContain(HOLIDAY);
    expect(d.daily.find((x) => x.date === '2026-11-30')).toMatchObject({ issued: 18, served: 18, noShow: 0, p90WaitSeconds: 2400, avgServiceSeconds: 300 });
    expect(d.daily.find((x) => x.date === '2026-12-01')).toMatchObject({ issued: 1, noShow: 1 });
    // Waits: 52 of 10 min and 16 of 40 min, one of 20: 53 of 69 within 30 minutes.
    expect(d.serviceLevel).toEqual({ targetWaitMinutes: 30, withinTarget: Math.round((53 / 69) * 1000) / 1000 });
  });

  it('forecasts a Monday from the open Mondays before it, and advises counters by Erlang C', async () => {
    const f = await analytics.forecast(h.admin, office.officeId, '2026-12-07', undefined, NOW);
    expect(f.basis.weeks).toBe(4);
    expect(f.basis.dates).not.toContain(HOLIDAY);
    expect(f.byHour[9]).toMatchObject({ hour: 9, expectedArrivals: 13, booked: 0 });
    // Standard deviation of 10, 12, 14, 16 is 2.58: 13 ± 3.3.
    expect(f.byHour[9]!.low).toBeCloseTo(9.7, 1);
    expect(f.byHour[9]!.high).toBeCloseTo(16.3, 1);
    expect(f.byHour[10]).toMatchObject({ expectedArrivals: 4, low: 4, high: 4 });
    const s = await analytics.staffing(h.admin, office.officeId, '2026-12-07', { targetWaitMinutes: 5, serviceLevel: 0.8 }, NOW);
    // 13 an hour at 5 minutes each is 1.08 Erlang: one counter cannot keep up; two serve over 80 % within 5 minutes.
    expect(s.byHour[9]).toMatchObject({ expectedArrivals: 13, avgServiceSeconds: 300, countersNeeded: 2 });
    expect(analytics.erlangC(13, 300, 1, 300).stable).toBe(false);
    expect(s.byHour[9]!.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(s.byHour[3]).toMatchObject({ expectedArrivals: 0, countersNeeded: 0 });
  });

  it('shows the public how the office does, with nothing personal', async () => {
    const p = await h.app.get(PerformanceService).performance(office.officeId, NOW);
    // In the window: the Mondays of 11-09, 11-23 and 11-30 (14, 16 and 18 served) and the holiday's 50, counted as they happened; one no-show.
    expect(p.last30Days).toMatchObject({
      from: '2026-11-08',
      to: '2026-12-07',
      served: 98,
      noShowRate: Math.round((1 / 99) * 1000) / 1000,
      ikm: null,
      responses: 0,
    });
    expect(p.today).toEqual({ served: 0, waiting: 0, avgWaitMinutes: null });
    expect(JSON.stringify(p)).not.toMatch(/tracking|nik|phone/i);
  });

  it('answers past days from their rollups, kept once settled, and today live until the end of the day settles it', async () => {
    const rolled = (date: string) => h.dataSource.getRepository(DayRollupRow).countBy({ officeId: office.officeId, businessDate: date });
    const day = async (date: string, now = NOW) => (await analytics.demand(h.admin, office.officeId, date, date, undefined, now)).daily[0];
    // The first test's read summed up 2026-11-30: the office and its one service.
    expect(await rolled('2026-11-30')).toBe(2);
    // A ticket written into a settled day behind the system's back is not read: the rollup is.
    await h.dataSource.getRepository(Ticket).insert(tickets('2026-11-30', '09:00', 1, 1, 1));
    expect(await day('2026-11-30')).toMatchObject({ issued: 18 });
    // A past day with a ticket still open is summed from its tickets each time, and kept only once it is settled.
    const [open] = tickets('2026-10-27', '09:00', 1, 0, 0, 'waiting');
    await h.dataSource.getRepository(Ticket).insert(open!);
    expect(await day('2026-10-27')).toMatchObject({ issued: 1, noShow: 0 });
    expect(await rolled('2026-10-27')).toBe(0);
    await h.dataSource.getRepository(Ticket).update(open!.id, { status: 'no_show' });
    expect(await day('2026-10-27')).toMatchObject({ issued: 1, noShow: 1 });
    expect(await rolled('2026-10-27')).toBe(2);
    // Today is live, and not kept; the end of the office's day closes it and sums it up.
    await h.dataSource.getRepository(Ticket).insert(tickets('2026-12-07', '07:30', 2, 0, 0, 'waiting'));
    expect(await day('2026-12-07')).toMatchObject({ issued: 2 });
    expect(await rolled('2026-12-07')).toBe(0);
    const nextMorning = new Date('2026-12-08T00:30:00.000Z');
    await h.app.get(MaintenanceService).closeDay(office.officeId, nextMorning);
    expect(await rolled('2026-12-07')).toBe(2);
    expect(await day('2026-12-07', nextMorning)).toMatchObject({ issued: 2, served: 0 });
  });
});
