import type { QueueBoard } from '@giliran/contracts';
import { type Browser, type Page } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, waitForText } from '../support/browser';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy';

/**
 * Issue 14: a hall display whose network stalls without a word — a dead Wi-Fi uplink: no browser
 * `offline` event, no TCP reset, packets simply stop — says so within 10 s and shows the right
 * board within a moment of the network's return. The display reaches the server through a TCP
 * proxy the test freezes (data held, connections kept open).
 */
jest.setTimeout(120_000);

describe('hall display on a network that stalls silently', () => {
  let app: AppProcess;
  let browser: Browser;
  let proxy: TcpProxy;
  let office: SeededOffice;
  let token: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    token = (await api<{ accessToken: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', office.officer)).body.accessToken;
    await api(app.baseUrl, 'POST', `/api/v1/counters/${office.counters[0].id}/open`, undefined, token);
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(app.baseUrl).port) });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await app?.stop();
  }, 60_000);

  it('connects by WebSocket first, shows a stall within 10 s, and the right board within a second of the network’s return', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    const page: Page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const polling: string[] = [];
    const websockets: string[] = [];
    page.on('request', (r) => r.url().includes('/socket.io/') && r.url().includes('transport=polling') && polling.push(r.url()));
    page.on('websocket', (ws) => websockets.push(ws.url()));

    await page.goto(`http://127.0.0.1:${proxy.port}/display?office=${office.officeId}`);
    const tile = page.getByTestId(`counter-${office.counters[0].id}`);
    await tile.waitFor({ timeout: 15_000 });
    await page.getByTestId('offline').waitFor({ state: 'hidden' });
    // The first board came over a WebSocket, with no long-polling round trips before it.
    expect(websockets.length).toBeGreaterThanOrEqual(1);
    expect(polling).toEqual([]);

    await api(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id });
    const frozenAt = Date.now();
    proxy.freeze();
    await page.getByTestId('offline').waitFor({ state: 'visible', timeout: 10_000 });
    const detectedMs = Date.now() - frozenAt;
    expect(detectedMs).toBeLessThan(10_000);

    // The hall moves on while the display hears nothing.
    const called = await api<{ ticket: { number: string } }>(app.baseUrl, 'POST', `/api/v1/counters/${office.counters[0].id}/call-next`, undefined, token);
    expect(called.status).toBe(200);
    const server = (await api<QueueBoard>(app.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/queue`)).body;
    expect(server.counters.find((c) => c.counterId === office.counters[0].id)?.nowServing?.number).toBe(called.body.ticket.number);

    const restoredAt = Date.now();
    proxy.restore();
    await waitForText(tile.getByTestId('now-serving'), called.body.ticket.number, 5_000);
    const recoveredMs = Date.now() - restoredAt;
    await page.getByTestId('offline').waitFor({ state: 'hidden', timeout: 5_000 });
    // Reported in the note (stall detection and recovery on this machine).
    console.log(`display stall: detected after ${detectedMs} ms, right board ${recoveredMs} ms after the network returned`);
    expect(recoveredMs).toBeLessThan(1_500);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
