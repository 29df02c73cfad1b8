import { io } from 'socket.io-client';
import { type AppProcess, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(90_000);

const METRICS_TOKEN = 'metrics-token-0123456789';
const PARTNER = 'https://partner.example.org';

/**
 * API.md "Security and faults" headers, and the settings around them: TRUST_PROXY (whose
 * X-Forwarded-For and -Proto are believed), METRICS_TOKEN, CORS_ORIGINS for HTTP and sockets.
 */
describe('security headers and the settings around them', () => {
  let app: AppProcess;
  beforeAll(async () => {
    // Only a proxy at 10.9.9.9 is trusted: a request from loopback that claims to be forwarded is not.
    app = await startApp({
      env: { ...(await freshEnvironment('headers')), TRUST_PROXY: '10.9.9.9', METRICS_TOKEN, CORS_ORIGINS: PARTNER, RATE_LIMIT_PER_MINUTE: '3' },
    });
  });
  afterAll(() => app?.stop());

  it('every page and answer says nosniff, no referrer, and may not be framed', async () => {
    const seed = await seedOffice(app.baseUrl);
    for (const path of [
      '/kiosk',
      '/book',
      '/display',
      '/counter',
      '/',
      '/api/docs',
      '/api/docs-json',
      '/api/v1/offices',
      '/api/v1/nope',
      `/api/v1/offices/${seed.officeId}/queue`,
      '/health/live',
    ]) {
      const res = await fetch(app.baseUrl + path);
      const h = res.headers;
      expect([path, h.get('x-content-type-options'), h.get('referrer-policy'), h.get('content-security-policy')]).toEqual([
        path,
        'nosniff',
        'no-referrer',
        expect.stringContaining("frame-ancestors 'none'"),
      ]);
      expect(h.get('strict-transport-security')).toBeNull();
    }
    // The UIs' policy allows no inline script.
    expect((await fetch(`${app.baseUrl}/kiosk`)).headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  });

  it('HSTS only when a trusted proxy says the request came over TLS', async () => {
    const spoofed = await fetch(`${app.baseUrl}/kiosk`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });

  it('believes X-Forwarded-For only from a trusted proxy: a client cannot make up addresses to escape the limit', async () => {
    const seed = await seedOffice(app.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${app.baseUrl}/api/v1/offices/${seed.officeId}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ serviceId: seed.services[0].id }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it('/metrics needs METRICS_TOKEN when it is set', async () => {
    expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    const ok = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('giliran_');
  });

  it('lets browsers of CORS_ORIGINS call the API and open sockets, and no other site', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.baseUrl}/api/v1/offices`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect((await preflight(PARTNER)).headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${app.baseUrl}/api/v1/offices`, { headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();

    const connect = (origin: string | undefined) =>
      new Promise<boolean>((resolve) => {
        const s = io(`${app.baseUrl}/queue`, {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: origin ? { origin } : {},
        });
        s.once('connect', () => (s.disconnect(), resolve(true)));
        s.once('connect_error', () => (s.disconnect(), resolve(false)));
      });
    expect(await connect(PARTNER)).toBe(true);
    // Behind a proxy that rewrites Host, the host the browser asked for comes as X-Forwarded-Host.
    const proxied = await new Promise<boolean>((resolve) => {
      const s = io(`${app.baseUrl}/queue`, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: 'https://antrean.example.go.id', 'x-forwarded-host': 'antrean.example.go.id' },
      });
      s.once('connect', () => (s.disconnect(), resolve(true)));
      s.once('connect_error', () => (s.disconnect(), resolve(false)));
    });
    expect(proxied).toBe(true);
    expect(await connect(app.baseUrl)).toBe(true);
    expect(await connect(undefined)).toBe(true);
    expect(await connect('https://evil.example')).toBe(false);
    expect((await api(app.baseUrl, 'GET', '/health/ready')).status).toBe(200);
  });
});

describe('behind a trusted proxy', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({
      env: { ...(await freshEnvironment('proxied')), TRUST_PROXY: '1', RATE_LIMIT_PER_MINUTE: '3', DISPLAY_FRAME_ANCESTORS: 'https://signage.example.org' },
    });
  });
  afterAll(() => app?.stop());

  it('HSTS over TLS; every client its own rate-limit budget; the display framed by the signage origin only', async () => {
    expect((await fetch(`${app.baseUrl}/kiosk`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toMatch(
      /max-age=\d+/,
    );
    expect((await fetch(`${app.baseUrl}/kiosk`)).headers.get('strict-transport-security')).toBeNull();
    const seed = await seedOffice(app.baseUrl);
    const issue = (address: string) =>
      fetch(`${app.baseUrl}/api/v1/offices/${seed.officeId}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ serviceId: seed.services[0].id }),
      }).then((r) => r.status);
    const first = [await issue('198.51.100.1'), await issue('198.51.100.1'), await issue('198.51.100.1'), await issue('198.51.100.1')];
    expect(first).toEqual([201, 201, 201, 429]);
    expect(await issue('198.51.100.2')).toBe(201);
    const display = (await fetch(`${app.baseUrl}/display`)).headers;
    expect(display.get('content-security-policy')).toContain('frame-ancestors https://signage.example.org');
    expect(display.get('x-frame-options')).toBeNull();
    expect((await fetch(`${app.baseUrl}/kiosk`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
