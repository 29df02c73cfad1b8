/**
 * API.md "Statistics", as written: JSON and CSV, staff only.
 */
import type { AppProcess } from '../support/app-process';
import { ADMIN, Api, type Seeded, type Stats, type Ticket, businessDate, expectError, login, ok, seed, sleep, startContractApp } from './support/contract';

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
  // Today: A-001 served, A-002 no-show, A-003 cancelled, B-001 still waiting.
  const issue = async (i: number) => ok(await pub.post<Ticket>(`/offices/${office.officeId}/tickets`, { serviceId: office.services[i].id }), 'ticket');
  const [a1, a2, a3] = [await issue(0), await issue(0), await issue(0)];
  await issue(1);
  const officer = pub.as(office.officers[0].token);
  const counter = office.counters[0].id;
  ok(await officer.post(`/counters/${counter}/open`), 'open');
  await sleep(1100);
  expect(ok(await officer.post<{ ticket: Ticket }>(`/counters/${counter}/call-next`), 'call').ticket.id).toBe(a1.id);
  ok(await officer.post(`/tickets/${a1.id}/start`), 'start');
  await sleep(1100);
  ok(await officer.post(`/tickets/${a1.id}/complete`), 'complete');
  expect(ok(await officer.post<{ ticket: Ticket }>(`/counters/${counter}/call-next`), 'call').ticket.id).toBe(a2.id);
  ok(await officer.post(`/tickets/${a2.id}/no-show`), 'no-show');
  ok(await officer.post(`/tickets/${a3.id}/cancel`), 'cancel');
});
afterAll(() => app?.stop());

describe('API.md Statistics: GET /api/v1/offices/:officeId/stats?from=&to= (staff)', () => {
  it('→ {issued, served, noShow, cancelled, avgWaitSeconds, p90WaitSeconds, avgServiceSeconds, byService: [...], byHour: [...]}', async () => {
    for (const reader of [admin, pub.as(office.supervisor.token)]) {
      const res = await reader.get<Stats>(`/offices/${office.officeId}/stats?from=${today()}&to=${today()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toEqual(
        expect.objectContaining({ issued: 4, served: 1, noShow: 1, cancelled: 1, byService: expect.any(Array), byHour: expect.any(Array) }),
      );
      const s = res.body;
      for (const key of ['avgWaitSeconds', 'p90WaitSeconds', 'avgServiceSeconds'] as const)
        expect({ key, type: typeof s[key] }).toEqual({ key, type: 'number' });
      expect(s.avgWaitSeconds!).toBeGreaterThanOrEqual(1);
      expect(s.p90WaitSeconds!).toBeGreaterThanOrEqual(s.avgWaitSeconds!);
      expect(s.avgServiceSeconds!).toBeGreaterThanOrEqual(1);
      expect(s.byService.length).toBeGreaterThan(0);
      expect(JSON.stringify(s.byService)).toContain(office.services[0].id);
      expect(s.byHour.length).toBeGreaterThan(0);
    }
  });

  it('counts nothing in a period without tickets', async () => {
    const res = await admin.get<Stats>(`/offices/${office.officeId}/stats?from=${businessDate('Asia/Jakarta', -40)}&to=${businessDate('Asia/Jakarta', -30)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ issued: 0, served: 0, noShow: 0, cancelled: 0 }));
  });

  it('gives CSV with Accept: text/csv', async () => {
    const res = await admin.get(`/offices/${office.officeId}/stats?from=${today()}&to=${today()}`, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expectCsv(res.text);
  });

  it('gives CSV with ?format=csv', async () => {
    const res = await admin.get(`/offices/${office.officeId}/stats?from=${today()}&to=${today()}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expectCsv(res.text);
  });

  it('is for staff: 401 without a token, 403 FORBIDDEN for another office; bad dates are 400 VALIDATION_FAILED', async () => {
    const path = `/offices/${office.officeId}/stats?from=${today()}&to=${today()}`;
    expect((await pub.get(path)).status).toBe(401);
    expect((await pub.get(`${path}&format=csv`)).status).toBe(401);
    const other = await seed(admin, { services: [{ prefix: 'A' }], counters: [], officers: 0 });
    expectError(await pub.as(other.supervisor.token).get(path), 403, 'FORBIDDEN');
    expectError(await admin.get(`/offices/${office.officeId}/stats?from=yesterday&to=${today()}`), 400, 'VALIDATION_FAILED');
    expectError(await admin.get(`/offices/00000000-0000-4000-8000-000000000000/stats?from=${today()}&to=${today()}`), 404, 'NOT_FOUND');
  });
});

/** A header line and at least one row, each with the same number of comma-separated cells, naming the counts of the JSON answer. */
function expectCsv(text: string): void {
  const lines = text.trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThanOrEqual(2);
  const header = lines[0].split(',');
  for (const name of ['issued', 'served', 'noShow', 'cancelled'])
    expect(header.some((h) => h.replace(/"/g, '').toLowerCase() === name.toLowerCase())).toBe(true);
  expect(text.trim().startsWith('{')).toBe(false);
}
