/**
 * API.md v1.1 "Security and faults", as written.
 * Left to other tiers (they need fault injection): 503 SERVICE_UNAVAILABLE when the database does not
 * answer within 5 s or is down (no request longer than 10 s), and tickets/booking/check-in while Redis is down.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type AuditEntry,
  type Availability,
  type Appointment,
  type Board,
  ISO_UTC,
  type LoginBody,
  type Res,
  type Seeded,
  type Ticket,
  businessDate,
  codeOf,
  expectError,
  expectValidation,
  login,
  nik,
  ok,
  request,
  seed,
  startContractApp,
  suffix,
} from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
let pub: Api;
let admin: Api;
let office: Seeded;
const today = () => businessDate('Asia/Jakarta');

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
  office = await seed(admin);
});
afterAll(() => app?.stop());

/** A staff member of its own, and two tokens issued to it. */
async function staffMember(role: 'officer' | 'supervisor' = 'officer') {
  const cred = { username: `staf-${suffix()}`, password: `staff-pw-${suffix()}` };
  const created = ok(await admin.post<{ id: string }>('/staff', { ...cred, role, officeId: office.officeId }), 'staff', 201);
  const tokens = [(await login(app.baseUrl, cred.username, cred.password)).accessToken, (await login(app.baseUrl, cred.username, cred.password)).accessToken];
  return { ...cred, id: created.id, tokens };
}
/** A staff request every role may make in its own office. */
const probe = (token: string) => pub.as(token).get(`/offices/${office.officeId}/tickets?date=${today()}`);

describe('v1.1 Security and faults: staff sessions', () => {
  it('PATCH /api/v1/staff/:id takes {password?, role?, officeId?, active?}', async () => {
    const m = await staffMember();
    const other = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [], officers: 0 });
    for (const body of [{ password: `new-pw-${suffix()}` }, { role: 'supervisor' }, { officeId: other.officeId }, { active: false }, { active: true }]) {
      const res = await admin.patch(`/staff/${m.id}`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 200 });
      expect(res.text).not.toMatch(/"password[^"]*"\s*:/i);
    }
    const listed = ok(await admin.get<{ id: string; role: string; officeId: string; active?: boolean }[]>('/staff'), 'staff').find((s) => s.id === m.id);
    expect(listed).toEqual(expect.objectContaining({ role: 'supervisor', officeId: other.officeId, active: true }));
    expectValidation(await admin.patch(`/staff/${m.id}`, { username: 'renamed' }), ['username']);
    expectValidation(await admin.patch(`/staff/${m.id}`, { role: 'king' }), ['role']);
  });

  it('POST /api/v1/auth/logout → 204; the token stops working (401)', async () => {
    const m = await staffMember();
    expect((await probe(m.tokens[0])).status).toBe(200);
    const res = await pub.as(m.tokens[0]).post('/auth/logout');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await probe(m.tokens[0])).status).toBe(401);
    expect((await pub.post('/auth/logout')).status).toBe(401);
  });

  it('a deactivated staff member is refused with 401 on the very next request, with any token issued before', async () => {
    const m = await staffMember();
    expect((await probe(m.tokens[0])).status).toBe(200);
    ok(await admin.patch(`/staff/${m.id}`, { active: false }), 'deactivate');
    for (const token of m.tokens) expect((await probe(token)).status).toBe(401);
    expect((await pub.post('/auth/login', { username: m.username, password: m.password })).status).toBe(401);
  });

  it('a new password: 401 on the very next request with any token issued before; the new password logs in', async () => {
    const m = await staffMember();
    expect((await probe(m.tokens[1])).status).toBe(200);
    const password = `given-pw-${suffix()}`;
    ok(await admin.patch(`/staff/${m.id}`, { password }), 'new password');
    for (const token of m.tokens) expect((await probe(token)).status).toBe(401);
    expectError(await pub.post('/auth/login', { username: m.username, password: m.password }), 401, 'INVALID_CREDENTIALS');
    expect((await probe((await login(app.baseUrl, m.username, password)).accessToken)).status).toBe(200);
  });

  it('a change of role: 401 on the very next request with any token issued before', async () => {
    const m = await staffMember('officer');
    expect((await probe(m.tokens[0])).status).toBe(200);
    ok(await admin.patch(`/staff/${m.id}`, { role: 'supervisor' }), 'role');
    for (const token of m.tokens) expect((await probe(token)).status).toBe(401);
    const fresh = await login(app.baseUrl, m.username, m.password);
    expect(fresh.user.role).toBe('supervisor');
    expect((await probe(fresh.accessToken)).status).toBe(200);
  });

  it('a change of office: 401 on the very next request with any token issued before', async () => {
    const m = await staffMember('officer');
    expect((await probe(m.tokens[0])).status).toBe(200);
    const other = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [], officers: 0 });
    ok(await admin.patch(`/staff/${m.id}`, { officeId: other.officeId }), 'office');
    for (const token of m.tokens) expect((await probe(token)).status).toBe(401);
    expect((await login(app.baseUrl, m.username, m.password)).user.officeId).toBe(other.officeId);
  });

  it('a supervisor cannot make anyone an admin, nor move staff into another office (403 FORBIDDEN)', async () => {
    const m = await staffMember('officer');
    const sup = pub.as(office.supervisor.token);
    expectError(await sup.patch(`/staff/${m.id}`, { role: 'admin' }), 403, 'FORBIDDEN');
    const other = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [], officers: 0 });
    expectError(await sup.patch(`/staff/${m.id}`, { officeId: other.officeId }), 403, 'FORBIDDEN');
    expectError(await sup.patch(`/staff/${office.supervisor.id}`, { role: 'admin' }), 403, 'FORBIDDEN');
    expect((await probe(m.tokens[0])).status).toBe(200);
  });
});

