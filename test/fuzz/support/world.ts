import { createHmac, randomUUID } from 'node:crypto';
import { api, seedOffice } from '../../support/app-process';

/** Real ids, tokens and values, so that a fraction of the requests gets past the id checks. */
export interface World {
  /** By the name of a path parameter or body field. */
  pools: Record<string, string[]>;
  /** The current tokens; requests carry TOKEN placeholders, replaced when sent (a token that stops working is replaced). */
  tokens: { admin: string; officer: string };
  credentials: { admin: { username: string; password: string }; officer: { username: string; password: string } };
  /** Authorization header values that must all be refused. */
  badAuth: string[];
  /** Basic headers for the queue dashboard, all wrong but one. */
  basicAuth: string[];
}

/** What generated requests carry in place of a token, so that a token logged out on the way can be replaced. */
export const TOKEN = { admin: '<admin-token>', officer: '<officer-token>' } as const;

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function signJwt(claims: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const head = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  if (alg === 'none') return `${head}.${body}.`;
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

const NIKS = ['3201015505900042', '3201011505900001', '3174054107850003'];

/** Two offices (the second one foreign to the officer), a ticket, an appointment and a holiday. */
export async function buildWorld(baseUrl: string, env: Record<string, string>): Promise<World> {
  const a = await seedOffice(baseUrl);
  const b = await seedOffice(baseUrl, { timezone: 'Asia/Jayapura' });
  const must = <T>(r: { status: number; body: T }, what: string): T => {
    if (r.status >= 300) throw new Error(`seeding ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const adminLogin = must(
    await api<{ accessToken: string; user: { id: string } }>(baseUrl, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'e2e-admin-password' }),
    'admin login',
  );
  const officer = must(await api<{ accessToken: string; user: { id: string } }>(baseUrl, 'POST', '/api/v1/auth/login', a.officer), 'officer login');
  const officerB = must(await api<{ accessToken: string; user: { id: string } }>(baseUrl, 'POST', '/api/v1/auth/login', b.officer), 'officer B login');
  const ticket = must(
    await api<{ id: string; trackingToken: string }>(baseUrl, 'POST', `/api/v1/offices/${a.officeId}/tickets`, { serviceId: a.services[0].id }),
    'ticket',
  );
  const ticket2 = must(
    await api<{ id: string; trackingToken: string }>(baseUrl, 'POST', `/api/v1/offices/${a.officeId}/tickets`, {
      serviceId: a.services[1].id,
      priority: 'priority',
    }),
    'ticket 2',
  );
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 86_400_000));
  const avail = must(
    await api<{ days: { date: string; slots: { start: string }[] }[] }>(
      baseUrl,
      'GET',
      `/api/v1/offices/${a.officeId}/services/${a.services[0].id}/availability?from=${tomorrow}&to=${tomorrow}`,
    ),
    'availability',
  );
  const starts = avail.days.flatMap((d) => d.slots.map((s) => s.start));
  if (starts.length < 4) throw new Error(`seeding: too few slots tomorrow (${starts.length})`);
  const appt = must(
    await api<{ code: string; manageToken: string }>(baseUrl, 'POST', '/api/v1/appointments', {
      officeId: a.officeId,
      serviceId: a.services[0].id,
      start: starts[2],
      citizen: { name: 'Siti Aminah', nik: NIKS[0], phone: '+6281298765432', email: 'siti@example.org' },
    }),
    'appointment',
  );
  must(await api(baseUrl, 'POST', `/api/v1/offices/${a.officeId}/holidays`, { date: '2026-12-25', name: 'Natal' }, adminLogin.accessToken), 'holiday');

  const secret = env.JWT_SECRET;
  const now = Math.floor(Date.now() / 1000);
  const adminClaims = { sub: adminLogin.user.id, username: 'admin', role: 'admin', officeId: null };
  const tampered = adminLogin.accessToken.slice(0, -3) + (adminLogin.accessToken.endsWith('AAA') ? 'BBB' : 'AAA');
  const badAuth = [
    'Bearer junk',
    'Bearer ',
    'Bearer',
    `bearer ${adminLogin.accessToken}`,
    `Bearer  ${adminLogin.accessToken}`,
    `Bearer ${tampered}`,
    `Bearer ${signJwt({ ...adminClaims, iat: now, exp: now + 3600 }, 'another-secret-another-secret-123456')}`,
    `Bearer ${signJwt({ ...adminClaims, iat: now, exp: now + 3600 }, '', 'none')}`,
    `Bearer ${signJwt({ ...adminClaims, iat: now - 7200, exp: now - 3600 }, secret)}`,
    `Bearer ${signJwt({ sub: randomUUID(), username: 'ghost', role: 'officer', officeId: randomUUID(), iat: now, exp: now + 3600 }, secret)}`,
    'Bearer a.b.c',
    `Bearer ${'x'.repeat(5000)}`,
    `Bearer ${adminLogin.accessToken} Bearer ${officer.accessToken}`,
    'Basic YWRtaW46ZTJlLWFkbWluLXBhc3N3b3Jk',
    'Token abc',
    'Bearer \u00ff\u00fe',
  ];
  const basic = (s: string) => `Basic ${Buffer.from(s, 'utf8').toString('base64')}`;
  const basicAuth = [
    basic('fuzz-nobody:wrong-password'),
    basic('nocolon'),
    basic(':only-password'),
    basic(`fuzz-nobody:${'x'.repeat(1000)}`),
    basic(`${'u'.repeat(1000)}:x`),
    basic('\u0000:\u0000'),
    basic(`${officer.user.id}:x`),
    basic(`${b.officer.username}:${b.officer.password}`),
    'Basic !!!not-base64!!!',
    'Basic ',
    'Basic',
    `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0xed, 0xa0, 0x80]).toString('base64')}`,
    'Bearer junk',
    basic('admin:e2e-admin-password'),
  ];

  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  return {
    pools: {
      officeId: [a.officeId, b.officeId],
      serviceId: [...ids(a.services), ...ids(b.services)],
      counterId: [...ids(a.counters), ...ids(b.counters)],
      ticketId: [ticket.id, ticket2.id],
      trackingToken: [ticket.trackingToken, ticket2.trackingToken],
      manageToken: [appt.manageToken],
      uiToken: [ticket.trackingToken, appt.manageToken],
      code: [appt.code, appt.code.toLowerCase()],
      // Not the officer whose token is used: a PATCH that is accepted may change that officer.
      id: [officerB.user.id, randomUUID()],
      start: starts.slice(0, 8),
      date: ['2026-12-25', today, tomorrow],
      nik: NIKS,
      uiFile: ['index.html', 'track', 'assets', 'favicon.ico'],
      unknown: ['no-such-thing', 'offices/x/y/z'],
    },
    tokens: { admin: adminLogin.accessToken, officer: officer.accessToken },
    credentials: { admin: { username: 'admin', password: 'e2e-admin-password' }, officer: a.officer },
    badAuth,
    basicAuth,
  };
}

/** Logs in again (from an address of its own, so that the fuzzing's failed logins do not throttle it) when a token no longer works. */
export async function refreshToken(baseUrl: string, world: World, mode: 'admin' | 'officer'): Promise<boolean> {
  const works = await fetch(`${baseUrl}/api/v1/me/today`, { headers: { authorization: `Bearer ${world.tokens[mode]}` } });
  if (works.status !== 401) return false;
  const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(world.credentials[mode]),
  });
  if (res.status !== 200) throw new Error(`the ${mode} token stopped working and logging in again answered ${res.status}: ${await res.text()}`);
  world.tokens[mode] = ((await res.json()) as { accessToken: string }).accessToken;
  return true;
}
