/**
 * API.md "Operations", and the one port of "Configuration and start" (API, socket.io and the UIs).
 * (/health/ready answering 503 when the database or Redis is down needs fault injection: other tiers.)
 */
import type { AppProcess } from '../support/app-process';
import { connectQueue, request, startContractApp } from './support/contract';

jest.setTimeout(60_000);

let app: AppProcess;
beforeAll(async () => {
  app = await startContractApp();
});
afterAll(() => app?.stop());

/** Every path and method API.md names (base contract), as the OpenAPI document writes them. */
const API_MD_OPERATIONS: [string, string][] = [
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/offices'],
  ['get', '/api/v1/offices'],
  ['get', '/api/v1/offices/{}'],
  ['patch', '/api/v1/offices/{}'],
  ['put', '/api/v1/offices/{}/opening-hours'],
  ['post', '/api/v1/offices/{}/holidays'],
  ['get', '/api/v1/offices/{}/holidays'],
  ['delete', '/api/v1/offices/{}/holidays/{}'],
  ['post', '/api/v1/offices/{}/services'],
  ['get', '/api/v1/offices/{}/services/{}'],
  ['patch', '/api/v1/offices/{}/services/{}'],
  ['post', '/api/v1/offices/{}/counters'],
  ['get', '/api/v1/offices/{}/counters/{}'],
  ['patch', '/api/v1/offices/{}/counters/{}'],
  ['post', '/api/v1/staff'],
  ['get', '/api/v1/staff'],
  ['patch', '/api/v1/staff/{}'],
  ['get', '/api/v1/offices/{}/queue'],
  ['post', '/api/v1/offices/{}/tickets'],
  ['get', '/api/v1/offices/{}/tickets'],
  ['get', '/api/v1/tracking/{}'],
  ['post', '/api/v1/counters/{}/open'],
  ['post', '/api/v1/counters/{}/close'],
  ['post', '/api/v1/counters/{}/pause'],
  ['post', '/api/v1/counters/{}/call-next'],
  ['post', '/api/v1/counters/{}/recall'],
  ['post', '/api/v1/tickets/{}/start'],
  ['post', '/api/v1/tickets/{}/complete'],
  ['post', '/api/v1/tickets/{}/no-show'],
  ['post', '/api/v1/tickets/{}/cancel'],
  ['post', '/api/v1/tickets/{}/transfer'],
  ['get', '/api/v1/tickets/{}/events'],
  ['get', '/api/v1/offices/{}/services/{}/availability'],
  ['post', '/api/v1/appointments'],
  ['get', '/api/v1/appointments/{}'],
  ['post', '/api/v1/appointments/{}/cancel'],
  ['post', '/api/v1/appointments/{}/reschedule'],
  ['get', '/api/v1/appointments/{}/calendar.ics'],
  ['post', '/api/v1/offices/{}/check-in'],
  ['get', '/api/v1/offices/{}/stats'],
];

describe('API.md Operations', () => {
  it('GET /health/live → 200 while the process runs', async () => {
    expect((await request(app.baseUrl, 'GET', '/health/live')).status).toBe(200);
  });

  it('GET /health/ready → 200 when the database and Redis answer', async () => {
    expect((await request(app.baseUrl, 'GET', '/health/ready')).status).toBe(200);
  });

  it('GET /metrics → Prometheus text', async () => {
    const res = await request(app.baseUrl, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^(text\/plain|application\/openmetrics-text)/);
    const lines = res.text.split('\n').filter((l) => l.trim() !== '');
    expect(lines.some((l) => l.startsWith('# HELP '))).toBe(true);
    expect(lines.some((l) => l.startsWith('# TYPE '))).toBe(true);
    const samples = lines.filter((l) => !l.startsWith('#'));
    expect(samples.length).toBeGreaterThan(5);
    for (const l of samples) expect(l).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.]+(e[+-]?\d+)?|NaN|[+-]Inf)( -?\d+)?$/);
  });

  it('GET /api/docs → the OpenAPI UI', async () => {
    const res = await request(app.baseUrl, 'GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text.toLowerCase()).toContain('<html');
  });

  it('GET /api/docs-json → the OpenAPI document, with every path and method of API.md', async () => {
    const res = await request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(app.baseUrl, 'GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(res.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{[^}]+\}/g, '{}')}`)),
    );
    const missing = API_MD_OPERATIONS.map(([m, p]) => `${m} ${p}`).filter((op) => !documented.has(op));
    expect(missing).toEqual([]);
  });
});

describe('API.md Configuration and start: one port serves /api/v1, /socket.io and the UIs', () => {
  it('/api/v1 and /socket.io (namespace /queue) answer on the same port', async () => {
    expect((await request(app.baseUrl, 'GET', '/api/v1/offices')).status).toBe(200);
    const s = await connectQueue(app.baseUrl);
    expect(s.socket.connected).toBe(true);
    s.close();
  });

  it.each(['/kiosk', '/book', '/display', '/counter'])('%s is routed (a page, or 503 while the UIs are not built; never 404)', async (path) => {
    const res = await request(app.baseUrl, 'GET', path);
    expect([200, 503]).toContain(res.status);
    if (res.status === 200) {
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text.toLowerCase()).toContain('<html');
    }
  });
});