describe('v1.1 Security and faults: login throttling', () => {
  it('after 5 failed attempts for one username → 429 TOO_MANY_ATTEMPTS with Retry-After, even with the right password', async () => {
    const m = await staffMember();
    for (let i = 0; i < 5; i++) expectError(await pub.post('/auth/login', { username: m.username, password: `wrong-${i}` }), 401, 'INVALID_CREDENTIALS');
    for (const password of ['wrong-again', m.password]) {
      const res = await pub.post('/auth/login', { username: m.username, password });
      expectError(res, 429, 'TOO_MANY_ATTEMPTS');
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    }
    // Another username is not held back.
    expect((await pub.post<LoginBody>('/auth/login', ADMIN)).status).toBe(200);
  });
});

describe('v1.1 Security and faults: public channel and Idempotency-Key on tickets', () => {
  it('public callers may send channel kiosk or remote only; staff needs a staff token (else 403 FORBIDDEN)', async () => {
    const path = `/offices/${office.officeId}/tickets`;
    const before = ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board');
    expectError(await pub.post(path, { serviceId: office.services[0].id, channel: 'staff' }), 403, 'FORBIDDEN');
    expect(ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board').seq).toBe(before.seq);
    for (const channel of ['kiosk', 'remote']) expect((await pub.post(path, { serviceId: office.services[0].id, channel })).status).toBe(201);
    expect((await pub.as(office.officers[0].token).post(path, { serviceId: office.services[0].id, channel: 'staff' })).status).toBe(201);
  });

  it('POST .../tickets honours Idempotency-Key: a retry with the same key gets the same ticket, and no second ticket', async () => {
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    const path = `/offices/${o.officeId}/tickets`;
    const body = { serviceId: o.services[0].id };
    const key = `kiosk-7-${suffix()}`;
    const first = await pub.post<Ticket>(path, body, { 'idempotency-key': key });
    const retry = await pub.post<Ticket>(path, body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(expect.objectContaining({ id: first.body.id, number: 'A-001', trackingToken: first.body.trackingToken }));
    // Two at the same instant with one key: one ticket.
    const key2 = `kiosk-7-${suffix()}`;
    const [x, y] = await Promise.all([pub.post<Ticket>(path, body, { 'idempotency-key': key2 }), pub.post<Ticket>(path, body, { 'idempotency-key': key2 })]);
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(x.body.id).toBe(y.body.id);
    expect(x.body.number).toBe('A-002');
    // Another key is another ticket.
    expect(ok(await pub.post<Ticket>(path, body, { 'idempotency-key': `kiosk-8-${suffix()}` }), 'ticket').number).toBe('A-003');
    expect(ok(await pub.get<Board>(`/offices/${o.officeId}/queue`), 'board').services[0].waiting).toBe(3);
  });
});

describe('v1.1 Security and faults: webhook URLs', () => {
  const refused = [
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://[::1]/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.5/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/hook',
    'http://0.0.0.0/hook',
  ];

  it('a webhook URL resolving to a loopback, private, link-local or metadata address is 400 URL_NOT_ALLOWED, and not kept', async () => {
    for (const webhookUrl of refused) {
      const res = await admin.patch(`/offices/${office.officeId}`, { webhookUrl });
      expect({ webhookUrl, status: res.status, code: codeOf(res) }).toEqual({ webhookUrl, status: 400, code: 'URL_NOT_ALLOWED' });
      expectError(res, 400, 'URL_NOT_ALLOWED');
    }
    const read = await admin.get(`/offices/${office.officeId}`);
    for (const url of refused) expect(read.text).not.toContain(url);
  });

  it('a webhook URL on a public address is taken', async () => {
    const res = await admin.patch(`/offices/${office.officeId}`, { webhookUrl: 'https://93.184.215.14/giliran/hook' });
    expect(res.status).toBe(200);
  });
});

describe('v1.1 Security and faults: headers on every HTML page and API answer', () => {
  const expectHeaders = (what: string, res: Res) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect({
      what,
      nosniff: res.headers.get('x-content-type-options'),
      frameAncestorsNone: /frame-ancestors\s+'none'/.test(csp),
      referrer: res.headers.get('referrer-policy'),
    }).toEqual({
      what,
      nosniff: 'nosniff',
      frameAncestorsNone: true,
      referrer: 'no-referrer',
    });
  };

  it('HTML pages: /kiosk, /book, /display, /counter, /api/docs', async () => {
    for (const path of ['/kiosk', '/book', '/display', '/counter', '/api/docs']) expectHeaders(path, await request(app.baseUrl, 'GET', path));
  });

  it('API answers: JSON, errors, CSV, calendar, the OpenAPI document', async () => {
    const t = ok(await pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId: office.services[1].id }), 'ticket');
    const date = businessDate('Asia/Jakarta', 3);
    const slot = ok(
      await pub.get<Availability>(`/offices/${office.officeId}/services/${office.services[1].id}/availability?from=${date}&to=${date}`),
      'availability',
    ).days[0].slots[20];
    const a = ok(
      await pub.post<Appointment>('/appointments', {
        officeId: office.officeId,
        serviceId: office.services[1].id,
        start: slot.start,
        citizen: { name: 'Ani', nik: nik(7001) },
      }),
      'book',
    );
    const answers: [string, Res][] = [
      ['GET offices', await pub.get('/offices')],
      ['POST ticket', await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: office.services[1].id })],
      ['GET tracking', await pub.get(`/tracking/${t.trackingToken}`)],
      ['404', await pub.get('/offices/00000000-0000-4000-8000-000000000000')],
      ['400', await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: 'x' })],
      ['401', await pub.get('/staff')],
      ['login', await pub.post('/auth/login', ADMIN)],
      ['csv', await admin.get(`/offices/${office.officeId}/stats?from=${today()}&to=${today()}&format=csv`)],
      ['ics', await pub.get(`/appointments/${a.manageToken}/calendar.ics`)],
      ['docs-json', await request(app.baseUrl, 'GET', '/api/docs-json')],
    ];
    for (const [what, res] of answers) expectHeaders(what, res);
  });
});

