import { DomainError } from '@giliran/core';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

// API.md v1.1 "Fair access to scarce places": a service's daily places by channel, exact under
// racing requests, on MariaDB and on SQLite (TEST_DB). The clock is injected: 2026-12-07 is a
// Monday, and the fixture's office is open all week, all day, in Jakarta (UTC+7).
const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+07:00`);
const nik = (n: number) => `320101010190${String(n).padStart(4, '0')}`;
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`);

describe('daily quotas by channel', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('channel-quotas');
  });
  afterAll(() => h.close());

  async function service(quota: { online?: number | null; walkIn?: number | null; priority?: number | null }, extra: { onlineRolloverAt?: string } = {}) {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    const view = await h.offices.updateService(h.admin, f.officeId, serviceId, { quota, ...extra, slotMinutes: 30, slotCapacity: 10 });
    return { f, serviceId, view };
  }

  const settle = async <T>(work: Promise<T>[]) => {
    const results = await Promise.allSettled(work);
    return {
      ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
      refused: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : [])),
    };
  };

  it('keeps regular walk-ins to the walk-in quota and priority walk-ins to the priority quota, racing, with no gap in the numbers', async () => {
    const { f, serviceId, view } = await service({ walkIn: 5, priority: 2 });
    expect(view).toMatchObject({ quota: { online: null, walkIn: 5, priority: 2 }, dailyTicketQuota: 5 });
    const burst = Array.from({ length: 24 }, (_, i) =>
      h.tickets.issue(f.officeId, { serviceId, priority: i % 3 === 0 ? 'priority' : 'regular' }, 'kiosk', at('10:00')),
    );
    const { ok, refused } = await settle(burst);
    expect(ok.filter((t) => t.priority === 'regular')).toHaveLength(5);
    expect(ok.filter((t) => t.priority === 'priority')).toHaveLength(2);
    expect(refused.map((e) => e.code)).toEqual(Array(17).fill('QUOTA_REACHED'));
    expect(ok.map((t) => t.number).sort()).toEqual(numbers(7));
    const board = await h.board.queueUpdatedEvent(f.officeId, '2026-12-07');
    expect(board.payload).toMatchObject({ services: [{ serviceId, walkInRemaining: 0 }] });
  }, 60_000);

  it('counts priority walk-ins against the walk-in quota when the service has no priority quota', async () => {
    const { f, serviceId } = await service({ walkIn: 4 });
    const burst = Array.from({ length: 12 }, (_, i) =>
      h.tickets.issue(f.officeId, { serviceId, priority: i % 2 ? 'priority' : 'regular' }, 'kiosk', at('10:00')),
    );
    const { ok, refused } = await settle(burst);
    expect(ok).toHaveLength(4);
    expect(refused).toHaveLength(8);
    expect(ok.map((t) => t.number).sort()).toEqual(numbers(4));
  }, 60_000);

  it('shows the walk-in places left on the board, and none for a service without a walk-in quota', async () => {
    const { f, serviceId } = await service({ walkIn: 3, priority: 1 });
    await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', at('10:00'));
    await h.tickets.issue(f.officeId, { serviceId, priority: 'priority' }, 'kiosk', at('10:00'));
    const board = await h.board.queueUpdatedEvent(f.officeId, '2026-12-07');
    expect(board.payload).toMatchObject({ services: [{ serviceId, walkInRemaining: 2 }] });
    const open = await service({ online: 10 });
    expect((await h.board.officeBoard(open.f.officeId)).services[0]?.walkInRemaining).toBeNull();
  });

  it('refuses a booking past the day’s online quota with QUOTA_REACHED, racing, and shows every slot of that day full', async () => {
    const { f, serviceId } = await service({ online: 3 });
    const now = at('07:00');
    const burst = Array.from({ length: 12 }, (_, i) =>
      h.booking.book(
        { officeId: f.officeId, serviceId, start: at(i % 2 ? '14:00' : '15:00').toISOString(), citizen: { name: `Warga ${i}`, nik: nik(700 + i) } },
        {},
        now,
      ),
    );
    const { ok, refused } = await settle(burst);
    expect(ok).toHaveLength(3);
    expect(refused.map((e) => e.code)).toEqual(Array(9).fill('QUOTA_REACHED'));
    const day = (await h.booking.availability(f.officeId, serviceId, '2026-12-07', '2026-12-08', now)).days;
    expect(day.find((d) => d.date === '2026-12-07')?.slots.every((s) => s.remaining === 0)).toBe(true);
    // The next day has its own quota.
    expect(day.find((d) => d.date === '2026-12-08')?.slots.some((s) => s.remaining > 0)).toBe(true);
  }, 60_000);

  it('gives today’s unbooked online places to walk-ins from the roll-over hour, not a minute before', async () => {
    const { f, serviceId } = await service({ online: 4, walkIn: 2 }, { onlineRolloverAt: '12:00' });
    await h.booking.book({ officeId: f.officeId, serviceId, start: at('15:00').toISOString(), citizen: { name: 'Warga', nik: nik(800) } }, {}, at('08:00'));
    for (let i = 0; i < 2; i++) await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', at('09:00'));
    await expect(h.tickets.issue(f.officeId, { serviceId }, 'kiosk', at('11:59'))).rejects.toMatchObject({ code: 'QUOTA_REACHED' });
    // At 12:00 the three online places nobody booked are walk-in places: exactly three more, racing.
    const { ok, refused } = await settle(Array.from({ length: 8 }, () => h.tickets.issue(f.officeId, { serviceId }, 'kiosk', at('12:00'))));
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(5);
    expect([...ok.map((t) => t.number)].sort()).toEqual(['A-003', 'A-004', 'A-005']);
    // Those places are the walk-ins' now: no online booking of today takes one a second time.
    const late = { officeId: f.officeId, serviceId, start: at('16:00').toISOString(), citizen: { name: 'Warga', nik: nik(802) } };
    await expect(h.booking.book(late, {}, at('12:00'))).rejects.toMatchObject({ code: 'QUOTA_REACHED' });
    const today = await h.booking.availability(f.officeId, serviceId, '2026-12-07', '2026-12-08', at('12:00'));
    expect(today.days[0]!.slots.every((s) => s.remaining === 0)).toBe(true);
    expect(today.days[1]!.slots.some((s) => s.remaining > 0)).toBe(true);
  }, 60_000);

  it('takes quotas on update as one object, keeps dailyTicketQuota as the alias of quota.walkIn, and refuses the two disagreeing', async () => {
    const { f, serviceId } = await service({ online: 10, walkIn: 20, priority: 5 });
    const aliased = await h.offices.updateService(h.admin, f.officeId, serviceId, { dailyTicketQuota: 30 });
    expect(aliased).toMatchObject({ dailyTicketQuota: 30, quota: { online: 10, walkIn: 30, priority: 5 } });
    const partial = await h.offices.updateService(h.admin, f.officeId, serviceId, { quota: { priority: null } });
    expect(partial.quota).toEqual({ online: 10, walkIn: 30, priority: null });
    await expect(h.offices.updateService(h.admin, f.officeId, serviceId, { dailyTicketQuota: 7, quota: { walkIn: 8 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await h.offices.updateService(h.admin, f.officeId, serviceId, {})).quota.walkIn).toBe(30);
  });
});
