import { DomainError } from '@giliran/core';
import { Appointment, WaitlistEntry } from '@giliran/database';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';
import { WaitlistService } from './waitlist';

// API.md v1.1 "Waitlist", on MariaDB and SQLite (TEST_DB), with an injected clock. The office is
// open 09:00–10:00 every day in Jakarta (UTC+7), slots of 30 minutes for one citizen each: two
// bookings fill a day. The day waited for is 2026-12-08; "now" is the morning before.
const DAY = '2026-12-08';
const NOW = new Date('2026-12-07T08:00:00+07:00');
const NINE = '2026-12-08T02:00:00.000Z';
const HALF_PAST = '2026-12-08T02:30:00.000Z';
const nik = (n: number) => `320101010190${String(n).padStart(4, '0')}`;

describe('the waitlist of a full day', () => {
  let h: IntHarness;
  let waitlist: WaitlistService;
  beforeAll(async () => {
    h = await createIntHarness('waitlist');
    waitlist = h.app.get(WaitlistService);
  });
  afterAll(() => h.close());

  async function fullDay() {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    await h.offices.setHours(h.admin, f.officeId, { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '09:00', close: '10:00' })) });
    await h.offices.updateService(h.admin, f.officeId, serviceId, { slotMinutes: 30, slotCapacity: 1 });
    const book = (start: string, n: number) =>
      h.booking.book({ officeId: f.officeId, serviceId, start, citizen: { name: `Warga ${n}`, nik: nik(n), email: `warga${n}@example.go.id` } }, {}, NOW);
    const join = (n: number) => waitlist.join({ officeId: f.officeId, serviceId, date: DAY, citizen: { name: `Tunggu ${n}`, nik: nik(n) } }, NOW);
    return { f, serviceId, book, join };
  }

  /** A full day three days from now (real clock): both places booked (NIK serials `booked`, +1), three citizens waiting (`waiting`, +1, +2). */
  async function threeWaitingInThreeDays(booked: number, waiting: number) {
    const now = new Date();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(now.getTime() + 3 * 86_400_000));
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`).toISOString();
    const { f, serviceId } = await fullDay();
    const citizen = (n: number) => ({ name: `Warga ${n}`, nik: nik(n) });
    for (const [i, hhmm] of ['09:00', '09:30'].entries())
      await h.booking.book({ officeId: f.officeId, serviceId, start: at(hhmm), citizen: citizen(booked + i) }, {}, now);
    const entries = [];
    for (let i = 0; i < 3; i++) entries.push(await waitlist.join({ officeId: f.officeId, serviceId, date: day, citizen: citizen(waiting + i) }, now));
    return { now, f, serviceId, entries };
  }

  const booked = (serviceId: string) => h.dataSource.getRepository(Appointment).find({ where: { serviceId, status: 'booked' } });

  it('takes a citizen only for a day with no place left, once per NIK and service', async () => {
    const { book, join } = await fullDay();
    await book(NINE, 1);
    await expect(join(10)).rejects.toMatchObject({ code: 'PLACES_AVAILABLE', status: 409 });
    await book(HALF_PAST, 2);
    expect(await join(10)).toMatchObject({ status: 'waiting', position: 1 });
    expect(await join(11)).toMatchObject({ status: 'waiting', position: 2 });
    await expect(join(10)).rejects.toMatchObject({ code: 'DUPLICATE_BOOKING' });
    // Who holds a booking of the service does not wait for another.
    await expect(join(1)).rejects.toMatchObject({ code: 'DUPLICATE_BOOKING' });
  });

  it('numbers citizens joining at the same moment in one order, without a gap', async () => {
    const { book, join } = await fullDay();
    await book(NINE, 1);
    await book(HALF_PAST, 2);
    const joined = await Promise.all(Array.from({ length: 20 }, (_, i) => join(100 + i)));
    expect(joined.map((j) => j.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  }, 60_000);

  it('books the earliest entry into a freed place in the same transaction and tells it its booking', async () => {
    const { serviceId, book, join } = await fullDay();
    const first = (await book(NINE, 1)).body;
    await book(HALF_PAST, 2);
    const a = await join(20);
    const b = await join(21);
    await h.booking.cancel(first.manageToken!, NOW);
    const seen = await waitlist.view(a.manageToken, NOW);
    expect(seen).toMatchObject({ status: 'booked', position: 0, appointment: { start: NINE } });
    // The entry's link leads to a real booking of its own.
    const its = await h.booking.get(seen.appointment!.manageToken);
    expect(its).toMatchObject({ status: 'booked', start: NINE, citizen: { name: 'Tunggu 20' } });
    expect(await waitlist.view(b.manageToken, NOW)).toMatchObject({ status: 'waiting', position: 1 });
    expect((await booked(serviceId)).map((x) => x.slotStart.toISOString()).sort()).toEqual([NINE, HALF_PAST]);
    // A cancelled entry waits no more, and the next one moves up.
    expect(await waitlist.cancel(b.manageToken, NOW)).toMatchObject({ status: 'cancelled', position: 0 });
  });

  it('gives two places freed at the same moment to two entries, each booked exactly once', async () => {
    const { serviceId, book, join } = await fullDay();
    const held = [(await book(NINE, 1)).body, (await book(HALF_PAST, 2)).body];
    const entries = [await join(30), await join(31), await join(32)];
    await Promise.all(held.map((x) => h.booking.cancel(x.manageToken!, NOW)));
    const views = await Promise.all(entries.map((e) => waitlist.view(e.manageToken, NOW)));
    expect(views.map((v) => v.status)).toEqual(['booked', 'booked', 'waiting']);
    expect(views[2]!.position).toBe(1);
    const now = await booked(serviceId);
    expect(now).toHaveLength(2);
    expect(new Set(now.map((x) => x.nikHash)).size).toBe(2);
    const rows = await h.dataSource.getRepository(WaitlistEntry).findBy({ serviceId, status: 'booked' });
    expect(new Set(rows.map((r) => r.appointmentId)).size).toBe(2);
  }, 60_000);

  it('gives a freed place to one entry only when two cancellations race for one waiting citizen', async () => {
    const { f, serviceId, book, join } = await fullDay();
    const held = [(await book(NINE, 1)).body, (await book(HALF_PAST, 2)).body];
    const only = await join(40);
    await Promise.all(held.map((x) => h.booking.cancel(x.manageToken!, NOW)));
    expect(await waitlist.view(only.manageToken, NOW)).toMatchObject({ status: 'booked' });
    expect(await booked(serviceId)).toHaveLength(1);
    // The other place is free for anyone.
    const avail = await h.booking.availability(f.officeId, serviceId, DAY, DAY, NOW);
    expect(avail.days[0]!.slots.filter((s) => s.remaining > 0)).toHaveLength(1);
  }, 60_000);

  it('lets no racing booking take a freed place from a waiting citizen, and never books past capacity', async () => {
    const { serviceId, book, join } = await fullDay();
    const first = (await book(NINE, 1)).body;
    await book(HALF_PAST, 2);
    const waiting = await join(50);
    const racers = Array.from({ length: 6 }, (_, i) => book(NINE, 60 + i));
    const [cancelled, ...tries] = await Promise.allSettled([h.booking.cancel(first.manageToken!, NOW), ...racers]);
    expect(cancelled!.status).toBe('fulfilled');
    expect(tries.every((r) => r.status === 'rejected' && (r.reason as DomainError).code === 'SLOT_FULL')).toBe(true);
    expect(await waitlist.view(waiting.manageToken, NOW)).toMatchObject({ status: 'booked' });
    expect((await booked(serviceId)).filter((x) => x.slotStart.toISOString() === NINE)).toHaveLength(1);
  }, 60_000);

  it('expires when its day begins: a place freed on the day itself is free for anyone', async () => {
    const { f, serviceId, book, join } = await fullDay();
    const first = (await book(NINE, 1)).body;
    await book(HALF_PAST, 2);
    const entry = await join(70);
    const dayStart = new Date('2026-12-08T00:00:00+07:00');
    expect(await waitlist.view(entry.manageToken, dayStart)).toMatchObject({ status: 'expired', position: 0 });
    await h.booking.cancel(first.manageToken!, dayStart);
    expect(await waitlist.view(entry.manageToken, dayStart)).toMatchObject({ status: 'expired' });
    const avail = await h.booking.availability(f.officeId, serviceId, DAY, DAY, dayStart);
    expect(avail.days[0]!.slots.some((s) => s.remaining > 0)).toBe(true);
  });

  it('gives the places of a raised capacity to the waiting citizens, in the order they joined', async () => {
    // The change is the supervisor's, now: the day waited for is three days from today (real clock).
    const { now, f, serviceId, entries } = await threeWaitingInThreeDays(90, 80);
    // One place more per slot: the first two in line get them; the third waits on.
    await h.offices.updateService(h.admin, f.officeId, serviceId, { slotCapacity: 2 });
    const views = await Promise.all(entries.map((e) => waitlist.view(e.manageToken, now)));
    expect(views.map((v) => v.status)).toEqual(['booked', 'booked', 'waiting']);
    expect(views[2]!.position).toBe(1);
    expect(await booked(serviceId)).toHaveLength(4);
    // Nothing is left to give.
    expect(await waitlist.fillOpenPlaces(f.officeId, serviceId, now)).toBe(0);
  }, 60_000);

  it('gives the places of longer opening hours and of shorter slots to the waiting citizens, in the order they joined', async () => {
    const { now, f, serviceId, entries } = await threeWaitingInThreeDays(60, 70);
    // Open until 10:30: one slot more, for the first in line.
    await h.offices.setHours(h.admin, f.officeId, { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '09:00', close: '10:30' })) });
    let views = await Promise.all(entries.map((e) => waitlist.view(e.manageToken, now)));
    expect(views.map((v) => v.status)).toEqual(['booked', 'waiting', 'waiting']);
    // Shorter slots (15 minutes): twice as many places; the other two get theirs.
    await h.offices.updateService(h.admin, f.officeId, serviceId, { slotMinutes: 15 });
    views = await Promise.all(entries.map((e) => waitlist.view(e.manageToken, now)));
    expect(views.map((v) => v.status)).toEqual(['booked', 'booked', 'booked']);
  }, 60_000);
});