describe('v1.1 Security and faults: the audit trail', () => {
  it('GET /api/v1/offices/:officeId/audit?from=&to=&type= (supervisor) → [{at, type, actor, subject, before, after}]: appointments and staff changes, NIK and contact data masked', async () => {
    const o = await seed(admin);
    const citizen = { name: 'Maria Ulfa', nik: nik(8123), phone: '+6281355556666', email: 'maria.ulfa@example.org' };
    const d3 = businessDate('Asia/Jakarta', 3);
    const avail = ok(await pub.get<Availability>(`/offices/${o.officeId}/services/${o.services[0].id}/availability?from=${d3}&to=${d3}`), 'availability')
      .days[0].slots;
    const booked = ok(
      await pub.post<Appointment>('/appointments', { officeId: o.officeId, serviceId: o.services[0].id, start: avail[10].start, citizen }),
      'book',
    );
    ok(await pub.post(`/appointments/${booked.manageToken}/reschedule`, { start: avail[11].start }), 'reschedule');
    ok(await pub.post(`/appointments/${booked.manageToken}/cancel`), 'cancel');
    const soon = ok(
      await pub.get<Availability>(`/offices/${o.officeId}/services/${o.services[1].id}/availability?from=${today()}&to=${today()}`),
      'availability',
    ).days[0].slots[0].start;
    const second = ok(
      await pub.post<Appointment>('/appointments', { officeId: o.officeId, serviceId: o.services[1].id, start: soon, citizen: { ...citizen, nik: nik(8124) } }),
      'book',
    );
    ok(await pub.post(`/offices/${o.officeId}/check-in`, { code: second.code }), 'check-in');
    // Staff changes: a staff member, a service, a counter, hours, a holiday.
    ok(await admin.patch(`/staff/${o.officers[0].id}`, { active: false }), 'staff');
    ok(await admin.patch(`/offices/${o.officeId}/services/${o.services[0].id}`, { name: 'Layanan A baru' }), 'service');
    ok(await admin.patch(`/offices/${o.officeId}/counters/${o.counters[0].id}`, { name: 'Loket 1 baru' }), 'counter');
    ok(await admin.post(`/offices/${o.officeId}/holidays`, { date: businessDate('Asia/Jakarta', 30), name: 'Libur' }), 'holiday');

    const path = `/offices/${o.officeId}/audit?from=${today()}&to=${today()}`;
    const res = await pub.as(o.supervisor.token).get<AuditEntry[]>(path);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    for (const e of res.body) {
      expect(e).toEqual(expect.objectContaining({ at: expect.stringMatching(ISO_UTC), type: expect.any(String) }));
      for (const key of ['actor', 'subject', 'before', 'after']) expect(e).toHaveProperty(key);
    }
    const about = (id: string) => res.body.filter((e) => JSON.stringify(e).includes(id));
    // Booked, rescheduled, cancelled: three kinds of entry for the first; booked and checked in for the second.
    expect(new Set(about(booked.id).map((e) => e.type)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(about(second.id).map((e) => e.type)).size).toBeGreaterThanOrEqual(2);
    for (const id of [o.officers[0].id, o.services[0].id, o.counters[0].id]) expect({ id, entries: about(id).length > 0 }).toEqual({ id, entries: true });
    expect(res.text).toContain(businessDate('Asia/Jakarta', 30));
    // Masked: never the NIK, the phone or the e-mail in the clear.
    for (const value of [citizen.nik, nik(8124), citizen.phone, '081355556666', citizen.email])
      expect({ value, present: res.text.includes(value) }).toEqual({ value, present: false });

    // type= filters.
    const type = about(booked.id)[0].type;
    const filtered = ok(await pub.as(o.supervisor.token).get<AuditEntry[]>(`${path}&type=${encodeURIComponent(type)}`), 'filtered');
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.type === type)).toBe(true);
    // from/to: nothing last month.
    expect(
      ok(
        await pub
          .as(o.supervisor.token)
          .get<AuditEntry[]>(`/offices/${o.officeId}/audit?from=${businessDate('Asia/Jakarta', -40)}&to=${businessDate('Asia/Jakarta', -30)}`),
        'old',
      ),
    ).toEqual([]);
  });

  it('the audit trail is for the supervisor: 401 without a token, 403 FORBIDDEN for an officer or another office', async () => {
    const path = `/offices/${office.officeId}/audit?from=${today()}&to=${today()}`;
    expect((await pub.get(path)).status).toBe(401);
    expectError(await pub.as(office.officers[0].token).get(path), 403, 'FORBIDDEN');
    const other = await seed(admin, { services: [{ prefix: 'A' }], counters: [], officers: 0 });
    expectError(await pub.as(other.supervisor.token).get(path), 403, 'FORBIDDEN');
    expect((await admin.get(path)).status).toBe(200);
  });

  it('the OpenAPI document lists POST /api/v1/auth/logout, PATCH /api/v1/staff/{id} and GET /api/v1/offices/{officeId}/audit', async () => {
    const doc = ok(await request<{ paths: Record<string, Record<string, unknown>> }>(app.baseUrl, 'GET', '/api/docs-json'), 'openapi');
    const ops = new Set(Object.entries(doc.paths).flatMap(([p, v]) => Object.keys(v).map((m) => `${m} ${p.replace(/\{[^}]+\}/g, '{}')}`)));
    expect(['post /api/v1/auth/logout', 'patch /api/v1/staff/{}', 'get /api/v1/offices/{}/audit'].filter((op) => !ops.has(op))).toEqual([]);
  });
});

