import { DateTime } from 'luxon';
import { SlotBooking } from '@giliran/database';
import { eventually } from '../../../test/support/sinks';
import { capture } from '../../../test/support/statements';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

const nik = (n: number) => `3201011505900${String(n).padStart(3, '0')}`;

/** Issue #13: a crowd reading the same days costs one read, and a booking is shown at once. */
describe('availability under a crowd', () => {
  let h: IntHarness;
  /** Another replica: the same database and Redis. */
  let other: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('availability-cache');
    other = await createIntHarness('availability-cache', { redisPrefix: h.config.redisPrefix, varDir: h.config.varDir });
  });
  afterAll(async () => {
    await other?.close();
    await h?.close();
  });

  it('is read once for many, and a booking, a cancellation or another replica’s change is shown', async () => {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    const tomorrow = DateTime.now().setZone(f.timezone).plus({ days: 1 }).startOf('day');
    const nine = tomorrow.set({ hour: 9 }).toUTC().toISO()!;
    const read = () => h.booking.availability(f.officeId, serviceId, tomorrow.toISODate()!, tomorrow.plus({ days: 6 }).toISODate()!);
    const remainingAtNine = async () => (await read()).days[0].slots.find((s) => s.start === new Date(nine).toISOString())!.remaining;
    const statements = async (work: () => Promise<unknown>) => (await capture(h, async () => void (await work()))).length;

    expect(await statements(read)).toBeGreaterThan(0);
    expect(await statements(() => Promise.all(Array.from({ length: 50 }, read)))).toBe(0);
    expect(await remainingAtNine()).toBe(4);

    const booked = (await h.booking.book({ officeId: f.officeId, serviceId, start: nine, citizen: { name: 'Warga', nik: nik(1) } }, {})).body;
    expect(await remainingAtNine()).toBe(3);
    await h.booking.cancel(booked.manageToken!);
    expect(await remainingAtNine()).toBe(4);

    // A change no replica announced (the row changed behind every process: Redis was away) shows within 2 s.
    await h.dataSource.getRepository(SlotBooking).update({ serviceId }, { booked: 2 });
    const deadline = Date.now() + 2500;
    while ((await remainingAtNine()) !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await remainingAtNine()).toBe(2);
  });

  it('a booking on another replica is shown there at once, not when its kept copy expires', async () => {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    const tomorrow = DateTime.now().setZone(f.timezone).plus({ days: 1 }).startOf('day');
    const ten = new Date(tomorrow.set({ hour: 10 }).toUTC().toISO()!).toISOString();
    const remainingAtTen = async (on: IntHarness) =>
      (await on.booking.availability(f.officeId, serviceId, tomorrow.toISODate()!, tomorrow.plus({ days: 6 }).toISODate()!)).days[0].slots.find(
        (s) => s.start === ten,
      )!.remaining;
    expect(await remainingAtTen(other)).toBe(4); // kept there now, for 2 s
    await h.booking.book({ officeId: f.officeId, serviceId, start: ten, citizen: { name: 'Warga', nik: nik(2) } }, {});
    const seenAt = Date.now();
    await eventually(
      () => remainingAtTen(other),
      (n) => n === 3,
      1_000,
    );
    expect(Date.now() - seenAt).toBeLessThan(1_000);
  });
});
