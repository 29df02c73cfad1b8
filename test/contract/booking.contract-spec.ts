/**
 * API.md "Booking", as written: availability, appointments, the citizen's link, calendar file, check-in.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Appointment,
  type Availability,
  BOOKING_CODE,
  DATE,
  ID,
  ISO_UTC,
  type Seeded,
  TOKEN,
  type Ticket,
  type TicketEvent,
  type Tracking,
  businessDate,
  dateIn,
  codeOf,
  expectError,
  jakartaToUtc,
  login,
  maskedNik,
  nik,
  ok,
  seed,
  startContractApp,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;
let office: Seeded;
let hours: Seeded;
const svc = (o: Seeded, prefix: string) => o.services.find((s) => s.prefix === prefix)!;
let serial = 1000;
const nextNik = () => nik(serial++);
const today = () => businessDate('Asia/Jakarta');

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
  office = await seed(admin, {
    supervisor: false,
    services: [
      { prefix: 'A', name: 'KTP Elektronik' },
      { prefix: 'F', slotCapacity: 1 },
      { prefix: 'C', slotCapacity: 3 },
      { prefix: 'W', bookingWindowDays: 3 },
      { prefix: 'Q', dailyTicketQuota: 1 },
      { prefix: 'E' },
    ],
  });
  hours = await seed(admin, {
    supervisor: false,
    week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '15:00' })),
    services: [{ prefix: 'H', slotMinutes: 30 }],
    counters: [{ name: 'Loket 1' }],
    officers: 0,
  });
});
afterAll(() => app?.stop());

async function slots(o: Seeded, prefix: string, from: string, to = from): Promise<Availability> {
  return ok(await pub.get<Availability>(`/offices/${o.officeId}/services/${svc(o, prefix).id}/availability?from=${from}&to=${to}`), 'availability');
}
const daySlots = (a: Availability, date: string) => a.days.find((d) => d.date === date)?.slots ?? [];
const remainingAt = async (o: Seeded, prefix: string, start: string) => {
  const date = dateIn('Asia/Jakarta', start);
  const found = daySlots(await slots(o, prefix, date), date).find((s) => s.start === start);
  expect({ start, found: !!found }).toEqual({ start, found: true });
  return found!.remaining;
};
function book(o: Seeded, prefix: string, start: string, citizen: Record<string, unknown> = {}, headers?: Record<string, string>) {
  return pub.post<Appointment>(
    '/appointments',
    { officeId: o.officeId, serviceId: svc(o, prefix).id, start, citizen: { name: 'Siti Aminah', nik: nextNik(), ...citizen } },
    headers,
  );
}

describe('API.md Booking: availability', () => {
  it('GET .../availability?from=&to= → {timezone, days: [{date, slots: [{start, end, capacity, remaining}]}]}, never in the past', async () => {
    const res = await pub.get<Availability>(
      `/offices/${office.officeId}/services/${svc(office, 'A').id}/availability?from=${today()}&to=${businessDate('Asia/Jakarta', 2)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe('Asia/Jakarta');
    expect(res.body.days.map((d) => d.date)).toEqual(expect.arrayContaining([businessDate('Asia/Jakarta', 1), businessDate('Asia/Jakarta', 2)]));
    for (const day of res.body.days) {
      expect(day.date).toMatch(DATE);
      for (const s of day.slots) {
        expect(s).toEqual(
          expect.objectContaining({ start: expect.stringMatching(ISO_UTC), end: expect.stringMatching(ISO_UTC), capacity: 4, remaining: expect.any(Number) }),
        );
        expect(Date.parse(s.end) - Date.parse(s.start)).toBe(15 * 60_000);
        expect(Date.parse(s.start)).toBeGreaterThanOrEqual(Date.now() - 2000);
        expect(s.remaining).toBeLessThanOrEqual(s.capacity);
      }
    }
    expect(daySlots(res.body, businessDate('Asia/Jakarta', 1)).length).toBeGreaterThan(90);
  });

  it('lists slots only within the booking window', async () => {
    const a = await slots(office, 'W', businessDate('Asia/Jakarta', 1), businessDate('Asia/Jakarta', 9));
    expect(daySlots(a, businessDate('Asia/Jakarta', 1)).length).toBeGreaterThan(0);
    for (let d = 5; d <= 9; d++) expect({ d, slots: daySlots(a, businessDate('Asia/Jakarta', d)).length }).toEqual({ d, slots: 0 });
  });
});

describe('API.md Booking: POST /api/v1/appointments and the citizen’s link', () => {
  const citizen = { name: 'Rina Wulandari', nik: nik(1), phone: '+6281298765432', email: 'rina.wulandari@example.org' };
  let booked: Appointment;
  let start: string;

  it('→ 201 {id, code, manageToken, status: "booked", start, end, officeId, serviceId}, with no personal data', async () => {
    start = daySlots(await slots(office, 'A', businessDate('Asia/Jakarta', 2)), businessDate('Asia/Jakarta', 2))[36].start;
    const before = await remainingAt(office, 'A', start);
    const res = await pub.post<Appointment>('/appointments', { officeId: office.officeId, serviceId: svc(office, 'A').id, start, citizen, locale: 'en' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(ID),
        code: expect.stringMatching(BOOKING_CODE),
        manageToken: expect.stringMatching(TOKEN),
        status: 'booked',
        start,
        end: new Date(Date.parse(start) + 15 * 60_000).toISOString(),
        officeId: office.officeId,
        serviceId: svc(office, 'A').id,
      }),
    );
    expect(res.body.manageToken).not.toBe(res.body.code);
    noPersonalData(res.text, citizen);
    expect(await remainingAt(office, 'A', start)).toBe(before - 1);
    booked = res.body;
    // locale is "id" | "en".
    expectError(
      await pub.post('/appointments', {
        officeId: office.officeId,
        serviceId: svc(office, 'E').id,
        start,
        citizen: { name: 'X', nik: nextNik() },
        locale: 'fr',
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('GET /api/v1/appointments/:manageToken → the appointment, NIK masked (3201********0001)', async () => {
    for (const reader of [pub, admin]) {
      const res = await reader.get<Appointment>(`/appointments/${booked.manageToken}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({ id: booked.id, code: booked.code, status: 'booked', start, officeId: office.officeId, serviceId: svc(office, 'A').id }),
      );
      expect(res.text).not.toContain(citizen.nik);
      expect(res.text).toContain(maskedNik(citizen.nik));
      expect(maskedNik(citizen.nik)).toBe('3201********0001');
    }
  });

  it('GET /api/v1/appointments/:manageToken/calendar.ics → text/calendar (RFC 5545)', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/appointments/${booked.manageToken}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    for (const line of ['VERSION:2.0', 'BEGIN:VEVENT', 'END:VEVENT']) expect(text).toContain(`${line}\r\n`);
    expect(text).toMatch(/\r\nPRODID:/);
    expect(text).toMatch(/\r\nUID:/);
    expect(text).toMatch(/\r\nDTSTAMP:/);
    const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(text).toContain(`DTSTART:${compact(start)}`);
    expect(text.replace(/\r\n[ \t]/g, '')).toContain(booked.code);
    expect(text).not.toContain(citizen.nik);
    // No line longer than 75 octets (RFC 5545 3.1).
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('POST .../reschedule {start} → the appointment at its new slot; the old slot is free again', async () => {
    const date = businessDate('Asia/Jakarta', 2);
    const to = daySlots(await slots(office, 'A', date), date)[40].start;
    const [oldBefore, newBefore] = [await remainingAt(office, 'A', start), await remainingAt(office, 'A', to)];
    const res = await pub.post<Appointment>(`/appointments/${booked.manageToken}/reschedule`, { start: to });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ id: booked.id, status: 'booked', start: to, end: new Date(Date.parse(to) + 15 * 60_000).toISOString() }),
    );
    expect([await remainingAt(office, 'A', start), await remainingAt(office, 'A', to)]).toEqual([oldBefore + 1, newBefore - 1]);
    expect(ok(await pub.get<Appointment>(`/appointments/${booked.manageToken}`), 'read').start).toBe(to);
    start = to;
  });

  it('POST .../cancel → status "cancelled"; the slot is free again', async () => {
    const before = await remainingAt(office, 'A', start);
    const res = await pub.post<Appointment>(`/appointments/${booked.manageToken}/cancel`);
    expect(res.status).toBeLessThan(300);
    expect(res.body).toEqual(expect.objectContaining({ id: booked.id, status: 'cancelled' }));
    expect(await remainingAt(office, 'A', start)).toBe(before + 1);
    expect(ok(await pub.get<Appointment>(`/appointments/${booked.manageToken}`), 'read').status).toBe('cancelled');
  });

  it('an unknown manageToken is 404 NOT_FOUND', async () => {
    expectError(await pub.get('/appointments/bm90LWEtcmVhbC10b2tlbg'), 404, 'NOT_FOUND');
    expectError(await pub.post('/appointments/bm90LWEtcmVhbC10b2tlbg/cancel'), 404, 'NOT_FOUND');
  });
});

describe('API.md Booking: errors', () => {
  it('409 SLOT_FULL past the capacity; the reschedule is atomic (the old slot is kept if the new one fails)', async () => {
    const date = businessDate('Asia/Jakarta', 3);
    const [s1, s2] = daySlots(await slots(office, 'F', date), date)
      .slice(40, 42)
      .map((s) => s.start);
    const first = ok(await book(office, 'F', s1), 'first');
    expectError(await book(office, 'F', s1), 409, 'SLOT_FULL');
    const second = ok(await book(office, 'F', s2), 'second');
    expectError(await pub.post(`/appointments/${second.manageToken}/reschedule`, { start: s1 }), 409, 'SLOT_FULL');
    expect(ok(await pub.get<Appointment>(`/appointments/${second.manageToken}`), 'read')).toEqual(expect.objectContaining({ status: 'booked', start: s2 }));
    expect([await remainingAt(office, 'F', s1), await remainingAt(office, 'F', s2)]).toEqual([0, 0]);
    expect(first.start).toBe(s1);
  });

  it('never exceeds the capacity, whatever the concurrency', async () => {
    const date = businessDate('Asia/Jakarta', 4);
    const start = daySlots(await slots(office, 'C', date), date)[50].start;
    const res = await Promise.all(Array.from({ length: 12 }, () => book(office, 'C', start)));
    const statuses = res.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(3).fill(201), ...Array(9).fill(409)]);
    for (const r of res.filter((x) => x.status === 409)) expectError(r, 409, 'SLOT_FULL');
    expect(await remainingAt(office, 'C', start)).toBe(0);
  });

  it('400 SLOT_UNAVAILABLE for a start that is not a slot of that service, closed, past or outside the window', async () => {
    const d2 = businessDate('Asia/Jakarta', 2);
    const aSlot = daySlots(await slots(office, 'A', d2), d2)[10].start;
    const cases: [string, () => ReturnType<typeof book>][] = [
      ['not on the slot grid', () => book(office, 'A', new Date(Date.parse(aSlot) + 7 * 60_000).toISOString())],
      ['past', () => book(office, 'A', jakartaToUtc(businessDate('Asia/Jakarta', -2), '10:00'))],
      ['outside the booking window', () => book(office, 'W', jakartaToUtc(businessDate('Asia/Jakarta', 8), '10:00'))],
      ['far outside the booking window', () => book(office, 'A', jakartaToUtc(businessDate('Asia/Jakarta', 60), '10:00'))],
      ['closed hours', () => book(hours, 'H', jakartaToUtc(d2, '20:00'))],
      ['before opening', () => book(hours, 'H', jakartaToUtc(d2, '07:30'))],
    ];
    for (const [name, call] of cases) {
      const res = await call();
      expect({ name, status: res.status, code: codeOf(res) }).toEqual({ name, status: 400, code: 'SLOT_UNAVAILABLE' });
      expectError(res, 400, 'SLOT_UNAVAILABLE');
    }
    // A holiday closes its slots too.
    const d5 = businessDate('Asia/Jakarta', 5);
    expect((await book(hours, 'H', jakartaToUtc(d5, '09:00'))).status).toBe(201);
    ok(await admin.post(`/offices/${hours.officeId}/holidays`, { date: d5, name: 'Libur' }), 'holiday', 201);
    expectError(await book(hours, 'H', jakartaToUtc(d5, '09:30')), 400, 'SLOT_UNAVAILABLE');
  });

  it('400 INVALID_NIK unless 16 digits with a plausible region and birth date', async () => {
    const date = businessDate('Asia/Jakarta', 2);
    const start = daySlots(await slots(office, 'E', date), date)[20].start;
    for (const bad of [
      '320101150590001',
      '32010115059000011',
      '32010115059000AB',
      '0000001505900001',
      '3201011513900001',
      '3201010005900001',
      '3201013205900001',
      '3201017205900001',
    ]) {
      const res = await book(office, 'E', start, { nik: bad });
      expect({ bad, status: res.status, code: codeOf(res) }).toEqual({ bad, status: 400, code: 'INVALID_NIK' });
    }
    // A woman's birth day is written +40: 55 is the 15th.
    expect((await book(office, 'E', start, { nik: '3201015505900002' })).status).toBe(201);
  });

  it('409 DUPLICATE_BOOKING while that NIK holds an active booking for that service', async () => {
    const date = businessDate('Asia/Jakarta', 3);
    const [s1, s2] = daySlots(await slots(office, 'E', date), date)
      .slice(30, 32)
      .map((s) => s.start);
    const who = nextNik();
    const first = ok(await book(office, 'E', s1, { nik: who }), 'first');
    expectError(await book(office, 'E', s2, { nik: who }), 409, 'DUPLICATE_BOOKING');
    // Another service is another booking.
    expect((await book(office, 'A', s2, { nik: who })).status).toBe(201);
    // Once cancelled, the NIK may book that service again.
    ok(await pub.post(`/appointments/${first.manageToken}/cancel`), 'cancel');
    expect((await book(office, 'E', s2, { nik: who })).status).toBe(201);
  });
});

describe('API.md Booking: check-in at the kiosk', () => {
  it('POST /api/v1/offices/:officeId/check-in {code} → 201 a ticket, placed ahead of regular walk-ins', async () => {
    const walkIns = [];
    for (let i = 0; i < 2; i++) walkIns.push(ok(await pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId: svc(office, 'A').id }), 'walk-in'));
    const soon = daySlots(await slots(office, 'A', today()), today())[0].start;
    const citizen = { name: 'Bambang Sutrisno', nik: nextNik(), phone: '+6281211112222', email: 'bambang@example.org' };
    const a = ok(await book(office, 'A', soon, citizen), 'book');
    const res = await pub.post<Ticket>(`/offices/${office.officeId}/check-in`, { code: a.code });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(ID),
        number: expect.stringMatching(/^A-\d{3}$/),
        serviceId: svc(office, 'A').id,
        status: 'waiting',
        priority: expect.any(String),
        position: 1,
        issuedAt: expect.stringMatching(ISO_UTC),
        businessDate: today(),
        trackingToken: expect.stringMatching(TOKEN),
      }),
    );
    expect(res.body).toHaveProperty('estimatedWaitMinutes');
    noPersonalData(res.text, citizen);
    const tracking = await pub.get<Tracking>(`/tracking/${res.body.trackingToken}`);
    expect(tracking.body).toEqual(expect.objectContaining({ number: res.body.number, status: 'waiting', position: 1 }));
    noPersonalData(tracking.text, citizen);
    noPersonalData((await pub.get(`/offices/${office.officeId}/queue`)).text, citizen);

    const officer = pub.as(office.officers[0].token);
    ok(await officer.post(`/counters/${office.counters[0].id}/open`), 'open');
    const called = ok(await officer.post<{ ticket: Ticket }>(`/counters/${office.counters[0].id}/call-next`), 'call');
    expect(called.ticket.id).toBe(res.body.id);
    // Staff answers never carry the NIK unmasked.
    const list = await officer.get(`/offices/${office.officeId}/tickets?date=${today()}`);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(citizen.nik);
    const events = await officer.get<TicketEvent[]>(`/tickets/${res.body.id}/events`);
    expect(events.text).not.toContain(citizen.nik);
    ok(await officer.post(`/tickets/${called.ticket.id}/no-show`), 'no-show');

    expectError(await pub.post(`/offices/${office.officeId}/check-in`, { code: a.code }), 409, 'ALREADY_CHECKED_IN');
  });

  it('404 APPOINTMENT_NOT_FOUND for an unknown code, or a code of another office', async () => {
    expectError(await pub.post(`/offices/${office.officeId}/check-in`, { code: 'ZZZZZZZZ' }), 404, 'APPOINTMENT_NOT_FOUND');
    const soon = daySlots(await slots(hours, 'H', businessDate('Asia/Jakarta', 1)), businessDate('Asia/Jakarta', 1))[0].start;
    const elsewhere = ok(await book(hours, 'H', soon), 'book');
    expectError(await pub.post(`/offices/${office.officeId}/check-in`, { code: elsewhere.code }), 404, 'APPOINTMENT_NOT_FOUND');
  });

  it('409 CHECK_IN_TOO_EARLY before 30 minutes ahead of the slot; checkInBeforeMinutes per service widens it', async () => {
    const date = businessDate('Asia/Jakarta', 5);
    const far = ok(await book(office, 'E', daySlots(await slots(office, 'E', date), date)[40].start), 'book');
    expectError(await pub.post(`/offices/${office.officeId}/check-in`, { code: far.code }), 409, 'CHECK_IN_TOO_EARLY');
    // A slot tomorrow at 08:00 (8 to 32 hours away): too early by default, fine with 48 hours.
    const tomorrow = businessDate('Asia/Jakarta', 1);
    const next = ok(await book(office, 'E', jakartaToUtc(tomorrow, '08:00')), 'book');
    expectError(await pub.post(`/offices/${office.officeId}/check-in`, { code: next.code }), 409, 'CHECK_IN_TOO_EARLY');
    const patched = await admin.patch(`/offices/${office.officeId}/services/${svc(office, 'E').id}`, {
      checkInBeforeMinutes: 48 * 60,
      checkInAfterMinutes: 15,
    });
    expect({ status: patched.status, code: codeOf(patched) }).toEqual({ status: 200, code: undefined });
    expect(patched.body).toEqual(expect.objectContaining({ checkInBeforeMinutes: 48 * 60, checkInAfterMinutes: 15 }));
    expect((await pub.post(`/offices/${office.officeId}/check-in`, { code: next.code })).status).toBe(201);
    expectError(await pub.post(`/offices/${office.officeId}/check-in`, { code: far.code }), 409, 'CHECK_IN_TOO_EARLY');
  });

  it('a booked citizen is never refused at check-in because walk-ins used up the walk-in quota', async () => {
    const q = svc(office, 'Q').id;
    const soon = daySlots(await slots(office, 'Q', today()), today())[0].start;
    const a = ok(await book(office, 'Q', soon), 'book');
    expect((await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: q })).status).toBe(201);
    expectError(await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: q }), 409, 'QUOTA_REACHED');
    const res = await pub.post<Ticket>(`/offices/${office.officeId}/check-in`, { code: a.code });
    expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 201, code: undefined });
    expect(res.body.serviceId).toBe(q);
  });
});

function noPersonalData(text: string, citizen: { name?: string; nik?: string; phone?: string; email?: string }): void {
  for (const [what, value] of Object.entries(citizen)) if (value) expect({ what, present: text.includes(value) }).toEqual({ what, present: false });
  if (citizen.phone) expect(text).not.toContain(citizen.phone.replace('+62', '0'));
  if (citizen.nik) expect(text).not.toContain(citizen.nik.slice(4, 12));
}
