/**
 * API.md "Configuration and start", and "Auth and roles: first start", and the Realtime promise that
 * every API instance delivers every event: the environment variables by their names.
 * This file starts several API processes (replicas, other secrets, a first start without a password).
 */
import Redis from 'ioredis';
import type { AppProcess } from '../support/app-process';
import { freshEnvironment } from '../support/app-process';
import {
  Api,
  type Board,
  type LoginBody,
  type Ticket,
  connectQueue,
  expectError,
  login,
  ok,
  runExpectingExit,
  seed,
  sleep,
  startContractApp,
} from './support/contract';

jest.setTimeout(90_000);

const ADMIN_USERNAME = 'kepala-dinas';
const ADMIN_PASSWORD = 'config-admin-password';

describe('API.md Configuration and start: a deployment of two replicas', () => {
  let a: AppProcess;
  let b: AppProcess;
  let adminToken: string;

  beforeAll(async () => {
    // RATE_LIMIT_PER_MINUTE unset: its default (30) holds.
    a = await startContractApp({ ADMIN_USERNAME, ADMIN_PASSWORD, WORKER: 'off' }, ['RATE_LIMIT_PER_MINUTE']);
    b = await startContractApp({}, [], a.env);
    adminToken = (await login(a.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('PORT: the API, socket.io and the UIs listen on it', async () => {
    expect(a.env.PORT).toBe(String(a.port));
    expect((await fetch(`http://127.0.0.1:${a.env.PORT}/api/v1/offices`)).status).toBe(200);
  });

  it('ADMIN_USERNAME and ADMIN_PASSWORD: the first admin is created from them', async () => {
    const res = ok(await new Api(a.baseUrl).post<LoginBody>('/auth/login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }), 'login');
    expect(res.user).toEqual(expect.objectContaining({ username: ADMIN_USERNAME, role: 'admin' }));
    expectError(await new Api(a.baseUrl).post('/auth/login', { username: 'admin', password: ADMIN_PASSWORD }), 401, 'INVALID_CREDENTIALS');
  });

  it('JWT_SECRET, DATABASE_URL, REDIS_URL shared: a token from one replica is good on the other', async () => {
    expect((await new Api(b.baseUrl, adminToken).get('/staff')).status).toBe(200);
  });

  it('every API instance delivers every event to every subscriber, whichever instance it is connected to', async () => {
    const admin = new Api(a.baseUrl, adminToken);
    const o = await seed(admin, { supervisor: false });
    const onA = await connectQueue(a.baseUrl);
    const onB = await connectQueue(b.baseUrl);
    try {
      await onA.subscribe({ officeId: o.officeId });
      await onB.subscribe({ officeId: o.officeId });
      const seq0 = ok(await new Api(a.baseUrl).get<Board>(`/offices/${o.officeId}/queue`), 'board').seq;
      const t1 = ok(await new Api(b.baseUrl).post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket via B');
      const t2 = ok(await new Api(a.baseUrl).post<Ticket>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket via A');
      for (const s of [onA, onB]) {
        await s.waitFor((r) => r.event === 'ticket.issued' && r.payload.ticketId === t1.id);
        await s.waitFor((r) => r.event === 'ticket.issued' && r.payload.ticketId === t2.id);
      }
      await sleep(300);
      const seqs = (s: typeof onA) => s.received.filter((r) => r.payload?.officeId === o.officeId).map((r) => r.payload.seq);
      expect(seqs(onA)).toEqual(seqs(onA).map((_, i) => seq0 + 1 + i));
      expect(seqs(onB)).toEqual(seqs(onA));
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('WORKER=off: the API replica still serves everything', async () => {
    expect((await fetch(`${a.baseUrl}/health/ready`)).status).toBe(200);
    const admin = new Api(a.baseUrl, adminToken);
    const o = await seed(admin, { supervisor: false, services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    expect((await new Api(a.baseUrl).post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id })).status).toBe(201);
  });

  it('REDIS_PREFIX: every key the deployment writes to Redis carries it', async () => {
    const redis = new Redis(a.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `${a.env.REDIS_PREFIX}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('RATE_LIMIT_PER_MINUTE (default 30): public writes past it per client address are 429 RATE_LIMITED; reads are not limited', async () => {
    const o = await seed(new Api(a.baseUrl, adminToken), { services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    // Stay clear of a minute boundary, in case the budget is counted per clock minute.
    while (new Date().getSeconds() >= 57) await sleep(250);
    const pub = new Api(a.baseUrl);
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof pub.post>> | undefined;
    for (let i = 0; i < 32; i++) {
      const res = await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    // Earlier tests in this file issued two tickets from this address: at most 30 in all.
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(30);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(27);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expectError(limited!, 429, 'RATE_LIMITED');
    expectError(await pub.post(`/offices/${o.officeId}/check-in`, { code: 'ZZZZZZZZ' }), 429, 'RATE_LIMITED');
    // Citizen assistant: "(public, rate-limited)", on a budget of its own: the tickets used up
    // above leave the chat answering, and the chat has its own limit.
    const ask = () => pub.post('/assistant', { message: 'jam berapa buka?', officeId: o.officeId });
    expect((await ask()).status).toBe(200);
    let asked = await ask();
    for (let i = 0; i < 30 && asked.status === 200; i++) asked = await ask();
    expectError(asked, 429, 'RATE_LIMITED');
    expect((await pub.get(`/offices/${o.officeId}/queue`)).status).toBe(200);
  });

  it('JWT_SECRET: a replica with another secret refuses the tokens of this one (401)', async () => {
    const c = await startContractApp({ JWT_SECRET: `${a.env.JWT_SECRET}-other` }, [], a.env);
    try {
      expect((await new Api(c.baseUrl, adminToken).get('/staff')).status).toBe(401);
      expect((await new Api(a.baseUrl, adminToken).get('/staff')).status).toBe(200);
    } finally {
      await c.stop();
    }
  });
});

describe('API.md Auth and roles: first start without ADMIN_PASSWORD', () => {
  it('creates `admin` (ADMIN_USERNAME default) with a random password printed once in the log', async () => {
    const { ADMIN_PASSWORD: _set, ADMIN_USERNAME: _name, ...env } = await freshEnvironment('contract');
    const first = await startContractApp({}, [], env);
    let password: string | undefined;
    try {
      // The log line that mentions the password, and in it the word that logs in.
      const lines = first
        .output()
        .split('\n')
        .filter((l) => /password/i.test(l));
      expect(lines.length).toBeGreaterThan(0);
      const words = [
        ...new Set(
          lines
            .join(' ')
            .split(/[\s"'`:=,;()[\]{}]+/)
            .filter((w) => w.length >= 12 && !/password/i.test(w)),
        ),
      ].slice(0, 4);
      for (const w of words) {
        const res = await new Api(first.baseUrl).post<LoginBody>('/auth/login', { username: 'admin', password: w });
        if (res.status === 200) {
          password = w;
          expect(res.body.user.role).toBe('admin');
          break;
        }
      }
      expect(password).toBeDefined();
    } finally {
      await first.stop();
    }
    const second = await startContractApp({}, [], env);
    try {
      expect(second.output()).not.toContain(password!);
      expect((await new Api(second.baseUrl).post('/auth/login', { username: 'admin', password })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('API.md Configuration and start: an invalid value stops the start with a message that names the variable', () => {
  it('PORT, DATABASE_URL, REDIS_URL, WORKER, RATE_LIMIT_PER_MINUTE', async () => {
    const invalid: [string, string][] = [
      ['PORT', 'http'],
      ['DATABASE_URL', 'postgres://db/giliran'],
      ['REDIS_URL', 'not a url'],
      ['WORKER', 'maybe'],
      ['RATE_LIMIT_PER_MINUTE', 'lots'],
    ];
    const runs = await Promise.all(
      invalid.map(async ([name, value]) => ({ name, value, ...(await runExpectingExit({ ...(await freshEnvironment('contract')), [name]: value })) })),
    );
    for (const { name, value, code, output } of runs) {
      const named = output.includes(name);
      expect({ name, value, exited: code !== null, failed: code !== 0, named, output: named ? '' : output.slice(-600) }).toEqual({
        name,
        value,
        exited: true,
        failed: true,
        named: true,
        output: '',
      });
    }
  });
});
