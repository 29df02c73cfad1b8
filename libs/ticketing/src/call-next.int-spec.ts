import { SortClass, compareForCounter } from '@giliran/core';
import { Office, ServiceEntity, Ticket, TransactionRunner } from '@giliran/database';
import { createIntHarness, type IntHarness, middayZone, officeFixture } from '../../../test/support/int-harness';
import { TicketReads } from './ticket-reads';

describe('call-next (invariant 2)', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('call-next');
  });
  afterAll(() => h.close());

  /** Opens the first counter and calls until nothing waits (each call a no-show): the numbers in the order called. */
  async function callEverything(f: Awaited<ReturnType<typeof officeFixture>>): Promise<string[]> {
    await h.counters.open(f.officers[0], f.counters[0].id);
    const called: string[] = [];
    for (;;) {
      const res = await h.counters.callNext(f.officers[0], f.counters[0].id);
      if (!res) return called;
      called.push(res.ticket.number);
      await h.tickets.transition(f.officers[0], res.ticket.id, 'no_show');
    }
  }

  it('10 counters racing over 40 tickets call each exactly once and skip none', async () => {
    const f = await officeFixture(h, { counters: 10 });
    for (let i = 0; i < 40; i++) await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    await Promise.all(f.counters.map((c, i) => h.counters.open(f.officers[i], c.id)));

    const calledBy = new Map<string, string[]>();
    await Promise.all(
      f.counters.map(async (c, i) => {
        for (;;) {
          const res = await h.counters.callNext(f.officers[i], c.id);
          if (!res) return;
          calledBy.set(res.ticket.id, [...(calledBy.get(res.ticket.id) ?? []), c.id]);
          await h.tickets.transition(f.officers[i], res.ticket.id, 'start');
          await h.tickets.transition(f.officers[i], res.ticket.id, 'complete');
        }
      }),
    );

    expect(calledBy.size).toBe(40);
    expect([...calledBy.values()].every((counters) => counters.length === 1)).toBe(true);
    const rows = await h.dataSource.getRepository(Ticket).findBy({ officeId: f.officeId });
    expect(rows.filter((t) => t.status === 'done')).toHaveLength(40);
    // Every ticket's audit trail has exactly one call.
    const calls = await h.dataSource.query(
      h.dataSource.options.type === 'mysql'
        ? 'SELECT ticket_id, COUNT(*) n FROM ticket_event WHERE office_id = ? AND type = ? GROUP BY ticket_id'
        : 'SELECT ticket_id, COUNT(*) n FROM ticket_event WHERE office_id = ? AND type = ? GROUP BY ticket_id',
      [f.officeId, 'called'],
    );
    expect(calls).toHaveLength(40);
    expect(calls.every((r: { n: number | string }) => Number(r.n) === 1)).toBe(true);
  });

  it('two counters calling at the same instant with two tickets waiting: each gets one, every round', async () => {
    const f = await officeFixture(h, { counters: 2 });
    await Promise.all(f.counters.map((c, i) => h.counters.open(f.officers[i], c.id)));
    for (let round = 0; round < 15; round++) {
      await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
      await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
      const calls = await Promise.all(f.counters.map((c, i) => h.counters.callNext(f.officers[i], c.id)));
      expect(calls.map((c) => c !== null)).toEqual([true, true]);
      expect(calls[0]!.ticket.id).not.toBe(calls[1]!.ticket.id);
      await Promise.all(calls.map((c, i) => h.tickets.transition(f.officers[i], c!.ticket.id, 'no_show')));
    }
  });

  it('serves priority before regular, then arrival order, then the counter’s service preference — as the core orders them', async () => {
    const f = await officeFixture(h, { services: 2, counters: 1, timezone: middayZone(), counterServices: (ids) => [ids[1], ids[0]] });
    const [A, B] = f.services;
    const t0 = Date.now() - 60_000;
    const plan: [string, 'regular' | 'priority'][] = [
      [A.id, 'regular'],
      [B.id, 'regular'],
      [A.id, 'priority'],
      [A.id, 'regular'],
      [B.id, 'priority'],
      [B.id, 'regular'],
    ];
    for (const [i, [serviceId, priority]] of plan.entries()) await h.tickets.issue(f.officeId, { serviceId, priority }, 'kiosk', new Date(t0 + i * 1000));

    const waiting = await h.dataSource.getRepository(Ticket).findBy({ officeId: f.officeId, status: 'waiting' });
    const expected = [...waiting].sort(compareForCounter([B.id, A.id])).map((t) => t.number);
    // Priority first; within a class the preferred service (B) first, then arrival.
    expect(expected).toEqual(['B-002', 'A-002', 'B-001', 'B-003', 'A-001', 'A-003']);

    expect(await callEverything(f)).toEqual(expected);
  });

  it('follows the core’s order over deep lanes of every class, with starved tickets, across two services', async () => {
    const f = await officeFixture(h, { services: 2, counters: 1, timezone: middayZone(), counterServices: (ids) => [ids[1], ids[0]] });
    const [A, B] = f.services;
    const office = await h.dataSource.getRepository(Office).findOneByOrFail({ id: f.officeId });
    const at = (m: number) => new Date(Date.now() - m * 60_000);
    // The guard is 45 minutes: every ticket of more than 50 minutes is starved, none of less than 40.
    for (let i = 0; i < 12; i++) await h.tickets.issue(f.officeId, { serviceId: A.id }, 'kiosk', at(100 - i * 8));
    for (const m of [30, 20, 10]) await h.tickets.issue(f.officeId, { serviceId: A.id, priority: 'priority' }, 'kiosk', at(m));
    for (let i = 0; i < 10; i++) await h.tickets.issue(f.officeId, { serviceId: B.id }, 'kiosk', at(96 - i * 9));
    for (const m of [25, 5]) await h.tickets.issue(f.officeId, { serviceId: B.id, priority: 'priority' }, 'kiosk', at(m));
    const service = await h.dataSource.getRepository(ServiceEntity).findOneByOrFail({ id: B.id });
    const tx = h.app.get(TransactionRunner);
    for (const slot of [60, 15, 35]) {
      // Checked-in appointments: their time is the slot's.
      await tx.run((em) =>
        h.tickets.issueWithin(em, office, service, {
          priority: 'regular',
          channel: 'kiosk',
          actor: 'system',
          now: at(2),
          sortClass: SortClass.Appointment,
          sortAt: at(slot),
          appointmentId: null,
        }),
      );
    }
    const waiting = await h.dataSource.getRepository(Ticket).findBy({ officeId: f.officeId, status: 'waiting' });
    expect(waiting).toHaveLength(30);
    const expected = [...waiting].sort(compareForCounter([B.id, A.id], { now: new Date(), minutes: office.starvationGuardMinutes })).map((t) => t.number);

    expect(await callEverything(f)).toEqual(expected);
  });

  it('MySQL: passes over more waiting tickets than one read of a lane while other transactions hold them', async () => {
    if (h.dataSource.options.type !== 'mysql') return; // SQLite has one writer: nothing else holds a row
    const f = await officeFixture(h, { counters: 1 });
    for (let i = 0; i < 25; i++) await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    await h.counters.open(f.officers[0], f.counters[0].id);
    const holder = h.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      // Another process's call in flight: the first 20 in serving order are locked.
      const first: { id: string }[] = await holder.query("SELECT id FROM ticket WHERE office_id = ? AND status = 'waiting' ORDER BY sequence LIMIT 20", [
        f.officeId,
      ]);
      const held: unknown[] = await holder.query(
        `SELECT id FROM ticket WHERE id IN (${first.map(() => '?').join(', ')}) FOR UPDATE`,
        first.map((r) => r.id),
      );
      expect(held).toHaveLength(20);
      const res = await h.counters.callNext(f.officers[0], f.counters[0].id);
      expect(res?.ticket.number).toBe('A-021');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('refuses to call while the counter holds a ticket or is not open, and allows only legal transitions', async () => {
    const f = await officeFixture(h);
    const officer = f.officers[0];
    const counterId = f.counters[0].id;
    await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    const waiting = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    await expect(h.counters.callNext(officer, counterId)).rejects.toMatchObject({ code: 'COUNTER_CLOSED' });
    await h.counters.open(officer, counterId);
    const first = await h.counters.callNext(officer, counterId);
    expect(first?.ticket.number).toBe('A-001');
    await expect(h.counters.callNext(officer, counterId)).rejects.toMatchObject({ code: 'COUNTER_BUSY' });
    await expect(h.counters.close(officer, counterId)).rejects.toMatchObject({ code: 'COUNTER_BUSY' });
    await expect(h.tickets.transition(officer, waiting.id, 'complete')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(h.tickets.transition(officer, waiting.id, 'start')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const recalled = await h.counters.recall(officer, counterId);
    expect(recalled.recallCount).toBe(1);
    await h.tickets.transition(officer, first!.ticket.id, 'start');
    await h.tickets.transition(officer, first!.ticket.id, 'complete');
    const second = await h.counters.callNext(officer, counterId);
    expect(second?.ticket.number).toBe('A-002');
    await h.tickets.transition(officer, second!.ticket.id, 'no_show');
    expect(await h.counters.callNext(officer, counterId)).toBeNull();

    const trail = await h.app.get(TicketReads).events(h.admin, first!.ticket.id);
    expect(trail.map((e) => [e.type, e.from, e.to])).toEqual([
      ['issued', null, 'waiting'],
      ['called', 'waiting', 'called'],
      ['recalled', 'called', 'called'],
      ['started', 'called', 'serving'],
      ['completed', 'serving', 'done'],
    ]);
    expect(trail.every((e) => e.at.endsWith('Z'))).toBe(true);
  });

  it('lets an officer hold one open counter at a time, enforced by the database', async () => {
    const f = await officeFixture(h, { counters: 2 });
    const officer = f.officers[0];
    const results = await Promise.allSettled(f.counters.map((c) => h.counters.open(officer, c.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'OFFICER_BUSY' } });
  });
});
