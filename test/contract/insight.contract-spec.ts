/**
 * API.md "Office insight: demand, forecast, staffing, public performance", as written: the
 * shapes of demand, forecast and staffing, the Erlang C calculator on the published example, and
 * the public performance of an office. The figures of a generated history: libs/insight
 * analytics.int-spec.ts (they need days that have passed).
 */
import type { AppProcess } from '../support/app-process';
import { ADMIN, Api, businessDate, expectError, expectValidation, login, ok, seed, startContractApp } from './support/contract';

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

describe('office insight', () => {
  it('answers the published Erlang C example: 360 arrivals in 30 minutes, 240 s, 55 counters', async () => {
    const r = ok(
      await admin.get<Record<string, unknown>>('/staffing/erlang-c?arrivalsPerHour=720&avgServiceSeconds=240&counters=55&targetWaitSeconds=20'),
      'erlang-c',
    );
    expect(r.stable).toBe(true);
    expect(r.probabilityOfWaiting as number).toBeCloseTo(0.2387, 3);
    expect(r.averageWaitSeconds as number).toBeCloseTo(8.18, 1);
    expect(r.serviceLevel as number).toBeCloseTo(0.867, 2);
    expect(r).toHaveProperty('occupancy');
    const unstable = ok(await admin.get('/staffing/erlang-c?arrivalsPerHour=720&avgServiceSeconds=240&counters=40&targetWaitSeconds=20'), 'unstable');
    expect(unstable).toMatchObject({ stable: false, probabilityOfWaiting: 1, serviceLevel: 0, averageWaitSeconds: null });
    expectValidation(await admin.get('/staffing/erlang-c?arrivalsPerHour=many&avgServiceSeconds=240&counters=55&targetWaitSeconds=20'), ['arrivalsPerHour']);
    expectError(await pub.get('/staffing/erlang-c?arrivalsPerHour=720&avgServiceSeconds=240&counters=55&targetWaitSeconds=20'), 401, 'UNAUTHORIZED');
  });

  it('gives demand, forecast and staffing in the shapes API.md names', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], officers: 0 });
    const sup = pub.as(o.supervisor.token);
    const today = businessDate(o.timezone);
    const from = businessDate(o.timezone, -7);
    const demand = ok(
      await sup.get<{ heatmap: unknown[]; daily: unknown[]; serviceLevel: unknown }>(`/offices/${o.officeId}/analytics/demand?from=${from}&to=${today}`),
      'demand',
    );
    expect(demand.heatmap).toHaveLength(7 * 24);
    expect(demand.heatmap[0]).toEqual({ weekday: 1, hour: 0, averageArrivals: 0 });
    expect(demand.daily[0]).toEqual({
      date: from,
      issued: 0,
      served: 0,
      noShow: 0,
      avgWaitSeconds: null,
      p90WaitSeconds: null,
      avgServiceSeconds: null,
      p90ServiceSeconds: null,
    });
    expect(demand.serviceLevel).toEqual({ targetWaitMinutes: 30, withinTarget: null });
    const tomorrow = businessDate(o.timezone, 1);
    const forecast = ok(
      await sup.get<{ date: string; byHour: Record<string, number>[]; basis: { weeks: number; method: string } }>(
        `/offices/${o.officeId}/analytics/forecast?date=${tomorrow}`,
      ),
      'forecast',
    );
    expect(forecast.date).toBe(tomorrow);
    expect(forecast.byHour).toHaveLength(24);
    expect(Object.keys(forecast.byHour[0]!).sort()).toEqual(['booked', 'expectedArrivals', 'high', 'hour', 'low']);
    expect(forecast.basis).toMatchObject({ weeks: 0, method: expect.any(String) });
    const staffing = ok(
      await sup.get<{ byHour: Record<string, number | null>[] }>(`/offices/${o.officeId}/staffing?date=${tomorrow}&serviceLevel=0.8`),
      'staffing',
    );
    expect(staffing.byHour).toHaveLength(24);
    expect(Object.keys(staffing.byHour[9]!)).toEqual(
      expect.arrayContaining(['hour', 'expectedArrivals', 'avgServiceSeconds', 'countersNeeded', 'probabilityOfWaiting', 'averageWaitSeconds', 'serviceLevel']),
    );
    expectValidation(await sup.get(`/offices/${o.officeId}/staffing?date=${tomorrow}&serviceLevel=2`), ['serviceLevel']);
    expectValidation(await sup.get(`/offices/${o.officeId}/analytics/demand?from=yesterday&to=${today}`), ['from']);
  });

  it('shows anyone how an office does, with no personal data', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], supervisor: false });
    ok(await pub.post(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket', 201);
    const p = ok(await pub.get<Record<string, Record<string, unknown>>>(`/offices/${o.officeId}/performance`), 'performance');
    expect(p.officeId).toBe(o.officeId);
    expect(p.today).toMatchObject({ served: 0, waiting: 1, avgWaitMinutes: null });
    expect(Object.keys(p.last30Days)).toEqual(
      expect.arrayContaining(['served', 'avgWaitMinutes', 'p90WaitMinutes', 'noShowRate', 'withinTarget', 'ikm', 'grade', 'responses']),
    );
    expect(JSON.stringify(p)).not.toMatch(/trackingToken|nik|phone|name":"Warga/i);
    expectError(await pub.get('/offices/00000000-0000-4000-8000-000000000000/performance'), 404, 'NOT_FOUND');
  });
});
