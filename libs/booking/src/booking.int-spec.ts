import { DomainError, SortClass } from '@giliran/core';
import { Appointment, SlotBooking } from '@giliran/database';
import { DateTime } from 'luxon';
import { StatsService } from '@giliran/statistics';
import { AuditTrail } from '@giliran/audit';
import { createIntHarness, type IntHarness, officeFixture } from '../../../test/support/int-harness';
import { AppointmentDays } from './appointment-days';

/** Valid NIKs: Bogor, men born on 15 May 1990, serial n. */
const nik = (n: number) => `32010115059${String(n).padStart(5, '0')}`.slice(0, 12) + String(n).padStart(4, '0');

describe('booking (issue 4)', () => {
  let h: IntHarness;
  beforeAll(async () => {
    h = await createIntHarness('booking');
  });
  afterAll(() => h.close());

  /** An office open around the clock with 30-minute slots of the given capacity; slots of tomorrow. */
  async function bookable(capacity: number) {
    const f = await officeFixture(h);
    const serviceId = f.services[0].id;
    await h.offices.updateService(h.admin, f.officeId, serviceId, { slotCapacity: capacity, slotMinutes: 30 });
    const tomorrow = DateTime.now().setZone(f.timezone).plus({ days: 1 }).startOf('day');
    const slot = (hour: number, minute = 0) => tomorrow.set({ hour, minute }).toUTC().toISO()!;
    const book = (start: string, n: number, extra: { key?: string } = {}) =>
      h.booking.book(
        { officeId: f.officeId, serviceId, start, citizen: { name: `Warga ${n}`, nik: nik(n), phone: '+6281234567890' } },
        { idempotencyKey: extra.key },
      );
    return { f, serviceId, slot, book, tomorrow };
  }

  it('500 concurrent bookings for a slot of capacity 20: exactly 20 booked, every other answer SLOT_FULL', async () => {
    const { f, serviceId, slot, book } = await bookable(20);
    const results = await Promise.allSettled(Array.from({ length: 500 }, (_, i) => book(slot(9), i + 1)));
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(booked).toHaveLength(20);
    expect(refused).toHaveLength(480);
    expect(refused.every((e) => e instanceof DomainError && e.code === 'SLOT_FULL')).toBe(true);
    expect(await h.dataSource.getRepository(Appointment).countBy({ serviceId, status: 'booked' })).toBe(20);
    const row = await h.dataSource.getRepository(SlotBooking).findOneByOrFail({ serviceId });
    expect([row.booked, row.capacity]).toEqual([20, 20]);
    const avail = await h.booking.availability(f.officeId, serviceId, slot(9).slice(0, 10), slot(9).slice(0, 10));
    const nine = avail.days.flatMap((d) => d.slots).find((s) => s.start === new Date(slot(9)).toISOString());
    expect(nine).toMatchObject({ capacity: 20, remaining: 0 });
  }, 60_000);

  it('with an Idempotency-Key on every request (as the booking pages send): exact capacity, and a retry after the slot filled replays its booking', async () => {
    const { slot, book } = await bookable(5);
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => book(slot(16), 1000 + i, { key: `storm-${i}` })));
    const booked = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, body: r.value.body }] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(booked).toHaveLength(5);
    expect(refused.every((e) => e instanceof DomainError && e.code === 'SLOT_FULL')).toBe(true);
    // The slot is full (and known to be): the retry of a request that booked gets its booking back.
    const again = await book(slot(16), 1000 + booked[0].i, { key: `storm-${booked[0].i}` });
    expect(again).toMatchObject({ status: 201, body: { id: booked[0].body.id, code: booked[0].body.code } });
    // A refused request's retry is refused again, not booked.
    const refusedIndex = results.findIndex((r) => r.status === 'rejected');
    await expect(book(slot(16), 1000 + refusedIndex, { key: `storm-${refusedIndex}` })).rejects.toMatchObject({ code: 'SLOT_FULL' });
  }, 60_000);

  it('a place freed by a reschedule is offered at once, though the slot was just seen full', async () => {
    const { slot, book } = await bookable(1);
    const first = (await book(slot(14), 1)).body;
    await expect(book(slot(14), 2)).rejects.toMatchObject({ code: 'SLOT_FULL' });
    await h.booking.reschedule(first.manageToken!, slot(15));
    expect((await book(slot(14), 2)).body.status).toBe('booked');
  });

  it('a cancelled booking frees its place; a failed reschedule keeps the old slot', async () => {
    const { serviceId, slot, book } = await bookable(1);
    const first = (await book(slot(10), 1)).body;
    await expect(book(slot(10), 2)).rejects.toMatchObject({ code: 'SLOT_FULL' });
    const cancelled = await h.booking.cancel(first.manageToken!);
    expect(cancelled.status).toBe('cancelled');
    const second = (await book(slot(10), 2)).body;
    expect(second.status).toBe('booked');

    const third = (await book(slot(11), 3)).body;
    await expect(h.booking.reschedule(third.manageToken!, slot(10))).rejects.toMatchObject({ code: 'SLOT_FULL' });
    expect((await h.booking.get(third.manageToken!)).start).toBe(new Date(slot(11)).toISOString());
    const rows = await h.dataSource.getRepository(SlotBooking).findBy({ serviceId });
    expect(rows.map((r) => [r.slotStart.toISOString(), r.booked]).sort()).toEqual([
      [new Date(slot(10)).toISOString(), 1],
      [new Date(slot(11)).toISOString(), 1],
    ]);
    // A successful reschedule moves the place.
    const moved = await h.booking.reschedule(third.manageToken!, slot(12));
    expect(moved.start).toBe(new Date(slot(12)).toISOString());
    const after = await h.dataSource.getRepository(SlotBooking).findOneByOrFail({ serviceId, slotStart: new Date(slot(11)) });
    expect(after.booked).toBe(0);
  });

  it('refuses a second active booking of one NIK for a service, even when the requests race', async () => {
    const { slot, book } = await bookable(50);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => book(slot(8 + (i % 8)), 7)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'DUPLICATE_BOOKING')).toBe(true);
  });

  it('the same Idempotency-Key twice, at once, books once and answers the same', async () => {
    const { serviceId, slot, book } = await bookable(5);
    const [a, b] = await Promise.all([book(slot(13), 21, { key: 'retry-key-0001' }), book(slot(13), 21, { key: 'retry-key-0001' })]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.manageToken).toBe(b.body.manageToken);
    expect(await h.dataSource.getRepository(Appointment).countBy({ serviceId })).toBe(1);
    const again = await book(slot(13), 21, { key: 'retry-key-0001' });
    expect(again).toEqual({ status: 201, body: a.body });
    await expect(book(slot(14), 22, { key: 'retry-key-0001' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses invalid NIKs and slots that are not offered', async () => {
    const { f, serviceId, slot, tomorrow } = await bookable(5);
    const base = { officeId: f.officeId, serviceId, citizen: { name: 'Warga', nik: nik(1) } };
    await expect(h.booking.book({ ...base, start: slot(9), citizen: { name: 'Warga', nik: '3201013202900001' } }, {})).rejects.toMatchObject({
      code: 'INVALID_NIK',
    });
    await expect(h.booking.book({ ...base, start: slot(9, 10) }, {})).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' }); // not on the grid
    await expect(h.booking.book({ ...base, start: tomorrow.minus({ days: 2 }).set({ hour: 9 }).toUTC().toISO()! }, {})).rejects.toMatchObject({
      code: 'SLOT_UNAVAILABLE',
    }); // past
    await expect(h.booking.book({ ...base, start: tomorrow.plus({ days: 30 }).set({ hour: 9 }).toUTC().toISO()! }, {})).rejects.toMatchObject({
      code: 'SLOT_UNAVAILABLE',
    }); // beyond the window
    await h.offices.addHoliday(h.admin, f.officeId, { date: tomorrow.toISODate()!, name: 'Libur' });
    await expect(h.booking.book({ ...base, start: slot(9) }, {})).rejects.toMatchObject({ code: 'SLOT_UNAVAILABLE' }); // holiday
    expect(await h.dataSource.getRepository(Appointment).countBy({ serviceId })).toBe(0);
  });

  it('racing walk-ins and check-ins: the walk-ins get exactly the daily quota, every booked citizen checks in, numbers stay gapless', async () => {
    const { f, serviceId, slot, book } = await bookable(10);
    await h.offices.updateService(h.admin, f.officeId, serviceId, { dailyTicketQuota: 5 });
    const start = new Date(slot(10));
    const booked = [];
    for (let i = 0; i < 6; i++) booked.push((await book(slot(10), 4100 + i)).body);
    const at = new Date(start.getTime() - 10 * 60_000);
    const walkIns = Array.from({ length: 15 }, () => h.tickets.issue(f.officeId, { serviceId }, 'kiosk', at));
    const checkIns = booked.map((a) => h.booking.checkIn(f.officeId, a.code, at));
    const [w, c] = await Promise.all([Promise.allSettled(walkIns), Promise.allSettled(checkIns)]);
    const issued = w.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = w.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(issued).toHaveLength(5);
    expect(refused.map((e) => e.code)).toEqual(Array(10).fill('QUOTA_REACHED'));
    expect(c.every((r) => r.status === 'fulfilled')).toBe(true);
    const numbers = [...issued, ...c.map((r) => (r as PromiseFulfilledResult<{ number: string }>).value)].map((t) => t.number).sort();
    expect(numbers).toEqual(Array.from({ length: 11 }, (_, i) => `A-${String(i + 1).padStart(3, '0')}`));
  }, 60_000);

  it('checks in within the window, ahead of regular walk-ins; too early, too late, twice and unknown are refused', async () => {
    const { f, serviceId, slot, book } = await bookable(5);
    const start = new Date(slot(10));
    const appt = (await book(slot(10), 31)).body;
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);
    await expect(h.booking.checkIn(f.officeId, appt.code, minutes(-31))).rejects.toMatchObject({
      code: 'CHECK_IN_TOO_EARLY',
      details: { opensAt: minutes(-30).toISOString() },
    });
    await expect(h.booking.checkIn(f.officeId, appt.code, minutes(16))).rejects.toMatchObject({ code: 'CHECK_IN_TOO_LATE' });
    await expect(h.booking.checkIn(f.officeId, 'ZZZZZZZZ', minutes(0))).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_FOUND' });
    // Two walk-ins who came before the citizen checks in.
    const w1 = await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', minutes(-25));
    const w2 = await h.tickets.issue(f.officeId, { serviceId }, 'kiosk', minutes(-20));
    const ticket = await h.booking.checkIn(f.officeId, appt.code.toLowerCase(), minutes(-10));
    expect(ticket.number).toBe('A-003');
    expect(ticket.position).toBe(1);
    await expect(h.booking.checkIn(f.officeId, appt.code, minutes(-5))).rejects.toMatchObject({ code: 'ALREADY_CHECKED_IN' });
    expect((await h.booking.get(appt.manageToken!)).status).toBe('checked_in');
    const order = await h.dataSource.transaction(async (em) => {
      const out: string[] = [];
      for (let i = 0; i < 3; i++) {
        const next = await h.ticketRepo.pickNext(em, f.officeId, ticket.businessDate, [serviceId], { now: minutes(0), minutes: 600 });
        if (!next) break;
        out.push(next.number);
        await em.update('ticket', { id: next.id }, { status: 'called' });
      }
      return out;
    });
    expect(order).toEqual([ticket.number, w1.number, w2.number]);
    const row = await h.dataSource.getRepository('ticket').findOneByOrFail({ id: ticket.id });
    expect(row).toMatchObject({ sortClass: SortClass.Appointment, appointmentId: appt.id });
  });

  it('marks bookings never checked in as no-show at the end of their day', async () => {
    const { f, slot, book, tomorrow } = await bookable(5);
    const appt = (await book(slot(9), 41)).body;
    const dayAfter = tomorrow.plus({ days: 1, hours: 1 }).toJSDate();
    expect(await h.app.get(AppointmentDays).closeDay(f.officeId, tomorrow.plus({ hours: 12 }).toJSDate())).toBe(0);
    expect(await h.app.get(AppointmentDays).closeDay(f.officeId, dayAfter)).toBe(1);
    expect((await h.booking.get(appt.manageToken!)).status).toBe('no_show');
    // …audited in the same transaction, by the system.
    const entries = await h.app.get(AuditTrail).list(f.officeId, tomorrow.minus({ days: 2 }).toJSDate(), tomorrow.plus({ days: 3 }).toJSDate(), 'appointment');
    expect(entries.filter((e) => e.subject === `appointment:${appt.id}`).map((e) => [e.type, e.actor])).toEqual([
      ['appointment.booked', 'citizen'],
      ['appointment.no_show', 'system'],
    ]);
    // …and count in the statistics of their day.
    const stats = await h.app.get(StatsService).officeStats(h.admin, f.officeId, tomorrow.toISODate()!, tomorrow.toISODate()!);
    expect(stats.appointments).toEqual({ booked: 0, checkedIn: 0, noShow: 1, cancelled: 0 });
  });

  it('stores no NIK, name or phone in clear text anywhere', async () => {
    const { book, slot } = await bookable(5);
    await book(slot(15), 99);
    const secrets = [nik(99), 'Warga 99', '81234567890'];
    const tables: string[] =
      h.dataSource.options.type === 'mysql'
        ? (await h.dataSource.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()')).map((r: { t: string }) => r.t)
        : (await h.dataSource.query("SELECT name AS t FROM sqlite_master WHERE type = 'table'")).map((r: { t: string }) => r.t);
    expect(tables).toContain('appointment');
    for (const table of tables) {
      const rows: Record<string, unknown>[] = await h.dataSource.query(`SELECT * FROM ${table}`);
      const dump = JSON.stringify(rows);
      for (const secret of secrets) expect({ table, found: dump.includes(secret) }).toEqual({ table, found: false });
    }
  });
});
