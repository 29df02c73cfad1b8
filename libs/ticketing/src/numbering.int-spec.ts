import { DomainError } from '@giliran/core';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

describe('ticket numbering (invariant 1)', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('numbering');
  });
  afterAll(() => h.close());

  it('gives 50 concurrent kiosks exactly A-001 … A-050, no gap, no duplicate', async () => {
    const { officeId, services } = await officeFixture(h);
    const issued = await Promise.all(Array.from({ length: 50 }, () => h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk')));
    const numbers = issued.map((t) => t.number).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`));
    expect(new Set(issued.map((t) => t.trackingToken)).size).toBe(50);
  });

  it('answers each ticket of a group commit with its own place, the same place the queue gives it after', async () => {
    const { officeId, services } = await officeFixture(h);
    const ahead = [];
    for (let i = 0; i < 5; i++) ahead.push(await h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk'));
    expect(ahead.map((t) => t.position)).toEqual([1, 2, 3, 4, 5]);
    const burst = await Promise.all(Array.from({ length: 40 }, () => h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk')));
    expect(burst.map((t) => t.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 6));
    // Regular tickets only: nobody went ahead since, so each place is still the one answered.
    for (const t of burst) expect((await h.board.tracking(t.trackingToken)).position).toBe(t.position);
  });

  it('places priority tickets of a mixed burst ahead of the regular ones, in their own order', async () => {
    const { officeId, services } = await officeFixture(h);
    for (let i = 0; i < 3; i++) await h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk');
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.tickets.issue(officeId, { serviceId: services[0].id, priority: i % 5 === 0 ? 'priority' : 'regular' }, 'kiosk')),
    );
    const priority = burst.filter((t) => t.priority === 'priority');
    const regular = burst.filter((t) => t.priority === 'regular');
    // A priority ticket is behind the priority tickets before it only, and stays where it was told.
    expect(priority.map((t) => t.position).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const t of priority) expect((await h.board.tracking(t.trackingToken)).position).toBe(t.position);
    // A regular ticket may have seen a priority ticket come ahead after it was answered, never less.
    expect(new Set(regular.map((t) => t.position)).size).toBe(regular.length);
    for (const t of regular) {
      const now = (await h.board.tracking(t.trackingToken)).position;
      expect(now).toBeGreaterThanOrEqual(t.position);
      expect(t.position).toBeGreaterThan(3);
    }
  });

  it('numbers each service on its own and restarts at 001 on the next business day', async () => {
    const { officeId, services } = await officeFixture(h, { services: 2 });
    const day1 = new Date('2026-11-27T03:00:00Z'); // 10:00 in Jakarta
    const day2 = new Date('2026-11-27T17:30:00Z'); // 00:30 on the 28th in Jakarta
    const a1 = await h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', day1);
    const a2 = await h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', day1);
    const b1 = await h.tickets.issue(officeId, { serviceId: services[1].id }, 'kiosk', day1);
    const next = await h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', day2);
    expect([a1.number, a2.number, b1.number]).toEqual(['A-001', 'A-002', 'B-001']);
    expect(next.number).toBe('A-001');
    expect([a1.businessDate, next.businessDate]).toEqual(['2026-11-27', '2026-11-28']);
  });

  it('keeps numbering gapless across refused tickets when the daily quota is reached, under concurrency', async () => {
    const { officeId, services } = await officeFixture(h, { quota: 10 });
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk')));
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.number] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(ok.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`));
    expect(refused).toHaveLength(15);
    expect(refused.every((e) => e instanceof DomainError && e.code === 'QUOTA_REACHED')).toBe(true);
  });

  it('refuses a closed office and an inactive service without using a number', async () => {
    const { officeId, services } = await officeFixture(h);
    await h.offices.setHours(h.admin, officeId, { week: [{ weekday: 1, open: '08:00', close: '15:00' }] });
    const saturdayNoon = new Date('2026-11-28T05:00:00Z');
    const mondayNine = new Date('2026-11-30T02:00:00Z');
    await expect(h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', saturdayNoon)).rejects.toMatchObject({ code: 'OFFICE_CLOSED' });
    await h.offices.addHoliday(h.admin, officeId, { date: '2026-11-30', name: 'Libur' });
    await expect(h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', mondayNine)).rejects.toMatchObject({ code: 'OFFICE_CLOSED' });
    await h.offices.deleteHoliday(h.admin, officeId, '2026-11-30');
    await h.offices.updateService(h.admin, officeId, services[0].id, { active: false });
    await expect(h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', mondayNine)).rejects.toMatchObject({ code: 'SERVICE_INACTIVE' });
    await h.offices.updateService(h.admin, officeId, services[0].id, { active: true });
    expect((await h.tickets.issue(officeId, { serviceId: services[0].id }, 'kiosk', mondayNine)).number).toBe('A-001');
  });
});
