import { DateTime } from 'luxon';
import { SlotBooking } from '@giliran/database';
import { capture } from '../../../test/support/statements';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

const nik = (n: number) => `3201011505900${String(n).padStart(3, '0')}`;

/** Issue #13: a crowd reading the same days costs one read, and a booking is shown at once. */
describe('availability under a crowd', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('availability-cache');
  });
  afterAll(() => h.close());

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

    // Another replica's booking (here: the row changed behind this process) shows within 2 s.
    await h.dataSource.getRepository(SlotBooking).update({ serviceId }, { booked: 2 });
    const deadline = Date.now() + 2500;
    while ((await remainingAtNine()) !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await remainingAtNine()).toBe(2);
  });
});
