import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AppProcess, ROOT, api, seedOffice, startApp } from '../support/app-process';

jest.setTimeout(60_000);

/** What the HTTP server answers before any route runs, and how it serves the UIs. */
describe('the HTTP edge', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  const post = (path: string, body: string, contentType?: string) =>
    fetch(app.baseUrl + path, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { code: string; message: string },
    }));

  it('refuses a body that is not JSON, too large, or of another media type, each with a stable code', async () => {
    const login = '/api/v1/auth/login';
    expect(await post(login, '{bad', 'application/json')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await post(login, JSON.stringify({ username: 'x'.repeat(40_000), password: 'y' }), 'application/json')).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await post(login, 'username=admin&password=x', 'application/x-www-form-urlencoded')).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    // An empty JSON body is no body: validation names the missing fields.
    const empty = await post(login, '', 'application/json');
    expect(empty).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(empty.body.message).toContain('username');
    // An empty body of any declared type is no body (curl -X POST -d '' says form-urlencoded).
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const none = await post(login, '', type);
      expect([type, none.status, none.body.code]).toEqual([type, 400, 'VALIDATION_FAILED']);
    }
    expect(await post(login, 'hello', 'text/plain')).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    // Paths match whatever their letter case, as they did.
    expect((await fetch(`${app.baseUrl}/API/v1/Offices`)).status).toBe(200);
    // Prototype keys are refused, not merged.
    expect(await post(login, '{"username":"a","password":"b","__proto__":{"x":1}}', 'application/json')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect((await api<{ code: string }>(app.baseUrl, 'GET', '/api/v1/no-such-thing')).body.code).toBe('NOT_FOUND');
  });

  it('serves the UIs: client routes get the page, hashed assets are cached for a year, a missing one is a 404 not cached', async () => {
    for (const path of ['/kiosk', '/kiosk/', '/kiosk/track/abc', '/book', '/display', '/counter']) {
      const res = await fetch(app.baseUrl + path);
      expect([path, res.status, res.headers.get('cache-control'), res.headers.get('content-type')]).toEqual([
        path,
        200,
        'no-cache',
        'text/html; charset=utf-8',
      ]);
      expect(await res.text()).toContain('<!doctype html>');
    }
    const asset = readdirSync(join(ROOT, 'dist/ui/kiosk/assets')).find((f) => f.endsWith('.js'))!;
    const js = await fetch(`${app.baseUrl}/kiosk/assets/${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect([js.status, js.headers.get('cache-control'), js.headers.get('content-encoding')]).toEqual([200, 'public, max-age=31536000, immutable', 'gzip']);
    const missing = await fetch(`${app.baseUrl}/kiosk/assets/gone-12345678.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBeNull();
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
    // Nothing outside the UI's own folder.
    expect((await fetch(`${app.baseUrl}/kiosk/..%2f..%2fpackage.json`)).status).toBeGreaterThanOrEqual(400);
  });

  it('compresses answers over 1 kB for clients that accept gzip', async () => {
    const doc = await fetch(`${app.baseUrl}/api/docs-json`, { headers: { 'accept-encoding': 'gzip' } });
    expect([doc.status, doc.headers.get('content-encoding')]).toEqual([200, 'gzip']);
    expect(((await doc.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('answers a poll 304 with no body while nothing changed, and the new state once it has', async () => {
    const seed = await seedOffice(app.baseUrl);
    const ticket = await api<{ trackingToken: string }>(app.baseUrl, 'POST', `/api/v1/offices/${seed.officeId}/tickets`, { serviceId: seed.services[0].id });
    const path = `/api/v1/tracking/${ticket.body.trackingToken}`;
    const first = await fetch(app.baseUrl + path, { headers: { 'accept-encoding': 'gzip' } });
    const tag = first.headers.get('etag');
    expect([first.status, tag]).toEqual([200, expect.stringMatching(/^W\/"/)]);
    const again = await fetch(app.baseUrl + path, { headers: { 'if-none-match': tag! } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    // Called: the tracking answer changes, and so does its tag.
    const officer = (await api<{ accessToken: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', seed.officer)).body.accessToken;
    await api(app.baseUrl, 'POST', `/api/v1/counters/${seed.counters[0].id}/open`, undefined, officer);
    await api(app.baseUrl, 'POST', `/api/v1/counters/${seed.counters[0].id}/call-next`, undefined, officer);
    const changed = await fetch(app.baseUrl + path, { headers: { 'if-none-match': tag! } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { status: string }).status).toBe('called');
    expect(changed.headers.get('etag')).not.toBe(tag);
  });
});
