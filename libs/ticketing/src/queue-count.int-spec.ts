import { QueueCount, Ticket, TransactionRunner } from '@giliran/database';
import { randomUUID } from 'node:crypto';
import { createIntHarness, type IntHarness, middayZone, officeFixture } from '../../../test/support/int-harness';
import { QueuePositions } from './queue-positions';

/**
 * QueueCount (the waiting tickets per service, day and class) is what a new ticket's position is
 * read from: it must equal the tickets that wait after every kind of change, and positions read
 * from it must equal a count of the queue.
 */
describe('queue counts', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('queue-count');
  });
  afterAll(() => h.close());

  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  /** Kept counts and counted tickets of one office, as `service|date|class → n` (zero counts left out). */
  async function counts(officeId: string) {
    const kept = await h.dataSource.getRepository(QueueCount).findBy({ officeId });
    const rows: { service_id: string; business_date: string; sort_class: number; n: string | number }[] = await h.dataSource.query(
      "SELECT service_id, business_date, sort_class, COUNT(*) AS n FROM ticket WHERE office_id = ? AND status = 'waiting' GROUP BY service_id, business_date, sort_class",
      [officeId],
    );
    const key = (s: string, d: string, c: number) => `${s}|${d}|${c}`;
    return {
      kept: Object.fromEntries(kept.filter((r) => r.waiting !== 0).map((r) => [key(r.serviceId, r.businessDate, r.sortClass), r.waiting])),
      counted: Object.fromEntries(rows.map((r) => [key(r.service_id, r.business_date, Number(r.sort_class)), Number(r.n)])),
    };
  }

  async function expectInStep(officeId: string) {
    const { kept, counted } = await counts(officeId);
    expect(kept).toEqual(counted);
    return counted;
  }

  it('follow every change of a ticket: issue, call, cancel, transfer, no-show, recall, end of day', async () => {
    const f = await officeFixture(h, { services: 2, counters: 2, timezone: middayZone() });
    const [A, B] = f.services;
    const officer = f.officers[0];
    const counter = f.counters[0].id;
    const yesterday = new Date(Date.now() - 26 * 3600_000);
    await h.tickets.issue(f.officeId, { serviceId: A.id }, 'kiosk', yesterday);
    for (let i = 0; i < 4; i++) await h.tickets.issue(f.officeId, { serviceId: A.id }, 'kiosk', minutesAgo(30 - i));
    const p1 = await h.tickets.issue(f.officeId, { serviceId: A.id, priority: 'priority' }, 'kiosk', minutesAgo(20));
    const b1 = await h.tickets.issue(f.officeId, { serviceId: B.id }, 'kiosk', minutesAgo(10));
    expect(Object.values(await expectInStep(f.officeId)).reduce((a, b) => a + b, 0)).toBe(7);

    await h.counters.open(officer, counter);
    const called = await h.counters.callNext(officer, counter);
    expect(called?.ticket.id).toBe(p1.id);
    await expectInStep(f.officeId);
    await h.counters.recall(officer, counter);
    await expectInStep(f.officeId);
    await h.tickets.transition(officer, p1.id, 'start');
    // Back to waiting, in another service.
    await h.tickets.transfer(officer, p1.id, B.id, 'wrong service');
    await expectInStep(f.officeId);
    await h.tickets.transition(officer, b1.id, 'cancel');
    await expectInStep(f.officeId);
    const next = await h.counters.callNext(officer, counter);
    expect(next?.ticket.id).toBe(p1.id);
    await h.tickets.transition(officer, p1.id, 'no_show');
    await expectInStep(f.officeId);
    expect(await h.tickets.closeDay(f.officeId, new Date())).toEqual({ closedTickets: 1 });
    const after = await expectInStep(f.officeId);
    // Left: today's four regular tickets in A.
    expect(Object.values(after)).toEqual([4]);
    // The board reads its waiting figures from the counts.
    expect((await h.board.officeBoard(f.officeId)).services.map((s) => [s.serviceId, s.waiting])).toEqual([
      [A.id, 4],
      [B.id, 0],
    ]);
  });

  it('a transaction that rolls back leaves the counts as they were', async () => {
    const f = await officeFixture(h, { timezone: middayZone() });
    await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    const before = await expectInStep(f.officeId);
    const tx = h.app.get(TransactionRunner);
    const [template] = await h.dataSource.getRepository(Ticket).findBy({ officeId: f.officeId });
    await expect(
      tx.run(async (em) => {
        await h.ticketRepo.insertTickets(
          em,
          Object.assign(new Ticket(), { ...template, id: randomUUID(), sequence: 99, number: 'A-099', trackingToken: randomUUID() }),
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await expectInStep(f.officeId)).toEqual(before);
  });

  it('positions of tickets issued at once equal a count of the queue ahead, behind priority and transferred tickets', async () => {
    const f = await officeFixture(h, { services: 2, counterServices: (ids) => [ids[1]], timezone: middayZone() });
    const [A, B] = f.services;
    for (let i = 0; i < 5; i++) await h.tickets.issue(f.officeId, { serviceId: A.id }, 'kiosk', minutesAgo(40 - i));
    await h.tickets.issue(f.officeId, { serviceId: A.id, priority: 'priority' }, 'kiosk', minutesAgo(30));
    // An older ticket moved into A keeps its place in time, ahead of everyone issued after it.
    const moved = await h.tickets.issue(f.officeId, { serviceId: B.id }, 'kiosk', minutesAgo(60));
    await h.counters.open(f.officers[0], f.counters[0].id);
    const call = await h.counters.callNext(f.officers[0], f.counters[0].id);
    expect(call?.ticket.id).toBe(moved.id);
    await h.tickets.transfer(f.officers[0], moved.id, A.id, undefined);

    const burst = await Promise.all(Array.from({ length: 30 }, () => h.tickets.issue(f.officeId, { serviceId: A.id }, 'kiosk')));
    await expectInStep(f.officeId);
    expect(burst.map((t) => t.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => 8 + i));
    const rows = await h.dataSource.getRepository(Ticket).findBy({ officeId: f.officeId, serviceId: A.id, status: 'waiting' });
    for (const t of burst) {
      const row = rows.find((r) => r.id === t.id)!;
      expect(t.position).toBe(await h.app.get(QueuePositions).positionOf(row));
    }
  });

  it('positions of a batch sharing its first and last instants with tickets outside it equal a count of the queue', async () => {
    const f = await officeFixture(h, { timezone: middayZone() });
    const serviceId = f.services[0].id;
    const [t1, t2] = [minutesAgo(9), minutesAgo(8)];
    // Five tickets at each of two instants, then two later: the batch is the middle six.
    for (const at of [t1, t1, t1, t1, t1, t2, t2, t2, t2, t2, minutesAgo(7), minutesAgo(6)]) await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', at);
    const rows = (await h.dataSource.getRepository(Ticket).findBy({ officeId: f.officeId, status: 'waiting' })).sort((a, b) => a.sequence - b.sequence);
    const batch = rows.slice(2, 8);
    const positions = await h.app.get(QueuePositions).positionsOf([...batch].reverse());
    expect(batch.map((t) => positions.get(t.id))).toEqual([3, 4, 5, 6, 7, 8]);
    for (const t of batch) expect(positions.get(t.id)).toBe(await h.app.get(QueuePositions).positionOf(t));
  });

  it('counts found below the tickets they count are not trusted: the queue is counted instead', async () => {
    const f = await officeFixture(h, { timezone: middayZone() });
    const serviceId = f.services[0].id;
    for (let i = 0; i < 3; i++) await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', minutesAgo(10 - i));
    // As if tickets had been issued without counting them (an older replica during an upgrade).
    await h.dataSource.query('UPDATE queue_count SET waiting = waiting - 5 WHERE office_id = ?', [f.officeId]);
    const next = await h.tickets.issue(f.officeId, { serviceId }, 'kiosk');
    expect(next.position).toBe(4);
  });
});
