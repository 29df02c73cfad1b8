/**
 * API.md "Administration", as written: offices, opening hours, holidays, services, counters, staff.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Availability,
  type Counter,
  type Office,
  type Service,
  type Ticket,
  anId,
  businessDate,
  expectError,
  expectValidation,
  jakartaToUtc,
  login,
  ok,
  seed,
  startContractApp,
  suffix,
  weekdayOf,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

describe('API.md Administration: offices', () => {
  it('POST /api/v1/offices {code, name, timezone} → 201 office; GET and PATCH /api/v1/offices/:officeId', async () => {
    const code = `KC-${suffix()}`;
    const created = await admin.post<Office>('/offices', { code, name: 'Kantor Camat Coblong', timezone: 'Asia/Makassar' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ id: anId(), code, name: 'Kantor Camat Coblong', timezone: 'Asia/Makassar' }));
    const read = await pub.get<Office>(`/offices/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(expect.objectContaining({ id: created.body.id, code, name: 'Kantor Camat Coblong', timezone: 'Asia/Makassar' }));
    const patched = await admin.patch<Office>(`/offices/${created.body.id}`, { name: 'Kantor Camat Coblong Baru', timezone: 'Asia/Jayapura' });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(expect.objectContaining({ id: created.body.id, code, name: 'Kantor Camat Coblong Baru', timezone: 'Asia/Jayapura' }));
    expect(ok(await pub.get<Office>(`/offices/${created.body.id}`), 'read').name).toBe('Kantor Camat Coblong Baru');
  });

  it('refuses an office without code, name or a real IANA time zone (400 VALIDATION_FAILED)', async () => {
    expectValidation(await admin.post('/offices', { name: 'x', timezone: 'Asia/Jakarta' }), ['code']);
    expectValidation(await admin.post('/offices', { code: `v-${suffix()}`, timezone: 'Asia/Jakarta' }), ['name']);
    expectValidation(await admin.post('/offices', { code: `v-${suffix()}`, name: 'x', timezone: 'Jakarta' }), ['timezone']);
  });
});

describe('API.md Administration: opening hours and holidays, as seen in availability', () => {
  // Three and four days ahead (in Jakarta, UTC+7 all year): one closed weekday, one holiday.
  const d2 = businessDate('Asia/Jakarta', 2);
  const d3 = businessDate('Asia/Jakarta', 3);
  const d4 = businessDate('Asia/Jakarta', 4);
  let officeId: string;
  let service: Service;

  beforeAll(async () => {
    const o = await seed(admin, {
      supervisor: false,
      week: null,
      services: [{ prefix: 'H', slotMinutes: 30, slotCapacity: 2, bookingWindowDays: 10 }],
      counters: [{ name: 'Loket 1' }],
      officers: 0,
    });
    officeId = o.officeId;
    service = o.services[0];
  });

  it('PUT /api/v1/offices/:officeId/opening-hours {week: [{weekday, open, close, breaks?}]}: slots only in open hours minus breaks; an absent weekday is closed', async () => {
    const closed = weekdayOf(d3);
    const week = [1, 2, 3, 4, 5, 6, 7]
      .filter((w) => w !== closed)
      .map((weekday) => ({ weekday, open: '08:00', close: '15:00', breaks: [{ start: '12:00', end: '13:00' }] }));
    const put = await admin.put(`/offices/${officeId}/opening-hours`, { week });
    expect(put.status).toBeLessThan(300);
    const avail = ok(await pub.get<Availability>(`/offices/${officeId}/services/${service.id}/availability?from=${d2}&to=${d4}`), 'availability');
    const slotsOf = (date: string) => avail.days.find((d) => d.date === date)?.slots ?? [];
    const expected = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:00', '13:30', '14:00', '14:30'];
    for (const date of [d2, d4]) {
      expect(slotsOf(date).map((s) => s.start)).toEqual(expected.map((t) => jakartaToUtc(date, t)));
      expect(slotsOf(date)[0]).toEqual(
        expect.objectContaining({ start: jakartaToUtc(date, '08:00'), end: jakartaToUtc(date, '08:30'), capacity: 2, remaining: 2 }),
      );
    }
    expect(slotsOf(d3)).toEqual([]);
  });

  it('refuses opening hours with a weekday outside 1..7 or a time that is not HH:MM (400 VALIDATION_FAILED)', async () => {
    expectError(await admin.put(`/offices/${officeId}/opening-hours`, { week: [{ weekday: 8, open: '08:00', close: '15:00' }] }), 400, 'VALIDATION_FAILED');
    expectError(await admin.put(`/offices/${officeId}/opening-hours`, { week: [{ weekday: 1, open: '8 am', close: '15:00' }] }), 400, 'VALIDATION_FAILED');
    // Nothing was written: the hours above still hold.
    const avail = ok(await pub.get<Availability>(`/offices/${officeId}/services/${service.id}/availability?from=${d2}&to=${d2}`), 'availability');
    expect(avail.days.find((d) => d.date === d2)?.slots).toHaveLength(12);
  });

  it('POST .../holidays {date, name}; GET lists it; the day has no slots; DELETE .../holidays/:date gives it back', async () => {
    const created = await admin.post<{ date: string; name: string }>(`/offices/${officeId}/holidays`, { date: d4, name: 'Hari Libur Daerah' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ date: d4, name: 'Hari Libur Daerah' }));
    const list = await admin.get<{ date: string; name: string }[]>(`/offices/${officeId}/holidays`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ date: d4, name: 'Hari Libur Daerah' })]));
    const during = ok(await pub.get<Availability>(`/offices/${officeId}/services/${service.id}/availability?from=${d4}&to=${d4}`), 'availability');
    expect(during.days.find((d) => d.date === d4)?.slots ?? []).toEqual([]);

    const deleted = await admin.del(`/offices/${officeId}/holidays/${d4}`);
    expect(deleted.status).toBeLessThan(300);
    expect(ok(await admin.get<{ date: string }[]>(`/offices/${officeId}/holidays`), 'holidays').some((h) => h.date === d4)).toBe(false);
    const after = ok(await pub.get<Availability>(`/offices/${officeId}/services/${service.id}/availability?from=${d4}&to=${d4}`), 'availability');
    expect(after.days.find((d) => d.date === d4)?.slots).toHaveLength(12);
    expectError(await admin.del(`/offices/${officeId}/holidays/${businessDate('Asia/Jakarta', 200)}`), 404, 'NOT_FOUND');
  });

  it('a holiday today closes the office for walk-ins (409 OFFICE_CLOSED)', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    const today = businessDate('Asia/Jakarta');
    expect((await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id })).status).toBe(201);
    ok(await admin.post(`/offices/${o.officeId}/holidays`, { date: today, name: 'Libur' }), 'holiday', 201);
    expectError(await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 409, 'OFFICE_CLOSED');
    ok(await admin.del(`/offices/${o.officeId}/holidays/${today}`), 'delete holiday');
    expect((await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id })).status).toBe(201);
  });
});

describe('API.md Administration: services and counters', () => {
  let officeId: string;
  beforeAll(async () => {
    officeId = (await seed(admin, { supervisor: false, services: [], counters: [], officers: 0 })).officeId;
  });

  it('POST .../services {code, prefix, name, slotMinutes, slotCapacity, bookingWindowDays, dailyTicketQuota?} → 201 service; GET/PATCH .../services/:serviceId', async () => {
    const body = { code: 'ktp', prefix: 'KTP', name: 'KTP Elektronik', slotMinutes: 20, slotCapacity: 3, bookingWindowDays: 7, dailyTicketQuota: 50 };
    const created = await admin.post<Service>(`/offices/${officeId}/services`, body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ id: anId(), ...body }));
    const read = await admin.get<Service>(`/offices/${officeId}/services/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(expect.objectContaining({ id: created.body.id, ...body }));
    const patched = await admin.patch<Service>(`/offices/${officeId}/services/${created.body.id}`, { name: 'KTP-el', slotCapacity: 5 });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(expect.objectContaining({ id: created.body.id, name: 'KTP-el', slotCapacity: 5, prefix: 'KTP' }));
    expect(ok(await admin.get<Service>(`/offices/${officeId}/services/${created.body.id}`), 'read')).toEqual(
      expect.objectContaining({ name: 'KTP-el', slotCapacity: 5 }),
    );
    // The prefix is the ticket letter(s): KTP-001.
    const ticket = ok(await pub.post<Ticket>(`/offices/${officeId}/tickets`, { serviceId: created.body.id }), 'ticket');
    expect(ticket.number).toBe('KTP-001');
    // dailyTicketQuota is optional.
    const { dailyTicketQuota: _q, ...without } = body;
    expect((await admin.post(`/offices/${officeId}/services`, { ...without, code: 'kk', prefix: 'B', name: 'Kartu Keluarga' })).status).toBe(201);
  });

  it('refuses a service with a missing or badly typed field (400 VALIDATION_FAILED)', async () => {
    expectValidation(await admin.post(`/offices/${officeId}/services`, { code: 'x1', prefix: 'X', name: 'x', slotMinutes: 15, slotCapacity: 1 }), [
      'bookingWindowDays',
    ]);
    expectValidation(
      await admin.post(`/offices/${officeId}/services`, { code: 'x1', prefix: 'X', name: 'x', slotMinutes: 15, slotCapacity: 'many', bookingWindowDays: 1 }),
      ['slotCapacity'],
    );
  });

  it('POST .../counters {name, serviceIds} → 201 counter, keeping the order of serviceIds; GET/PATCH .../counters/:counterId', async () => {
    const s1 = ok(
      await admin.post<Service>(`/offices/${officeId}/services`, {
        code: 'c1',
        prefix: 'C',
        name: 'Satu',
        slotMinutes: 15,
        slotCapacity: 1,
        bookingWindowDays: 1,
      }),
      'service',
    );
    const s2 = ok(
      await admin.post<Service>(`/offices/${officeId}/services`, {
        code: 'd1',
        prefix: 'D',
        name: 'Dua',
        slotMinutes: 15,
        slotCapacity: 1,
        bookingWindowDays: 1,
      }),
      'service',
    );
    const created = await admin.post<Counter>(`/offices/${officeId}/counters`, { name: 'Loket 7', serviceIds: [s2.id, s1.id] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ id: anId(), name: 'Loket 7', serviceIds: [s2.id, s1.id] }));
    const read = await admin.get<Counter>(`/offices/${officeId}/counters/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(expect.objectContaining({ id: created.body.id, name: 'Loket 7', serviceIds: [s2.id, s1.id] }));
    const patched = await admin.patch<Counter>(`/offices/${officeId}/counters/${created.body.id}`, { name: 'Loket 8', serviceIds: [s1.id, s2.id] });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(expect.objectContaining({ name: 'Loket 8', serviceIds: [s1.id, s2.id] }));
    expect(ok(await admin.get<Counter>(`/offices/${officeId}/counters/${created.body.id}`), 'read')).toEqual(
      expect.objectContaining({ name: 'Loket 8', serviceIds: [s1.id, s2.id] }),
    );
    // The office as the public reads it lists the counter.
    expect(ok(await pub.get<Office>(`/offices/${officeId}`), 'office').counters?.map((c) => c.id)).toContain(created.body.id);
  });
});

describe('API.md Administration: staff', () => {
  it('POST /api/v1/staff {username, password, role, officeId} → 201, the password never returned; GET /api/v1/staff lists', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }], counters: [], officers: 0 });
    const password = `Rahasia-${suffix()}-pw`;
    const username = `siti-${suffix()}`;
    const created = await admin.post<{ id: string; username: string; role: string; officeId: string }>('/staff', {
      username,
      password,
      role: 'officer',
      officeId: o.officeId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ id: anId(), username, role: 'officer', officeId: o.officeId }));
    const neverPassword = (text: string) => {
      expect(text).not.toContain(password);
      expect(text).not.toMatch(/"password[^"]*"\s*:/i);
    };
    neverPassword(created.text);
    const list = await admin.get<{ id: string; username: string }[]>('/staff');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id, username, role: 'officer', officeId: o.officeId })]));
    neverPassword(list.text);
    const supList = await pub.as(o.supervisor.token).get('/staff');
    neverPassword(supList.text);
    // The new officer can log in with it.
    expect((await login(app.baseUrl, username, password)).user.id).toBe(created.body.id);
  });

  it('refuses a staff member with an unknown role (400 VALIDATION_FAILED)', async () => {
    expectValidation(await admin.post('/staff', { username: `x-${suffix()}`, password: 'password-123', role: 'king', officeId: null }), ['role']);
  });
});
