import { ALL_SERVICES, type VisitFacts, rollUpDay, waitPercentile, waitedAtMost } from './rollup';

const visit = (
  serviceId: string,
  hour: number,
  status: VisitFacts['status'],
  waitSeconds: number | null,
  serviceSeconds: number | null,
  walkIn = true,
): VisitFacts => ({
  date: '2026-11-30',
  hour,
  status,
  waitSeconds,
  serviceSeconds,
  serviceId,
  walkIn,
});

describe('day rollups', () => {
  const visits = [
    visit('A', 8, 'done', 60, 300),
    visit('A', 8, 'done', 125, 3, false), // a click, not a service; a checked-in booking
    visit('B', 9, 'no_show', 900, null),
    visit('B', 13, 'waiting', null, null),
  ];
  const [office, a, b] = rollUpDay('2026-11-30', visits);

  it('sums the office and each service', () => {
    expect(office).toMatchObject({ serviceId: ALL_SERVICES, issued: 4, served: 2, noShow: 1, waitCount: 3, waitSum: 1085, waitP90: 900 });
    expect(office!.arrivals.slice(8, 14)).toEqual([2, 1, 0, 0, 0, 1]);
    expect(office!.walkIns[8]).toBe(1);
    expect(a).toMatchObject({ serviceId: 'A', issued: 2, serviceCount: 2, serviceSum: 303, serviceP90: 300, measuredCount: 1, measuredSum: 300 });
    expect(b).toMatchObject({ serviceId: 'B', issued: 2, served: 0, noShow: 1 });
    // 60 s is step 6, 125 s step 13, 900 s step 90.
    expect(office!.waits).toEqual({ '6': 1, '13': 1, '90': 1 });
  });

  it('keeps a day without tickets as an office rollup of zeros', () => {
    expect(rollUpDay('2026-12-01', [])).toEqual([expect.objectContaining({ serviceId: ALL_SERVICES, issued: 0, waitP90: null })]);
  });

  it('counts waits within a target exactly, and gives percentiles over days to the step', () => {
    expect(waitedAtMost([office!], 120)).toBe(1);
    expect(waitedAtMost([office!], 130)).toBe(2);
    expect(waitedAtMost([office!, office!], 900)).toBe(6);
    expect(waitPercentile([office!], 50)).toBe(130);
    expect(waitPercentile([office!, office!], 90)).toBe(900);
    expect(waitPercentile([], 90)).toBeNull();
  });
});
