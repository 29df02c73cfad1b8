import type { LoginResponse, StaffTicketView, TicketView } from '@giliran/contracts';
import { randomUUID } from 'node:crypto';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(120_000);

/** API.md "Security and faults": channels the public may use, and Idempotency-Key on tickets. */
describe('walk-in tickets: channels and Idempotency-Key', () => {
  let env: Record<string, string>;
  let a: AppProcess;
  let b: AppProcess;
  let seed: SeededOffice;

  beforeAll(async () => {
    env = await freshEnvironment('ticketkey');
    [a, b] = [await startApp({ env }), await startApp({ env })];
    seed = await seedOffice(a.baseUrl);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const path = () => `/api/v1/offices/${seed.officeId}/tickets`;
  const issue = (base: string, body: Record<string, unknown>, key?: string, token?: string) =>
    fetch(base + path(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as TicketView & { code?: string } }));
  const stored = async (serviceId: string) =>
    (await api<StaffTicketView[]>(a.baseUrl, 'GET', `${path()}?serviceId=${serviceId}`, undefined, seed.adminToken)).body;

  it('refuses the staff channel to the public (403 FORBIDDEN, nothing issued); staff of the office may use it', async () => {
    const serviceId = seed.services[1].id;
    const before = (await stored(serviceId)).length;
    const refused = await issue(a.baseUrl, { serviceId, channel: 'staff' });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await stored(serviceId)).length).toBe(before);
    for (const channel of ['kiosk', 'remote']) expect((await issue(a.baseUrl, { serviceId, channel })).status).toBe(201);
    const officer = (await api<LoginResponse>(a.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    expect((await issue(a.baseUrl, { serviceId, channel: 'staff' }, undefined, officer)).status).toBe(201);
    const other = await seedOffice(a.baseUrl);
    const outsider = (await api<LoginResponse>(a.baseUrl, 'POST', '/api/v1/auth/login', other.officer)).body.accessToken;
    expect((await issue(a.baseUrl, { serviceId, channel: 'staff' }, undefined, outsider)).status).toBe(403);
    const tickets = await stored(serviceId);
    expect(tickets).toHaveLength(before + 3);
  });

  it('a retry with the same key gets the same ticket; the key reused for another request is 422', async () => {
    const serviceId = seed.services[0].id;
    const before = (await stored(serviceId)).length;
    const key = randomUUID();
    const first = await issue(a.baseUrl, { serviceId }, key);
    const again = await issue(b.baseUrl, { serviceId }, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toMatchObject({ id: first.body.id, number: first.body.number, trackingToken: first.body.trackingToken, status: 'waiting' });
    expect((await stored(serviceId)).length).toBe(before + 1);
    const reused = await issue(a.baseUrl, { serviceId, priority: 'priority' }, key);
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const bad = await issue(a.baseUrl, { serviceId }, 'short');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await stored(serviceId)).length).toBe(before + 1);
  });

  it('the same key sent 20 times at once to two replicas makes one ticket', async () => {
    const serviceId = seed.services[0].id;
    const before = (await stored(serviceId)).length;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(i % 2 ? a.baseUrl : b.baseUrl, { serviceId }, key)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect((await stored(serviceId)).length).toBe(before + 1);
  });

  it('kiosks that retry with their keys after the API is killed mid-burst leave no orphan ticket', async () => {
    const serviceId = seed.services[1].id;
    const before = (await stored(serviceId)).length;
    const victim = await startApp({ env });
    const keys: string[] = [];
    const lost: string[] = [];
    let answered = 0;
    let stop = false;
    const kiosks = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const key = randomUUID();
        keys.push(key);
        try {
          const res = await issue(victim.baseUrl, { serviceId }, key);
          if (res.status === 201) answered++;
          else lost.push(key);
        } catch {
          lost.push(key);
          return;
        }
      }
    });
    while (answered < 60) await new Promise((r) => setTimeout(r, 5));
    await victim.kill('SIGKILL');
    stop = true;
    await Promise.all(kiosks);
    expect(lost.length).toBeGreaterThan(0);
    // Every kiosk whose answer was lost asks again, with the same key, of another replica.
    for (const key of lost) expect((await issue(a.baseUrl, { serviceId }, key)).status).toBe(201);
    expect((await stored(serviceId)).length - before).toBe(keys.length);
  });
});
