import { type AuditRow, type CounterSessionRow, computeStats, percentile } from './stats';

// A hand-worked day in Jakarta (UTC+7). Times are local; the helper turns them into UTC instants.
const local = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+07:00`);
const ev = (ticketId: string, type: string, hhmm: string, extra: Partial<AuditRow> = {}): AuditRow => ({
  ticketId,
  serviceId: 'A',
  type,
  at: local(hhmm),
  actor: 'kiosk',
  counterId: null,
  toStatus: null,
  ...extra,
});
const staff = (id: string) => `staff:${id}`;

const rows: AuditRow[] = [
  // t1: issued 08:00, called 08:10 at C1 by o1, started 08:11, completed 08:21 → wait 600 s, service 600 s
  ev('t1', 'issued', '08:00', { toStatus: 'waiting' }),
  ev('t1', 'called', '08:10', { actor: staff('o1'), counterId: 'C1', toStatus: 'called' }),
  ev('t1', 'started', '08:11', { actor: staff('o1'), counterId: 'C1', toStatus: 'serving' }),
  ev('t1', 'completed', '08:21', { actor: staff('o1'), counterId: 'C1', toStatus: 'done' }),
  // t2: issued 08:05, called 08:25 at C1 by o1, no-show 08:30 → wait 1200 s
  ev('t2', 'issued', '08:05', { toStatus: 'waiting' }),
  ev('t2', 'called', '08:25', { actor: staff('o1'), counterId: 'C1', toStatus: 'called' }),
  ev('t2', 'no_show', '08:30', { actor: staff('o1'), counterId: 'C1', toStatus: 'no_show' }),
  // t3 (service B): issued 09:00, called 09:30 at C2 by o2, started 09:30, completed 09:35 → wait 1800 s, service 300 s
  ev('t3', 'issued', '09:00', { serviceId: 'B', toStatus: 'waiting' }),
  ev('t3', 'called', '09:30', { serviceId: 'B', actor: staff('o2'), counterId: 'C2', toStatus: 'called' }),
  ev('t3', 'started', '09:30', { serviceId: 'B', actor: staff('o2'), counterId: 'C2', toStatus: 'serving' }),
  ev('t3', 'completed', '09:35', { serviceId: 'B', actor: staff('o2'), counterId: 'C2', toStatus: 'done' }),
  // t4: issued 09:10, cancelled by day end
  ev('t4', 'issued', '09:10', { toStatus: 'waiting' }),
  ev('t4', 'closed_by_day_end', '23:59', { actor: 'system', toStatus: 'cancelled' }),
  // t5: issued the day before: outside the period
  { ...ev('t5', 'issued', '08:00', { toStatus: 'waiting' }), at: new Date('2026-11-29T01:00:00Z') },
];
const sessions: CounterSessionRow[] = [
  { counterId: 'C1', type: 'opened', at: local('08:00') },
  { counterId: 'C1', type: 'closed', at: local('09:00') },
  { counterId: 'C2', type: 'opened', at: local('09:00') },
  { counterId: 'C2', type: 'paused', at: local('09:40') },
  { counterId: 'C2', type: 'resumed', at: local('09:50') },
  { counterId: 'C2', type: 'closed', at: local('10:00') },
];
const period = { from: new Date('2026-11-29T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z'), timeZone: 'Asia/Jakarta' };

describe('statistics from the audit trail', () => {
  const s = computeStats(rows, sessions, period);

  it('counts the day’s tickets by outcome', () => {
    expect({ issued: s.issued, served: s.served, noShow: s.noShow, cancelled: s.cancelled, transferred: s.transferred }).toEqual({
      issued: 4,
      served: 2,
      noShow: 1,
      cancelled: 1,
      transferred: 0,
    });
  });

  it('computes waits (issue → first call) and service times (start → completion)', () => {
    // waits 600, 1200, 1800 → mean 1200, p90 (nearest rank of 3) = 1800
    expect(s.avgWaitSeconds).toBe(1200);
    expect(s.p90WaitSeconds).toBe(1800);
    // services 600 and 300
    expect(s.avgServiceSeconds).toBe(450);
  });

  it('splits by service and by local hour of issue', () => {
    expect(s.byService.get('A')).toMatchObject({ issued: 3, served: 1, noShow: 1, cancelled: 1, avgWaitSeconds: 900 });
    expect(s.byService.get('B')).toMatchObject({ issued: 1, served: 1, avgWaitSeconds: 1800, avgServiceSeconds: 300 });
    expect(s.byHour.get(8)).toMatchObject({ issued: 2 });
    expect(s.byHour.get(9)).toMatchObject({ issued: 2 });
  });

  it('credits officers with their calls, services and no-shows', () => {
    expect(s.byOfficer.get('o1')).toEqual({ called: 2, served: 1, noShow: 1, avgServiceSeconds: 600 });
    expect(s.byOfficer.get('o2')).toEqual({ called: 1, served: 1, noShow: 0, avgServiceSeconds: 300 });
  });

  it('computes open, busy and idle time of counters', () => {
    // C1 open 08:00–09:00 = 3600 s; busy 08:10–08:21 (660) + 08:25–08:30 (300) = 960; idle 2640
    expect(s.byCounter.get('C1')).toEqual({ openSeconds: 3600, busySeconds: 960, idleSeconds: 2640, served: 1 });
    // C2 open 09:00–09:40 and 09:50–10:00 = 3000 s; busy 09:30–09:35 = 300
    expect(s.byCounter.get('C2')).toEqual({ openSeconds: 3000, busySeconds: 300, idleSeconds: 2700, served: 1 });
  });

  it('uses the nearest-rank percentile', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('counts the service of a ticket completed without a start from its call (API.md v1.1)', () => {
    // "Selesai & panggil berikutnya" on a called ticket: called 10:00, completed 10:04, no start.
    const oneStep = [
      ev('t9', 'issued', '09:50', { toStatus: 'waiting' }),
      ev('t9', 'called', '10:00', { actor: staff('o1'), counterId: 'C1', toStatus: 'called' }),
      ev('t9', 'completed', '10:04', { actor: staff('o1'), counterId: 'C1', toStatus: 'done' }),
    ];
    const one = computeStats(oneStep, [], period);
    expect(one.avgServiceSeconds).toBe(240);
    expect(one.byOfficer.get('o1')).toMatchObject({ served: 1, avgServiceSeconds: 240 });
  });
});
