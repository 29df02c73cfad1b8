import { CounterEvent, StaffUser, TicketEvent } from '@giliran/database';
import { randomUUID } from 'node:crypto';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';
import { StatsService, statsCsv } from './stats.service';

describe('statistics equal a hand-computed day', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('stats');
  });
  afterAll(() => h.close());

  it('computes totals, by service, hour, officer and counter from the audit trail, and the CSV', async () => {
    const f = await officeFixture(h, { services: 2, counters: 2 });
    const [A, B] = f.services.map((s) => s.id);
    const [C1, C2] = f.counters.map((c) => c.id);
    const o1 = randomUUID();
    const o2 = randomUUID();
    await h.dataSource.getRepository(StaffUser).insert([
      { id: o1, username: `siti-${o1.slice(0, 6)}`, passwordHash: 'x', role: 'officer', officeId: f.officeId, active: true, createdAt: new Date() },
      { id: o2, username: `budi-${o2.slice(0, 6)}`, passwordHash: 'x', role: 'officer', officeId: f.officeId, active: true, createdAt: new Date() },
    ]);
    const t = Object.fromEntries(['t1', 't2', 't3', 't4', 't5'].map((k) => [k, randomUUID()]));
    const at = (hhmm: string, day = '26') => new Date(`2026-11-${day}T${hhmm}:00+07:00`);
    const row = (ticket: string, type: string, time: Date, extra: Partial<TicketEvent> = {}) =>
      ({
        ticketId: ticket,
        officeId: f.officeId,
        at: time,
        type,
        actor: 'kiosk',
        fromStatus: null,
        toStatus: null,
        counterId: null,
        serviceId: A,
        note: null,
        ...extra,
      }) as Partial<TicketEvent>;
    const s1 = `staff:${o1}`;
    const s2 = `staff:${o2}`;
    await h.dataSource.getRepository(TicketEvent).insert([
      row(t.t1, 'issued', at('08:00'), { toStatus: 'waiting' }),
      row(t.t1, 'called', at('08:10'), { actor: s1, counterId: C1, toStatus: 'called' }),
      row(t.t1, 'started', at('08:11'), { actor: s1, counterId: C1, toStatus: 'serving' }),
      row(t.t1, 'completed', at('08:21'), { actor: s1, counterId: C1, toStatus: 'done' }),
      row(t.t2, 'issued', at('08:05'), { toStatus: 'waiting' }),
      row(t.t2, 'called', at('08:25'), { actor: s1, counterId: C1, toStatus: 'called' }),
      row(t.t2, 'no_show', at('08:30'), { actor: s1, counterId: C1, toStatus: 'no_show' }),
      row(t.t3, 'issued', at('09:00'), { serviceId: B, toStatus: 'waiting' }),
      row(t.t3, 'called', at('09:30'), { serviceId: B, actor: s2, counterId: C2, toStatus: 'called' }),
      row(t.t3, 'started', at('09:30'), { serviceId: B, actor: s2, counterId: C2, toStatus: 'serving' }),
      row(t.t3, 'completed', at('09:35'), { serviceId: B, actor: s2, counterId: C2, toStatus: 'done' }),
      row(t.t4, 'issued', at('09:10'), { toStatus: 'waiting' }),
      row(t.t4, 'closed_by_day_end', at('23:59'), { actor: 'system', toStatus: 'cancelled' }),
      row(t.t5, 'issued', at('08:00', '25'), { toStatus: 'waiting' }), // the day before: not counted
    ]);
    const session = (counterId: string, type: CounterEvent['type'], time: Date) => ({ counterId, officeId: f.officeId, at: time, type, actor: 'x' });
    await h.dataSource
      .getRepository(CounterEvent)
      .insert([
        session(C1, 'opened', at('08:00')),
        session(C1, 'closed', at('09:00')),
        session(C2, 'opened', at('09:00')),
        session(C2, 'paused', at('09:40')),
        session(C2, 'resumed', at('09:50')),
        session(C2, 'closed', at('10:00')),
      ]);

    const stats = await h.app.get(StatsService).officeStats(h.admin, f.officeId, '2026-11-26', '2026-11-26');
    expect(stats).toMatchObject({
      issued: 4,
      served: 2,
      noShow: 1,
      cancelled: 1,
      transferred: 0,
      avgWaitSeconds: 1200,
      p90WaitSeconds: 1800,
      avgServiceSeconds: 450,
    });
    expect(stats.byService).toEqual([
      expect.objectContaining({
        serviceId: A,
        prefix: 'A',
        issued: 3,
        served: 1,
        noShow: 1,
        cancelled: 1,
        avgWaitSeconds: 900,
        p90WaitSeconds: 1200,
        avgServiceSeconds: 600,
      }),
      expect.objectContaining({ serviceId: B, prefix: 'B', issued: 1, served: 1, avgWaitSeconds: 1800, avgServiceSeconds: 300 }),
    ]);
    expect(stats.byHour.map((x) => [x.hour, x.issued, x.served])).toEqual([
      [8, 2, 1],
      [9, 2, 1],
    ]);
    expect(stats.byOfficer).toEqual([
      { officerId: o1, username: `siti-${o1.slice(0, 6)}`, called: 2, served: 1, noShow: 1, avgServiceSeconds: 600 },
      { officerId: o2, username: `budi-${o2.slice(0, 6)}`, called: 1, served: 1, noShow: 0, avgServiceSeconds: 300 },
    ]);
    expect(stats.byCounter).toEqual([
      { counterId: C1, name: 'Loket 1', openSeconds: 3600, busySeconds: 960, idleSeconds: 2640, served: 1 },
      { counterId: C2, name: 'Loket 2', openSeconds: 3000, busySeconds: 300, idleSeconds: 2700, served: 1 },
    ]);

    const csv = statsCsv(stats).split('\r\n');
    expect(csv[0]).toBe(
      'scope,key,name,issued,served,noShow,cancelled,transferred,avgWaitSeconds,p90WaitSeconds,avgServiceSeconds,called,openSeconds,busySeconds,idleSeconds',
    );
    expect(csv[1]).toBe('total,2026-11-26..2026-11-26,,4,2,1,1,0,1200,1800,450,,,,');
    expect(csv).toContain('counter,' + C1 + ',Loket 1,,1,,,,,,,,3600,960,2640');

    // The day before holds only t5.
    expect((await h.app.get(StatsService).officeStats(h.admin, f.officeId, '2026-11-25', '2026-11-25')).issued).toBe(1);
  });
});
