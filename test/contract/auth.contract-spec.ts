/**
 * API.md "Auth and roles", as written: the client knows only docs/api.md.
 * (The first-start admin from ADMIN_USERNAME / ADMIN_PASSWORD is in configuration.contract-spec.ts.)
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  ID,
  type LoginBody,
  type Res,
  type Seeded,
  type Ticket,
  businessDate,
  codeOf,
  expectError,
  login,
  ok,
  seed,
  startContractApp,
  suffix,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;
let own: Seeded;
let other: Seeded;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
  own = await seed(admin);
  other = await seed(admin);
});
afterAll(() => app?.stop());

describe('API.md Auth and roles: login', () => {
  it('POST /api/v1/auth/login {username, password} → 200 {accessToken, user: {id, username, role, officeId}}', async () => {
    const res = await pub.post<LoginBody>('/auth/login', ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        accessToken: expect.any(String),
        user: expect.objectContaining({ id: expect.stringMatching(ID), username: 'admin', role: 'admin' }),
      }),
    );
    expect(res.body.user).toHaveProperty('officeId');
    expect(res.body.user.officeId).toBeNull();
    expect(res.body.accessToken.length).toBeGreaterThan(16);

    const officer = await pub.post<LoginBody>('/auth/login', { username: own.officers[0].username, password: own.officers[0].password });
    expect(officer.status).toBe(200);
    expect(officer.body.user).toEqual(
      expect.objectContaining({ id: own.officers[0].id, username: own.officers[0].username, role: 'officer', officeId: own.officeId }),
    );
    const supervisor = await pub.post<LoginBody>('/auth/login', { username: own.supervisor.username, password: own.supervisor.password });
    expect(supervisor.body.user).toEqual(expect.objectContaining({ role: 'supervisor', officeId: own.officeId }));
    // The password is never part of the answer.
    expect(JSON.stringify(officer.body)).not.toContain(own.officers[0].password);
  });

  it('answers bad credentials 401 INVALID_CREDENTIALS, the same for an unknown user and a wrong password', async () => {
    const wrong = await pub.post('/auth/login', { username: own.supervisor.username, password: 'not-the-password' });
    const unknown = await pub.post('/auth/login', { username: `nobody-${suffix()}`, password: 'not-the-password' });
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('takes staff tokens as Authorization: Bearer <accessToken>; without a token 401', async () => {
    const path = `/offices/${own.officeId}/tickets?date=${businessDate('Asia/Jakarta')}`;
    expect((await admin.get(path)).status).toBe(200);
    const none = await pub.get(path);
    expect(none.status).toBe(401);
    expectError(none, 401, codeOf(none)!);
    const bogus = await request(path, { authorization: 'Bearer not.a.token' });
    expect(bogus.status).toBe(401);
    const tampered = await request(path, { authorization: `Bearer ${admin.token!.slice(0, -3)}abc` });
    expect(tampered.status).toBe(401);
    const wrongScheme = await request(path, { authorization: `Basic ${admin.token}` });
    expect(wrongScheme.status).toBe(401);
  });

  it('answers 401 without a token on every staff endpoint API.md names', async () => {
    const t = ok(await pub.post<Ticket>(`/offices/${own.officeId}/tickets`, { serviceId: own.services[0].id }), 'ticket');
    const o = own.officeId;
    const calls: [string, string, unknown?][] = [
      ['POST', '/offices', { code: 'X', name: 'x', timezone: 'Asia/Jakarta' }],
      ['PATCH', `/offices/${o}`, { name: 'x' }],
      ['PUT', `/offices/${o}/opening-hours`, { week: [] }],
      ['POST', `/offices/${o}/holidays`, { date: '2030-01-01', name: 'x' }],
      ['GET', `/offices/${o}/holidays`],
      ['DELETE', `/offices/${o}/holidays/2030-01-01`],
      ['POST', `/offices/${o}/services`, { code: 'x', prefix: 'X', name: 'x', slotMinutes: 15, slotCapacity: 1, bookingWindowDays: 1 }],
      ['GET', `/offices/${o}/services/${own.services[0].id}`],
      ['PATCH', `/offices/${o}/services/${own.services[0].id}`, { name: 'x' }],
      ['POST', `/offices/${o}/counters`, { name: 'x', serviceIds: [] }],
      ['GET', `/offices/${o}/counters/${own.counters[0].id}`],
      ['PATCH', `/offices/${o}/counters/${own.counters[0].id}`, { name: 'x' }],
      ['POST', '/staff', { username: 'x', password: 'x', role: 'officer', officeId: o }],
      ['GET', '/staff'],
      ['PATCH', `/staff/${own.officers[0].id}`, { active: true }],
      ...['open', 'close', 'pause', 'call-next', 'recall'].map((a): [string, string] => ['POST', `/counters/${own.counters[0].id}/${a}`]),
      ...['start', 'complete', 'no-show', 'cancel'].map((a): [string, string] => ['POST', `/tickets/${t.id}/${a}`]),
      ['POST', `/tickets/${t.id}/transfer`, { serviceId: own.services[1].id }],
      ['GET', `/offices/${o}/tickets`],
      ['GET', `/tickets/${t.id}/events`],
      ['GET', `/offices/${o}/stats?from=2026-01-01&to=2026-01-31`],
    ];
    for (const [method, path, body] of calls) {
      const res = await pub.req(method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
    }
    // Nothing happened to the ticket.
    const tracking = ok(await pub.get<{ status: string }>(`/tracking/${t.trackingToken}`), 'tracking');
    expect(tracking.status).toBe('waiting');
  });
});

describe('API.md Auth and roles: admin (every office), supervisor (own office), officer (own office: counter work)', () => {
  const forbidden = (res: Res, what: string) => {
    expect({ what, status: res.status, code: codeOf(res) }).toEqual({ what, status: 403, code: 'FORBIDDEN' });
    expectError(res, 403, 'FORBIDDEN');
  };

  it('admin administers every office', async () => {
    for (const o of [own, other]) {
      expect(
        (
          await admin.post(`/offices/${o.officeId}/services`, {
            code: `adm-${suffix()}`,
            prefix: 'Q',
            name: 'Admin service',
            slotMinutes: 15,
            slotCapacity: 1,
            bookingWindowDays: 1,
          })
        ).status,
      ).toBe(201);
      expect((await admin.get(`/offices/${o.officeId}/stats?from=2026-01-01&to=2026-01-31`)).status).toBe(200);
    }
  });

  it('a supervisor manages services, counters, staff, hours, holidays and stats of the own office', async () => {
    const sup = pub.as(own.supervisor.token);
    const o = own.officeId;
    const svc = await sup.post<{ id: string }>(`/offices/${o}/services`, {
      code: `sup-${suffix()}`,
      prefix: 'S',
      name: 'Supervisor service',
      slotMinutes: 15,
      slotCapacity: 1,
      bookingWindowDays: 1,
    });
    expect(svc.status).toBe(201);
    expect((await sup.patch(`/offices/${o}/services/${svc.body.id}`, { name: 'Renamed' })).status).toBe(200);
    expect((await sup.get(`/offices/${o}/services/${svc.body.id}`)).status).toBe(200);
    const counter = await sup.post<{ id: string }>(`/offices/${o}/counters`, { name: `Loket S ${suffix()}`, serviceIds: [svc.body.id] });
    expect(counter.status).toBe(201);
    expect((await sup.patch(`/offices/${o}/counters/${counter.body.id}`, { name: `Loket T ${suffix()}` })).status).toBe(200);
    expect((await sup.get(`/offices/${o}/counters/${counter.body.id}`)).status).toBe(200);
    expect((await sup.post('/staff', { username: `staf-${suffix()}`, password: 'staff-password-1', role: 'officer', officeId: o })).status).toBe(201);
    expect((await sup.get('/staff')).status).toBe(200);
    expect(
      (await sup.put(`/offices/${o}/opening-hours`, { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })) })).status,
    ).toBeLessThan(300);
    expect((await sup.post(`/offices/${o}/holidays`, { date: '2031-01-01', name: 'Tahun Baru' })).status).toBe(201);
    expect((await sup.get(`/offices/${o}/holidays`)).status).toBe(200);
    expect((await sup.del(`/offices/${o}/holidays/2031-01-01`)).status).toBeLessThan(300);
    expect((await sup.get(`/offices/${o}/stats?from=2026-01-01&to=2026-01-31`)).status).toBe(200);
  });

  it("a supervisor of another office gets 403 FORBIDDEN on this office's administration and stats", async () => {
    const sup = pub.as(other.supervisor.token);
    const o = own.officeId;
    forbidden(
      await sup.post(`/offices/${o}/services`, { code: `x-${suffix()}`, prefix: 'X', name: 'x', slotMinutes: 15, slotCapacity: 1, bookingWindowDays: 1 }),
      'create service',
    );
    forbidden(await sup.patch(`/offices/${o}/services/${own.services[0].id}`, { name: 'hijacked' }), 'patch service');
    forbidden(await sup.get(`/offices/${o}/services/${own.services[0].id}`), 'read service');
    forbidden(await sup.post(`/offices/${o}/counters`, { name: 'x', serviceIds: [own.services[0].id] }), 'create counter');
    forbidden(await sup.patch(`/offices/${o}/counters/${own.counters[0].id}`, { name: 'hijacked' }), 'patch counter');
    forbidden(await sup.post('/staff', { username: `x-${suffix()}`, password: 'staff-password-1', role: 'officer', officeId: o }), 'create staff there');
    forbidden(await sup.put(`/offices/${o}/opening-hours`, { week: [] }), 'hours');
    forbidden(await sup.post(`/offices/${o}/holidays`, { date: '2031-01-02', name: 'x' }), 'holiday');
    forbidden(await sup.get(`/offices/${o}/stats?from=2026-01-01&to=2026-01-31`), 'stats');
    forbidden(await sup.patch(`/offices/${o}`, { name: 'hijacked' }), 'patch office');
    forbidden(await sup.post('/offices', { code: `x-${suffix()}`, name: 'x', timezone: 'Asia/Jakarta' }), 'create office');
    // Nothing changed.
    expect(ok(await admin.get<{ name: string }>(`/offices/${o}/services/${own.services[0].id}`), 'service').name).not.toBe('hijacked');
  });

  it('an officer gets 403 FORBIDDEN on administration, even of the own office', async () => {
    const officer = pub.as(own.officers[0].token);
    const o = own.officeId;
    forbidden(await officer.post('/offices', { code: `x-${suffix()}`, name: 'x', timezone: 'Asia/Jakarta' }), 'create office');
    forbidden(await officer.patch(`/offices/${o}`, { name: 'x' }), 'patch office');
    forbidden(
      await officer.post(`/offices/${o}/services`, { code: `x-${suffix()}`, prefix: 'X', name: 'x', slotMinutes: 15, slotCapacity: 1, bookingWindowDays: 1 }),
      'create service',
    );
    forbidden(await officer.patch(`/offices/${o}/services/${own.services[0].id}`, { name: 'x' }), 'patch service');
    forbidden(await officer.post(`/offices/${o}/counters`, { name: 'x', serviceIds: [own.services[0].id] }), 'create counter');
    forbidden(await officer.patch(`/offices/${o}/counters/${own.counters[0].id}`, { name: 'x' }), 'patch counter');
    forbidden(await officer.post('/staff', { username: `x-${suffix()}`, password: 'staff-password-1', role: 'officer', officeId: o }), 'create staff');
    forbidden(await officer.put(`/offices/${o}/opening-hours`, { week: [] }), 'hours');
    forbidden(await officer.post(`/offices/${o}/holidays`, { date: '2031-01-03', name: 'x' }), 'holiday');
    forbidden(await officer.del(`/offices/${o}/holidays/2031-01-03`), 'delete holiday');
  });

  it("an officer does counter work in the own office only: another office's counters and tickets are 403 FORBIDDEN", async () => {
    const officer = pub.as(own.officers[0].token);
    expect((await officer.post(`/counters/${own.counters[0].id}/open`)).status).toBe(200);
    const theirs = ok(await pub.post<Ticket>(`/offices/${other.officeId}/tickets`, { serviceId: other.services[0].id }), 'ticket');
    for (const action of ['open', 'call-next', 'pause', 'close', 'recall'])
      forbidden(await officer.post(`/counters/${other.counters[0].id}/${action}`), `counter ${action}`);
    for (const action of ['start', 'complete', 'no-show', 'cancel']) forbidden(await officer.post(`/tickets/${theirs.id}/${action}`), `ticket ${action}`);
    forbidden(await officer.post(`/tickets/${theirs.id}/transfer`, { serviceId: other.services[1].id }), 'transfer');
    forbidden(await officer.get(`/offices/${other.officeId}/tickets`), 'list tickets');
    forbidden(await officer.get(`/tickets/${theirs.id}/events`), 'ticket events');
    expect(ok(await pub.get<{ status: string }>(`/tracking/${theirs.trackingToken}`), 'tracking').status).toBe('waiting');
    expect((await officer.post(`/counters/${own.counters[0].id}/close`)).status).toBe(200);
  });
});

async function request(path: string, headers: Record<string, string>): Promise<{ status: number }> {
  const res = await fetch(`${app.baseUrl}/api/v1${path}`, { headers });
  await res.arrayBuffer();
  return { status: res.status };
}
