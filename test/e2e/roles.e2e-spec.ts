import type { LoginResponse, TicketView } from '@giliran/contracts';
import { createHmac, randomBytes } from 'node:crypto';
import { type AppProcess, E2E_ADMIN_PASSWORD, type SeededOffice, api, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(90_000);

type Who = 'anonymous' | 'officer' | 'supervisor' | 'admin';
type Role = Exclude<Who, 'anonymous'>;

/** Every staff endpoint, with the roles allowed on it; `office` says whether it is scoped to an office. */
interface Endpoint {
  name: string;
  roles: Role[];
  scoped: boolean;
  request: (o: SeededOffice & { ticketId: string }) => [method: string, path: string, body?: unknown];
}

const rnd = () => randomBytes(3).toString('hex');
const ENDPOINTS: Endpoint[] = [
  {
    name: 'create office',
    roles: ['admin'],
    scoped: false,
    request: () => ['POST', '/api/v1/offices', { code: `R${rnd()}`, name: 'x', timezone: 'Asia/Jakarta' }],
  },
  { name: 'update office', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['PATCH', `/api/v1/offices/${o.officeId}`, { maxRecalls: 3 }] },
  { name: 'office settings', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/settings`] },
  { name: 'dead letters', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/notifications`] },
  {
    name: 'appointments of a day',
    roles: ['admin', 'supervisor', 'officer'],
    scoped: true,
    request: (o) => ['GET', `/api/v1/offices/${o.officeId}/appointments`],
  },
  { name: 'read hours', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/opening-hours`] },
  {
    name: 'set hours',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => [
      'PUT',
      `/api/v1/offices/${o.officeId}/opening-hours`,
      { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })) },
    ],
  },
  { name: 'list holidays', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/holidays`] },
  {
    name: 'add holiday',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/offices/${o.officeId}/holidays`, { date: '2030-01-01', name: 'Tahun Baru' }],
  },
  {
    name: 'apply national holidays',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/offices/${o.officeId}/holidays/national`, { year: 2026 }],
  },
  { name: 'national lists', roles: ['admin', 'supervisor'], scoped: false, request: () => ['GET', '/api/v1/holidays/national'] },
  { name: 'list services', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/services`] },
  {
    name: 'create service',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => [
      'POST',
      `/api/v1/offices/${o.officeId}/services`,
      { code: `s${rnd()}`, prefix: 'Z', name: 'x', slotMinutes: 15, slotCapacity: 1, bookingWindowDays: 1 },
    ],
  },
  { name: 'read service', roles: ['admin', 'supervisor'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/services/${o.services[0].id}`] },
  {
    name: 'update service',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['PATCH', `/api/v1/offices/${o.officeId}/services/${o.services[0].id}`, { name: o.services[0].name }],
  },
  { name: 'list counters', roles: ['admin', 'supervisor', 'officer'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/counters`] },
  {
    name: 'create counter',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/offices/${o.officeId}/counters`, { name: `L ${rnd()}`, serviceIds: [o.services[0].id] }],
  },
  {
    name: 'read counter',
    roles: ['admin', 'supervisor', 'officer'],
    scoped: true,
    request: (o) => ['GET', `/api/v1/offices/${o.officeId}/counters/${o.counters[1].id}`],
  },
  {
    name: 'update counter',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['PATCH', `/api/v1/offices/${o.officeId}/counters/${o.counters[1].id}`, { name: o.counters[1].name }],
  },
  { name: 'list tickets', roles: ['admin', 'supervisor', 'officer'], scoped: true, request: (o) => ['GET', `/api/v1/offices/${o.officeId}/tickets`] },
  {
    name: 'statistics',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['GET', `/api/v1/offices/${o.officeId}/stats?from=2026-11-01&to=2026-11-30`],
  },
  { name: 'audit trail', roles: ['admin', 'supervisor', 'officer'], scoped: true, request: (o) => ['GET', `/api/v1/tickets/${o.ticketId}/events`] },
  ...(['call-next', 'recall', 'pause', 'resume', 'close', 'complete-and-next'] as const).map((action): Endpoint => ({
    name: `counter ${action}`,
    roles: ['admin', 'supervisor', 'officer'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/counters/${o.counters[1].id}/${action}`],
  })),
  {
    name: 'call specific',
    roles: ['admin', 'supervisor', 'officer'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/counters/${o.counters[1].id}/call`, { ticketId: o.ticketId, reason: 'matrix test' }],
  },
  ...(['start', 'complete', 'no-show'] as const).map((action): Endpoint => ({
    name: `ticket ${action}`,
    roles: ['admin', 'supervisor', 'officer'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/tickets/${o.ticketId}/${action}`],
  })),
  {
    name: 'transfer',
    roles: ['admin', 'supervisor', 'officer'],
    scoped: true,
    request: (o) => ['POST', `/api/v1/tickets/${o.ticketId}/transfer`, { serviceId: o.services[0].id }],
  },
  { name: 'list staff', roles: ['admin', 'supervisor'], scoped: false, request: () => ['GET', '/api/v1/staff'] },
  {
    name: 'create staff',
    roles: ['admin', 'supervisor'],
    scoped: true,
    request: (o) => ['POST', '/api/v1/staff', { username: `u${rnd()}`, password: 'password123', role: 'officer', officeId: o.officeId }],
  },
  { name: 'my day', roles: ['admin', 'supervisor', 'officer'], scoped: false, request: () => ['GET', '/api/v1/me/today'] },
];

describe('roles × own/other office × every staff endpoint', () => {
  let app: AppProcess;
  let own: SeededOffice & { ticketId: string };
  let other: SeededOffice & { ticketId: string };
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    app = await startApp();
    const withTicket = async (seed: SeededOffice) => {
      const t = await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[1].id });
      return { ...seed, ticketId: t.body.id };
    };
    own = await withTicket(await seedOffice(app.baseUrl));
    other = await withTicket(await seedOffice(app.baseUrl));
    const login = async (username: string, password: string) =>
      (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', { username, password })).body.accessToken;
    tokens.admin = own.adminToken;
    tokens.officer = await login(own.officer.username, own.officer.password);
    const supervisor = { username: `sup-${rnd()}`, password: 'supervisor-pw' };
    await api(app.baseUrl, 'POST', '/api/v1/staff', { ...supervisor, role: 'supervisor', officeId: own.officeId }, tokens.admin);
    tokens.supervisor = await login(supervisor.username, supervisor.password);
  });
  afterAll(() => app?.stop());

  const cases: [string, Who, 'own' | 'other'][] = ENDPOINTS.flatMap((e) =>
    (['anonymous', 'officer', 'supervisor', 'admin'] as Who[]).flatMap((who) =>
      (['own', 'other'] as const).map((where): [string, Who, 'own' | 'other'] => [e.name, who, where]),
    ),
  );

  it.each(cases)('%s as %s on %s office', async (name, who, where) => {
    const endpoint = ENDPOINTS.find((e) => e.name === name)!;
    const [method, path, body] = endpoint.request(where === 'own' ? own : other);
    const res = await api<{ code?: string }>(app.baseUrl, method, path, body, who === 'anonymous' ? undefined : tokens[who]);
    const allowed = who !== 'anonymous' && endpoint.roles.includes(who) && (who === 'admin' || where === 'own' || !endpoint.scoped);
    if (who === 'anonymous') expect([res.status, res.body?.code]).toEqual([401, 'UNAUTHORIZED']);
    else if (!allowed) expect([res.status, res.body?.code]).toEqual([403, 'FORBIDDEN']);
    else expect([401, 403]).not.toContain(res.status);
  });
});

describe('staff tokens', () => {
  let app: AppProcess;
  let adminId: string;
  beforeAll(async () => {
    app = await startApp();
    adminId = (await api<LoginResponse>(app.baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: E2E_ADMIN_PASSWORD })).body.user.id;
  });
  afterAll(() => app?.stop());

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  /** A token made by hand with the server's own secret, so only the algorithm differs. */
  const token = (alg: 'HS256' | 'HS512' | 'none') => {
    const now = Math.floor(Date.now() / 1000);
    // The admin's own id and session version (0: never logged out): only the algorithm may differ.
    const body = `${b64({ alg, typ: 'JWT' })}.${b64({ sub: adminId, username: 'admin', role: 'admin', officeId: null, sv: 0, iss: 'giliran', iat: now, exp: now + 600 })}`;
    if (alg === 'none') return `${body}.`;
    return `${body}.${createHmac(alg === 'HS256' ? 'sha256' : 'sha512', app.env.JWT_SECRET)
      .update(body)
      .digest('base64url')}`;
  };

  it('accepts HS256 with the server’s secret and refuses any other algorithm, even with the same secret', async () => {
    expect((await api(app.baseUrl, 'GET', '/api/v1/staff', undefined, token('HS256'))).status).toBe(200);
    for (const alg of ['HS512', 'none'] as const) {
      expect(await api(app.baseUrl, 'GET', '/api/v1/staff', undefined, token(alg))).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    }
  });
});
