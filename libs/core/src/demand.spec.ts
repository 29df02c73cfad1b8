import { demandOf } from './demand';
import { type VisitFacts, rollUpDay } from './rollup';

const visit = (date: string, hour: number, status: VisitFacts['status'], waitSeconds: number | null, serviceSeconds: number | null = null): VisitFacts => ({
  date,
  hour,
  status,
  waitSeconds,
  serviceSeconds,
  serviceId: 'A',
  walkIn: true,
});

/** The office's rollup of each day of these visits. */
const officeDays = (visits: VisitFacts[]) =>
  [...new Set(visits.map((v) => v.date))].map(
    (d) =>
      rollUpDay(
        d,
        visits.filter((v) => v.date === d),
      )[0]!,
  );

describe('demand', () => {
  // Two Mondays open (2026-11-30, 2026-12-07), a Tuesday open, and a Monday holiday with stray tickets.
  const open = [
    { date: '2026-11-30', weekday: 1 },
    { date: '2026-12-01', weekday: 2 },
    { date: '2026-12-07', weekday: 1 },
  ];
  const visits = [
    visit('2026-11-30', 9, 'done', 600, 300),
    visit('2026-11-30', 9, 'done', 1200, 500),
    visit('2026-11-30', 10, 'no_show', 3000),
    visit('2026-12-07', 9, 'done', 300, 200),
    visit('2026-12-01', 8, 'waiting', null),
    visit('2026-12-14', 9, 'done', 60, 60), // a holiday: not an open day, left out
  ];

  it('averages arrivals per weekday and hour over the open days only', () => {
    const d = demandOf(officeDays(visits), open, 30);
    const cell = (weekday: number, hour: number) => d.heatmap.find((c) => c.weekday === weekday && c.hour === hour)!.averageArrivals;
    expect(d.heatmap).toHaveLength(7 * 24);
    expect(cell(1, 9)).toBe(1.5); // 3 arrivals over 2 Mondays
    expect(cell(1, 10)).toBe(0.5);
    expect(cell(2, 8)).toBe(1);
    expect(cell(3, 9)).toBe(0); // no Wednesday open
  });

  it('gives each open day its figures and the share called within the target', () => {
    const d = demandOf(officeDays(visits), open, 30);
    expect(d.daily.map((x) => x.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-07']);
    expect(d.daily[0]).toEqual({
      date: '2026-11-30',
      issued: 3,
      served: 2,
      noShow: 1,
      avgWaitSeconds: 1600,
      p90WaitSeconds: 3000,
      avgServiceSeconds: 400,
      p90ServiceSeconds: 500,
    });
    // Waits 600, 1200, 3000, 300 s against 30 minutes: three of four within.
    expect(d.serviceLevel).toEqual({ targetWaitMinutes: 30, withinTarget: 0.75 });
    expect(demandOf([], open, 30).serviceLevel.withinTarget).toBeNull();
  });

  it('reads the target to the second from the rollups: 1800 s is within 30 minutes, 1801 s is not', () => {
    const edge = [visit('2026-11-30', 9, 'done', 1800), visit('2026-11-30', 9, 'done', 1801), visit('2026-11-30', 9, 'done', 1791)];
    expect(demandOf(officeDays(edge), open, 30).serviceLevel.withinTarget).toBe(0.667);
  });
});
