import { Appointment } from '@giliran/database';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';

// API.md v1.1 "Scheduled release", on MariaDB and SQLite (TEST_DB), with an injected clock. The
// fixture's office is open all day in Jakarta (UTC+7); release {daysAhead: 7, at: "09:00"}: the
// slots of 2026-12-14 open at 2026-12-07 09:00 WIB = 02:00 UTC.
const nik = (n: number) => `320101010190${String(n).padStart(4, '0')}`;
const OPENS = '2026-12-07T02:00:00.000Z';
const second = (offset: number) => new Date(Date.parse(OPENS) + offset * 1000);

describe('scheduled release', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('release');
  });
  afterAll(() => h.close());

  async function released() {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    const view = await h.offices.updateService(h.admin, f.officeId, serviceId, { release: { daysAhead: 7, at: '09:00' }, bookingWindowDays: 30 });
    const book = (n: number, now: Date, start = '2026-12-14T03:00:00.000Z') =>
      h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: `Warga ${n}`, nik: nik(n) } }, {}, now);
    return { f, serviceId, view, book };
  }

  it('refuses a booking one second before the release with NOT_YET_RELEASED and its opensAt, and books one second after', async () => {
    const { serviceId, view, book } = await released();
    expect(view.release).toEqual({ daysAhead: 7, at: '09:00' });
    await expect(book(1, second(-1))).rejects.toMatchObject({ code: 'NOT_YET_RELEASED', status: 409, details: { opensAt: OPENS } });
    expect(await h.dataSource.getRepository(Appointment).countBy({ serviceId })).toBe(0);
    const { status, body } = await book(2, second(1));
    expect(status).toBe(201);
    expect(body.start).toBe('2026-12-14T03:00:00.000Z');
    // The day before it was released all along.
    expect((await book(3, second(-1), '2026-12-13T03:00:00.000Z')).status).toBe(201);
  });

  it('lists a day before its release with opensAt and no slots, and with its slots from that moment', async () => {
    const { f, serviceId } = await released();
    const before = await h.booking.availability(f.officeId, serviceId, '2026-12-13', '2026-12-14', second(-1));
    expect(before.days.map((d) => ({ date: d.date, opensAt: d.opensAt, slots: d.slots.length > 0 }))).toEqual([
      { date: '2026-12-13', opensAt: undefined, slots: true },
      { date: '2026-12-14', opensAt: OPENS, slots: false },
    ]);
    const after = await h.booking.availability(f.officeId, serviceId, '2026-12-14', '2026-12-14', second(0));
    expect(after.days[0]).toMatchObject({ date: '2026-12-14' });
    expect(after.days[0]!.opensAt).toBeUndefined();
    expect(after.days[0]!.slots.length).toBeGreaterThan(0);
  });

  it('answers SLOT_UNAVAILABLE, not a release time, for a start that will never be a slot', async () => {
    const { f, book } = await released();
    await h.offices.addHoliday(h.admin, f.officeId, { date: '2026-12-14', name: 'Libur' });
    await expect(book(5, second(-1))).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' });
    await expect(book(6, second(-1), '2026-12-15T03:07:00.000Z')).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' });
    // Beyond the booking window (30 days): never listed, never "opens at".
    await expect(book(7, second(-1), '2027-02-01T03:00:00.000Z')).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' });
  });

  it('moves a booking into a day not yet released only once it is', async () => {
    const { book } = await released();
    const { body } = await book(4, second(-3600), '2026-12-13T03:00:00.000Z');
    const move = (now: Date) => h.booking.reschedule(body.manageToken!, '2026-12-14T04:00:00.000Z', now);
    await expect(move(second(-1))).rejects.toMatchObject({ code: 'NOT_YET_RELEASED' });
    expect((await move(second(1))).start).toBe('2026-12-14T04:00:00.000Z');
  });
});
