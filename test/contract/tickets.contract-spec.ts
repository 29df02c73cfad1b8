/**
 * API.md "Tickets (walk-in, kiosk)", as written: issuing, numbering, tracking, and the 409s.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Board,
  DATE,
  ID,
  ISO_UTC,
  type Seeded,
  TOKEN,
  type Ticket,
  type Tracking,
  businessDate,
  expectError,
  expectValidation,
  login,
  ok,
  seed,
  startContractApp,
  ticketNumber,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;
let office: Seeded;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
  office = await seed(admin, {
    supervisor: false,
    services: [
      { prefix: 'A', name: 'KTP Elektronik' },
      { prefix: 'B', name: 'Kartu Keluarga' },
      { prefix: 'Q', dailyTicketQuota: 2 },
    ],
  });
});
afterAll(() => app?.stop());

const issue = (serviceId: string, extra: Record<string, unknown> = {}) => pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId, ...extra });

describe('API.md Tickets: POST /api/v1/offices/:officeId/tickets', () => {
  it('→ 201 {id, number, serviceId, status: "waiting", priority, position, estimatedWaitMinutes, issuedAt, businessDate, trackingToken}', async () => {
    const res = await issue(office.services[0].id);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(ID),
        number: 'A-001',
        serviceId: office.services[0].id,
        status: 'waiting',
        priority: 'regular',
        position: 1,
        issuedAt: expect.stringMatching(ISO_UTC),
        businessDate: businessDate('Asia/Jakarta'),
        trackingToken: expect.stringMatching(TOKEN),
      }),
    );
    expect(res.body.businessDate).toMatch(DATE);
    expect(['number', 'object']).toContain(typeof res.body.estimatedWaitMinutes);
    if (res.body.estimatedWaitMinutes !== null) expect(Number.isInteger(res.body.estimatedWaitMinutes)).toBe(true);
    const second = ok(await issue(office.services[0].id), 'ticket');
    expect(second).toEqual(expect.objectContaining({ number: 'A-002', position: 2 }));
  });

  it('takes priority "regular" | "priority" and channel "kiosk" | "remote", and refuses other values (400 VALIDATION_FAILED)', async () => {
    const p = await issue(office.services[1].id, { priority: 'priority', channel: 'kiosk' });
    expect(p.status).toBe(201);
    expect(p.body.priority).toBe('priority');
    const r = await issue(office.services[1].id, { priority: 'regular', channel: 'remote' });
    expect(r.status).toBe(201);
    expect(r.body.priority).toBe('regular');
    expectValidation(await issue(office.services[1].id, { priority: 'vip' }), ['priority']);
    expectValidation(await issue(office.services[1].id, { channel: 'fax' }), ['channel']);
    expectValidation(await pub.post(`/offices/${office.officeId}/tickets`, {}), ['serviceId']);
  });

  it('numbers each service on its own: the prefix and a 3-digit sequence, unique and without gaps, also when issued at once', async () => {
    const before = ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board');
    const issuedB = before.services.find((s) => s.serviceId === office.services[1].id)!.waiting;
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => issue(office.services[i % 2].id)));
    expect(burst.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbersA = burst.filter((r) => r.body.serviceId === office.services[0].id).map((r) => r.body.number);
    const numbersB = burst.filter((r) => r.body.serviceId === office.services[1].id).map((r) => r.body.number);
    for (const n of numbersA) expect(n).toMatch(ticketNumber('A'));
    for (const n of numbersB) expect(n).toMatch(ticketNumber('B'));
    expect(numbersA.sort()).toEqual([3, 4, 5, 6, 7, 8].map((n) => `A-${String(n).padStart(3, '0')}`));
    expect(numbersB.sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `B-${String(issuedB + n).padStart(3, '0')}`));
    const ids = new Set(burst.map((r) => r.body.id));
    const tokens = new Set(burst.map((r) => r.body.trackingToken));
    expect([ids.size, tokens.size]).toEqual([12, 12]);
  });

  it('refuses a closed office with 409 OFFICE_CLOSED', async () => {
    const closed = await seed(admin, { supervisor: false, week: null, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    expectError(await pub.post(`/offices/${closed.officeId}/tickets`, { serviceId: closed.services[0].id }), 409, 'OFFICE_CLOSED');
    expect(ok(await pub.get<Board>(`/offices/${closed.officeId}/queue`), 'board').services[0].waiting).toBe(0);
  });

  it('refuses an inactive service with 409 SERVICE_INACTIVE', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    // Another office's service is not a service of this office.
    expectError(await issue(o.services[0].id), 404, 'NOT_FOUND');
    ok(await admin.patch(`/offices/${o.officeId}/services/${o.services[0].id}`, { active: false }), 'deactivate');
    expectError(await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 409, 'SERVICE_INACTIVE');
    ok(await admin.patch(`/offices/${o.officeId}/services/${o.services[0].id}`, { active: true }), 'activate');
    expect((await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id })).status).toBe(201);
  });

  it('refuses past the daily ticket quota with 409 QUOTA_REACHED', async () => {
    const q = office.services[2].id;
    expect((await issue(q)).status).toBe(201);
    expect((await issue(q, { priority: 'priority' })).status).toBe(201);
    expectError(await issue(q), 409, 'QUOTA_REACHED');
    expectError(await issue(q), 409, 'QUOTA_REACHED');
    expect(ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board').services.find((s) => s.serviceId === q)!.waiting).toBe(2);
  });
});

describe('API.md Tickets: GET /api/v1/tracking/:trackingToken', () => {
  it('→ {number, status, position, estimatedWaitMinutes, counterName | null, serviceName, officeName}', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A', name: 'Paspor' }], counters: [{ name: 'Loket 3' }] });
    const t1 = ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket');
    const t2 = ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket');
    const res = await pub.get<Tracking>(`/tracking/${t2.trackingToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ number: 'A-002', status: 'waiting', position: 2, counterName: null, serviceName: 'Paspor', officeName: o.office.name }),
    );
    expect(res.body).toHaveProperty('estimatedWaitMinutes');
    expect(['number', 'object']).toContain(typeof res.body.estimatedWaitMinutes);

    // Once called: the counter's name; the one behind moves up.
    const officer = pub.as(o.officers[0].token);
    ok(await officer.post(`/counters/${o.counters[0].id}/open`), 'open');
    ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call');
    expect(ok(await pub.get<Tracking>(`/tracking/${t1.trackingToken}`), 'tracking')).toEqual(
      expect.objectContaining({ number: 'A-001', status: 'called', counterName: 'Loket 3' }),
    );
    expect(ok(await pub.get<Tracking>(`/tracking/${t2.trackingToken}`), 'tracking')).toEqual(
      expect.objectContaining({ number: 'A-002', status: 'waiting', position: 1, counterName: null }),
    );
  });

  it('is reached only with the token: an unknown token is 404 NOT_FOUND', async () => {
    expectError(await pub.get('/tracking/Zm9vYmFyYmF6cXV4cXV1eA'), 404, 'NOT_FOUND');
  });
});
