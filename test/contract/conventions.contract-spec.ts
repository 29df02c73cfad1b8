/**
 * API.md "Conventions" and "Public reading", as written: the client knows only docs/api.md.
 */
import type { AppProcess } from '../support/app-process';
import {
  ADMIN,
  Api,
  type Appointment,
  type Availability,
  type Board,
  DATE,
  ID,
  ISO_UTC,
  type Office,
  type OfficeListItem,
  type Res,
  type Seeded,
  type Ticket,
  anId,
  businessDate,
  codeOf,
  expectError,
  expectValidation,
  isoUtc,
  login,
  nik,
  ok,
  request,
  seed,
  startContractApp,
} from './support/contract';

jest.setTimeout(60_000);

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

let app: AppProcess;
let admin: Api;
let pub: Api;
beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

describe('API.md Conventions', () => {
  let office: Seeded;
  beforeAll(async () => {
    office = await seed(admin, { supervisor: false });
  });

  it('serves JSON in UTF-8 under /api/v1, with string ids and ISO-8601 UTC times', async () => {
    const res = await pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/charset=(?!utf-8)/i);
    expect(res.body.id).toMatch(ID);
    expect(res.body.serviceId).toBe(office.services[0].id);
    expect(res.body.issuedAt).toMatch(ISO_UTC);
    expect(Math.abs(new Date(res.body.issuedAt).getTime() - Date.now())).toBeLessThan(60_000);
    for (const o of ok(await pub.get<OfficeListItem[]>('/offices'), 'offices')) expect(o.id).toMatch(ID);
    // Non-ASCII text survives the round trip as UTF-8.
    const named = await admin.post<Office>('/offices', {
      code: `U-${Date.now() % 100000}`,
      name: 'Kantor Camat Cibeunying — Bandung ✓',
      timezone: 'Asia/Jakarta',
    });
    expect(named.status).toBe(201);
    expect(ok(await pub.get<Office>(`/offices/${named.body.id}`), 'read').name).toBe('Kantor Camat Cibeunying — Bandung ✓');
  });

  it('gives calendar dates as business dates in the office time zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)', async () => {
    for (const timezone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
      const o = await seed(admin, { supervisor: false, timezone, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
      const t = ok(await pub.post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket');
      const board = ok(await pub.get<Board>(`/offices/${o.officeId}/queue`), 'board');
      expect({ timezone, ticket: t.businessDate, board: board.businessDate }).toEqual({
        timezone,
        ticket: businessDate(timezone),
        board: businessDate(timezone),
      });
      expect(t.businessDate).toMatch(DATE);
    }
  });

  it('accepts any ISO-8601 offset on input and answers in UTC', async () => {
    const date = businessDate('Asia/Jakarta', 2);
    const avail = ok(
      await pub.get<Availability>(`/offices/${office.officeId}/services/${office.services[0].id}/availability?from=${date}&to=${date}`),
      'availability',
    );
    const slot = avail.days.find((d) => d.date === date)!.slots[40];
    // The same instant written with the +07:00 offset of Jakarta and the -03:00 of elsewhere.
    const at = new Date(slot.start);
    const plus7 = new Date(at.getTime() + 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
    const res = await pub.post<Appointment>('/appointments', {
      officeId: office.officeId,
      serviceId: office.services[0].id,
      start: plus7,
      citizen: { name: 'Dewi Lestari', nik: nik(101) },
    });
    expect(res.status).toBe(201);
    expect(res.body.start).toBe(at.toISOString());
    expect(res.body.end).toMatch(ISO_UTC);
    const minus3 = new Date(at.getTime() + 15 * 60_000 - 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '-03:00');
    const moved = await pub.post<Appointment>(`/appointments/${res.body.manageToken}/reschedule`, { start: minus3 });
    expect(moved.status).toBe(200);
    expect(moved.body.start).toBe(new Date(at.getTime() + 15 * 60_000).toISOString());
  });

  it('answers errors as {statusCode, error, code, message}; unknown ids are 404 NOT_FOUND', async () => {
    const svc = office.services[0].id;
    const cases: [string, () => Promise<Res>][] = [
      ['office', () => pub.get(`/offices/${UNKNOWN_UUID}`)],
      ['office queue', () => pub.get(`/offices/${UNKNOWN_UUID}/queue`)],
      ['tickets of an unknown office', () => pub.post(`/offices/${UNKNOWN_UUID}/tickets`, { serviceId: svc })],
      ['ticket of an unknown service', () => pub.post(`/offices/${office.officeId}/tickets`, { serviceId: UNKNOWN_UUID })],
      ['tracking', () => pub.get('/tracking/AAAAAAAAAAAAAAAAAAAAAAAA')],
      ['appointment', () => pub.get('/appointments/AAAAAAAAAAAAAAAAAAAAAAAA')],
      [
        'availability',
        () =>
          pub.get(`/offices/${office.officeId}/services/${UNKNOWN_UUID}/availability?from=${businessDate('Asia/Jakarta')}&to=${businessDate('Asia/Jakarta')}`),
      ],
      ['service (staff)', () => admin.get(`/offices/${office.officeId}/services/${UNKNOWN_UUID}`)],
      ['counter (staff)', () => admin.get(`/offices/${office.officeId}/counters/${UNKNOWN_UUID}`)],
      ['ticket start (staff)', () => admin.post(`/tickets/${UNKNOWN_UUID}/start`)],
      ['ticket events (staff)', () => admin.get(`/tickets/${UNKNOWN_UUID}/events`)],
      ['staff (staff)', () => admin.patch(`/staff/${UNKNOWN_UUID}`, { active: true })],
    ];
    for (const [name, call] of cases) {
      const res = await call();
      expect({ name, status: res.status, code: codeOf(res) }).toEqual({ name, status: 404, code: 'NOT_FOUND' });
      expectError(res, 404, 'NOT_FOUND');
    }
    expectError(await pub.get('/no-such-route'), 404, 'NOT_FOUND');
  });

  it('answers 400 VALIDATION_FAILED with a list of the offending fields', async () => {
    expectValidation(await admin.post('/offices', { code: 5, name: 7, timezone: 'Mars/Olympus' }), ['code', 'name', 'timezone']);
    expectValidation(await admin.post('/offices', { code: 'OK-1', name: 'Kantor', timezone: 'Mars/Olympus' }), ['timezone']);
    expectValidation(await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: 'not-an-id', priority: 'vip', channel: 'fax' }), [
      'serviceId',
      'priority',
      'channel',
    ]);
    expectValidation(await pub.post('/auth/login', { username: 42 }), ['username', 'password']);
    expectValidation(
      await admin.post(`/offices/${office.officeId}/services`, {
        code: 'x',
        prefix: 'A',
        name: 'n',
        slotMinutes: 'ten',
        slotCapacity: 1,
        bookingWindowDays: 1,
      }),
      ['slotMinutes'],
    );
  });

  it('answers 400 VALIDATION_FAILED to a body with fields the contract does not name', async () => {
    const s = Date.now() % 100000;
    const cases: [string, () => Promise<Res>, string][] = [
      ['login', () => pub.post('/auth/login', { username: 'admin', password: 'x', remember: true }), 'remember'],
      ['ticket', () => pub.post(`/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id, vip: true }), 'vip'],
      ['office', () => admin.post('/offices', { code: `X-${s}`, name: 'x', timezone: 'Asia/Jakarta', mayor: 'x' }), 'mayor'],
      [
        'service',
        () =>
          admin.post(`/offices/${office.officeId}/services`, {
            code: `x${s}`,
            prefix: 'X',
            name: 'x',
            slotMinutes: 15,
            slotCapacity: 1,
            bookingWindowDays: 1,
            color: 'red',
          }),
        'color',
      ],
      ['counter', () => admin.post(`/offices/${office.officeId}/counters`, { name: 'Loket X', serviceIds: [office.services[0].id], floor: 2 }), 'floor'],
      ['staff', () => admin.post('/staff', { username: `u${s}`, password: 'password-123', role: 'officer', officeId: office.officeId, salary: 1 }), 'salary'],
      [
        'appointment citizen',
        () =>
          pub.post('/appointments', {
            officeId: office.officeId,
            serviceId: office.services[0].id,
            start: new Date().toISOString(),
            citizen: { name: 'X', nik: nik(102), religion: 'x' },
          }),
        'religion',
      ],
    ];
    for (const [name, call, field] of cases) {
      const res = await call();
      expect({ name, status: res.status, code: codeOf(res) }).toEqual({ name, status: 400, code: 'VALIDATION_FAILED' });
      expectValidation(res, [field]);
    }
    // Nothing was written: no office, service, counter or staff member of those names.
    expect(ok(await pub.get<OfficeListItem[]>('/offices'), 'offices').some((o) => o.code === `X-${s}`)).toBe(false);
    expect(ok(await admin.get<{ username: string }[]>('/staff'), 'staff').some((u) => u.username === `u${s}`)).toBe(false);
  });

  it('answers 400 VALIDATION_FAILED to a string beyond the length the OpenAPI document gives it', async () => {
    const doc = ok(await request<OpenApi>(app.baseUrl, 'GET', '/api/docs-json'), 'openapi');
    const limit = (path: string, ...prop: string[]) => {
      const max = documentedMaxLength(doc, path, 'post', prop);
      expect({ path, prop, max }).toEqual({ path, prop, max: expect.any(Number) });
      return max!;
    };
    const s = Date.now() % 100000;
    const officeName = limit('/api/v1/offices', 'name');
    expectValidation(await admin.post('/offices', { code: `L-${s}`, name: 'x'.repeat(officeName + 1), timezone: 'Asia/Jakarta' }), ['name']);
    expect((await admin.post<Office>('/offices', { code: `L-${s}`, name: 'x'.repeat(officeName), timezone: 'Asia/Jakarta' })).status).toBe(201);
    const serviceName = limit('/api/v1/offices/{officeId}/services', 'name');
    expectValidation(
      await admin.post(`/offices/${office.officeId}/services`, {
        code: `l${s}`,
        prefix: 'L',
        name: 'x'.repeat(serviceName + 1),
        slotMinutes: 15,
        slotCapacity: 1,
        bookingWindowDays: 1,
      }),
      ['name'],
    );
    const counterName = limit('/api/v1/offices/{officeId}/counters', 'name');
    expectValidation(await admin.post(`/offices/${office.officeId}/counters`, { name: 'x'.repeat(counterName + 1), serviceIds: [office.services[0].id] }), [
      'name',
    ]);
    const citizenName = limit('/api/v1/appointments', 'citizen', 'name');
    const date = businessDate('Asia/Jakarta', 3);
    const slot = ok(
      await pub.get<Availability>(`/offices/${office.officeId}/services/${office.services[1].id}/availability?from=${date}&to=${date}`),
      'availability',
    ).days[0].slots[10];
    const long = await pub.post('/appointments', {
      officeId: office.officeId,
      serviceId: office.services[1].id,
      start: slot.start,
      citizen: { name: 'x'.repeat(citizenName + 1), nik: nik(103) },
    });
    expectValidation(long, ['name']);
    // Nothing written: the slot still has every place.
    const after = ok(
      await pub.get<Availability>(`/offices/${office.officeId}/services/${office.services[1].id}/availability?from=${date}&to=${date}`),
      'availability',
    ).days[0].slots[10];
    expect(after.remaining).toBe(slot.remaining);
  });

  it('writes nothing when a request fails', async () => {
    const before = ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board');
    expect((await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id, priority: 'vip' })).status).toBe(400);
    expect((await pub.post(`/offices/${office.officeId}/tickets`, { serviceId: UNKNOWN_UUID })).status).toBe(404);
    const after = ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board');
    expect(after.seq).toBe(before.seq);
    expect(after.services).toEqual(before.services);
    // The next ticket's number follows the last one issued: no number went to the failed requests.
    const waitingA = before.services.find((x) => x.serviceId === office.services[0].id)!.waiting;
    const next = ok(await pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id }), 'ticket');
    expect(next.number).toBe(`A-${String(waitingA + 1).padStart(3, '0')}`);
  });
});

describe('API.md Public reading', () => {
  let office: Seeded;
  beforeAll(async () => {
    office = await seed(admin, { supervisor: false });
  });

  it('GET /api/v1/offices lists [{id, code, name, timezone}] without a token', async () => {
    const res = await pub.get<OfficeListItem[]>('/offices');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const mine = res.body.find((o) => o.id === office.officeId);
    expect(mine).toEqual(expect.objectContaining({ id: office.officeId, code: office.office.code, name: office.office.name, timezone: 'Asia/Jakarta' }));
    for (const o of res.body)
      expect(o).toEqual(expect.objectContaining({ id: expect.any(String), code: expect.any(String), name: expect.any(String), timezone: expect.any(String) }));
  });

  it('GET /api/v1/offices/:officeId gives the office with its services and counters', async () => {
    const res = await pub.get<Office>(`/offices/${office.officeId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: office.officeId, code: office.office.code, name: office.office.name, timezone: 'Asia/Jakarta' }));
    expect((res.body.services ?? []).map((s) => s.id).sort()).toEqual(office.services.map((s) => s.id).sort());
    expect((res.body.counters ?? []).map((c) => c.id).sort()).toEqual(office.counters.map((c) => c.id).sort());
    for (const s of res.body.services ?? []) expect(s).toEqual(expect.objectContaining({ id: anId(), prefix: expect.any(String), name: expect.any(String) }));
    for (const c of res.body.counters ?? []) expect(c).toEqual(expect.objectContaining({ id: anId(), name: expect.any(String) }));
  });

  it('GET /api/v1/offices/:officeId/queue is the live board with every field API.md names', async () => {
    const empty = ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board');
    expect(empty).toEqual(
      expect.objectContaining({
        officeId: office.officeId,
        seq: expect.any(Number),
        businessDate: businessDate('Asia/Jakarta'),
        services: expect.any(Array),
        counters: expect.any(Array),
        recentCalls: [],
      }),
    );
    expect(Number.isInteger(empty.seq)).toBe(true);
    for (const s of office.services) {
      const row = empty.services.find((x) => x.serviceId === s.id);
      expect(row).toEqual(expect.objectContaining({ serviceId: s.id, prefix: s.prefix, name: s.name, waiting: 0 }));
      expect(['number', 'object']).toContain(typeof row!.estimatedWaitMinutes);
    }
    for (const c of office.counters) {
      expect(empty.counters.find((x) => x.counterId === c.id)).toEqual(
        expect.objectContaining({ counterId: c.id, name: c.name, status: expect.any(String), nowServing: null }),
      );
    }

    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(ok(await pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id }), 'ticket'));
    const officer = pub.as(office.officers[0].token);
    const counter = office.counters[0];
    ok(await officer.post(`/counters/${counter.id}/open`), 'open');
    ok(await officer.post(`/counters/${counter.id}/call-next`), 'call');

    const board = ok(await pub.get<Board>(`/offices/${office.officeId}/queue`), 'board');
    expect(board.seq).toBeGreaterThan(empty.seq);
    const a = board.services.find((x) => x.serviceId === office.services[0].id)!;
    expect(a.waiting).toBe(2);
    expect(typeof a.estimatedWaitMinutes).toBe('number');
    const row = board.counters.find((x) => x.counterId === counter.id)!;
    expect(row.nowServing).toEqual(expect.objectContaining({ ticketId: tickets[0].id, number: tickets[0].number, status: 'called' }));
    expect(board.recentCalls[0]).toEqual(
      expect.objectContaining({ ticketId: tickets[0].id, number: tickets[0].number, counterId: counter.id, counterName: counter.name, calledAt: isoUtc() }),
    );
    // Public: no token needed, and nothing but the board (no tracking tokens of others).
    expect(JSON.stringify(board)).not.toContain(tickets[1].trackingToken);
  });
});

// ---------------------------------------------------------------------------------------------

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  maxLength?: number;
  allOf?: Schema[];
}

/** The maxLength the OpenAPI document gives a (nested) property of an operation's JSON body. */
function documentedMaxLength(doc: OpenApi, path: string, method: string, prop: string[]): number | undefined {
  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s) return undefined;
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
    if (s.allOf) return resolve(s.allOf.find((x) => x.$ref || x.properties));
    return s;
  };
  let schema = resolve(doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema);
  for (const p of prop) schema = resolve(schema?.properties?.[p]);
  return schema?.maxLength;
}
