import type { QueueBoard } from '@giliran/contracts';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { type PrivateRedis, startPrivateRedis } from '../support/private-redis';
import { connectQueue } from '../support/socket-client';

jest.setTimeout(120_000);

interface Slot {
  start: string;
}

/**
 * API.md "Security and faults": when Redis is down, issuing tickets, booking and check-in keep
 * working; a Redis emptied under a running API (FLUSHALL, a restart without persistence) is
 * noticed within 10 s, said by /health/ready, and its schedules, reminders and screens put back.
 * Each test drives a redis-server of its own.
 */
describe('Redis faults', () => {
  let redis: PrivateRedis;
  let app: AppProcess;
  let seed: SeededOffice;
  let prefix: string;
  let day: { date: string; slots: Slot[] }[];
  let nik = 3201015505900100;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    // The public-write limit is on (high): while Redis is down it counts in the process instead.
    const env: Record<string, string> = { ...(await freshEnvironment('redisfault')), REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '100000' };
    prefix = env.REDIS_PREFIX;
    app = await startApp({ env });
    seed = await seedOffice(app.baseUrl);
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const to = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    day = (
      await api<{ days: typeof day }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/services/${seed.services[0].id}/availability?from=${from}&to=${to}`)
    ).body.days;
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  /** A slot at least three days ahead (its reminders are all still to come), a different one each time. */
  let nextFar = 0;
  const farSlot = () => day.slice(3).flatMap((d) => d.slots)[nextFar++].start;
  const soonSlot = () => day.flatMap((d) => d.slots).find((s) => new Date(s.start).getTime() > Date.now() + 60_000)!.start;
  const book = (start: string) =>
    api<{ id: string; code: string }>(app.baseUrl, 'POST', '/api/v1/appointments', {
      officeId: seed.officeId,
      serviceId: seed.services[0].id,
      start,
      citizen: { name: 'Warga Uji', nik: String(nik++) },
    });
  const ticket = () => api<{ number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[1].id });
  const ready = async () => {
    const res = await fetch(`${app.baseUrl}/health/ready`);
    return { status: res.status, text: await res.text() };
  };
  const has = async (key: string) => (await redis.client().exists(key)) === 1;
  const reminderKey = (appointmentId: string) => `${prefix}bull:notifications:reminder:${appointmentId}:1440`;
  const endOfDayKey = () => `${prefix}bull:maintenance:repeat:end-of-day:${seed.officeId}`;
  const until = async (what: string, probe: () => Promise<boolean>, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return Date.now();
  };

  it('notices a live FLUSHALL within 10 s: says so in /health/ready, puts back schedules and reminders, resyncs the screens', async () => {
    const booked = await book(farSlot());
    expect(booked.status).toBe(201);
    await until('the reminder job', () => has(reminderKey(booked.body.id)));
    expect(await has(endOfDayKey())).toBe(true);
    const display = await connectQueue(app.baseUrl);
    expect(await display.subscribe({ officeId: seed.officeId })).toHaveProperty('seq');

    const flushedAt = Date.now();
    await redis.client().flushall();
    // Until the watch has put the state back, readiness says Redis is empty.
    const right = await ready();
    if (!(await has(`${prefix}state-since`))) expect([right.status, right.text]).toEqual([503, expect.stringContaining('empty')]);

    await display.waitFor((r) => r.event === 'queue.resync', 10_000);
    const back = await until('schedules and reminders back', async () => (await has(endOfDayKey())) && (await has(reminderKey(booked.body.id))));
    expect(back - flushedAt).toBeLessThan(10_000);
    await until('ready again', async () => (await ready()).status === 200);
    display.socket.disconnect();
  });

  it('while Redis is down, tickets, bookings and check-in answer 201; when it comes back empty, everything is put back', async () => {
    const early = await book(soonSlot());
    expect(early.status).toBe(201);
    await redis.kill();

    const started = Date.now();
    const tickets = await Promise.all(Array.from({ length: 20 }, () => ticket()));
    expect(tickets.map((t) => t.status)).toEqual(Array(20).fill(201));
    expect(new Set(tickets.map((t) => t.body.number)).size).toBe(20);
    const booked = await book(farSlot());
    expect(booked.status).toBe(201);
    const checkedIn = await api<{ number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/check-in`, { code: early.body.code });
    expect(checkedIn.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(15_000);

    expect((await ready()).status).toBe(503);
    // The live board has no seq to give without Redis: a clean 503, not a 500.
    const board = await api<{ code: string }>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    expect([board.status, board.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(app.output()).toContain('rate limits are counted in this process alone');

    await redis.start();
    await until(
      'schedules and the reminders of the booking made without Redis',
      async () => (await has(endOfDayKey())) && (await has(reminderKey(booked.body.id))),
      15_000,
    );
    await until('ready again', async () => (await ready()).status === 200);
    const after = await api<QueueBoard>(app.baseUrl, 'GET', `/api/v1/offices/${seed.officeId}/queue`);
    expect(after.status).toBe(200);
    expect(after.body.services.find((s) => s.serviceId === seed.services[1].id)?.waiting).toBeGreaterThanOrEqual(20);
  });

  it('a Redis that hangs holds no ticket or booking for long, and missed reminders come back when it answers', async () => {
    redis.freeze();
    try {
      const started = Date.now();
      const [t, booked] = await Promise.all([ticket(), book(farSlot())]);
      expect([t.status, booked.status]).toEqual([201, 201]);
      expect(Date.now() - started).toBeLessThan(8_000);
      redis.thaw();
      await until('the reminders of the booking made while Redis hung', () => has(reminderKey(booked.body.id)), 15_000);
    } finally {
      redis.thaw();
    }
  });
});