describe('v1.1 Security and faults: ALLOW_PRIVATE_WEBHOOKS and throttling per client address (a second API process)', () => {
  let second: AppProcess;
  let secondAdmin: Api;
  let officeId: string;
  beforeAll(async () => {
    second = await startContractApp({ ALLOW_PRIVATE_WEBHOOKS: 'true' });
    secondAdmin = new Api(second.baseUrl, (await login(second.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
    officeId = (await seed(secondAdmin, { services: [{ prefix: 'A' }], counters: [], officers: 0 })).officeId;
  });
  afterAll(() => second?.stop());

  it('ALLOW_PRIVATE_WEBHOOKS=true lets loopback and private ranges through; link-local and metadata stay refused', async () => {
    for (const webhookUrl of ['http://127.0.0.1:8080/hook', 'http://10.1.2.3/hook', 'http://192.168.1.10/hook']) {
      const res = await secondAdmin.patch(`/offices/${officeId}`, { webhookUrl });
      expect({ webhookUrl, status: res.status }).toEqual({ webhookUrl, status: 200 });
    }
    for (const webhookUrl of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/hook'])
      expectError(await secondAdmin.patch(`/offices/${officeId}`, { webhookUrl }), 400, 'URL_NOT_ALLOWED');
  });

  it('after 20 failed attempts from one client address → 429 TOO_MANY_ATTEMPTS with Retry-After', async () => {
    const api = new Api(second.baseUrl);
    const names = Array.from({ length: 5 }, () => `nobody-${suffix()}`);
    for (let i = 0; i < 20; i++) expectError(await api.post('/auth/login', { username: names[i % 5], password: `wrong-${i}` }), 401, 'INVALID_CREDENTIALS');
    const res = await api.post('/auth/login', { username: `nobody-${suffix()}`, password: 'wrong' });
    expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
