import type { TicketView } from '@giliran/contracts';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { type AppProcess, type SeededOffice, api, seedOffice, startApp } from '../support/app-process';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/sinks';

jest.setTimeout(120_000);

/**
 * Issue 14, Web Push on the tracking page, in Chromium. Headless Chromium reaches no real push
 * service, so subscribing fails there (and the page goes on as before, without an error); what is
 * tried: with notifications allowed the page registers its service worker, under the page's CSP,
 * and the worker, handed a push message by the browser itself (DevTools'
 * ServiceWorker.deliverPushMessage: a real, trusted push event), shows it as a notification of
 * the ticket, unless that ticket's page is on screen, which says it itself.
 */
describe('the tracking page’s service worker', () => {
  let app: AppProcess;
  let browser: Browser;
  let office: SeededOffice;
  let context: BrowserContext;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  const issue = async () =>
    (await api<TicketView>(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id })).body;

  /** The worker's registration id, as DevTools knows it, once the worker is active. */
  async function activeRegistration(cdp: CDPSession): Promise<string> {
    const registrations = new Map<string, string>();
    const active = new Set<string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) => {
      for (const r of e.registrations) registrations.set(r.registrationId, r.scopeURL);
    });
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { registrationId: string; status: string }[] }) => {
      for (const v of e.versions) if (v.status === 'activated') active.add(v.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    const id = await eventually(
      () => [...registrations].find(([rid, scope]) => scope === `${app.baseUrl}/kiosk/track/` && active.has(rid))?.[0],
      (v) => v !== undefined,
      15_000,
    );
    return id!;
  }

  /** The notifications the worker shows now (a string: this file is compiled without the DOM's types). */
  const notifications = (page: Page) =>
    page.evaluate<{ title: string; body: string; tag: string; url?: string }[]>(
      `navigator.serviceWorker.getRegistration('/kiosk/track/')
        .then((registration) => (registration ? registration.getNotifications() : []))
        .then((shown) => shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url })))`,
    );

  it('registers the worker once notifications are allowed, and shows a push as the ticket’s notification', async () => {
    const [mine, other] = [await issue(), await issue()];
    context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'id-ID', permissions: ['notifications'] });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && problems.push(`console: ${m.text()}`));
    const cdp = await context.newCDPSession(page);
    const registrationId = activeRegistration(cdp);
    await page.goto(`${app.baseUrl}/kiosk/track/${mine.trackingToken}`);
    await page.getByTestId('notify-on').waitFor({ timeout: 15_000 });
    const id = await registrationId;
    const worker = `navigator.serviceWorker.getRegistration('/kiosk/track/').then((r) => r && r.active && r.active.scriptURL)`;
    expect(await page.evaluate<string | null>(worker)).toBe(`${app.baseUrl}/kiosk/sw.js`);

    const near = (t: TicketView) => ({
      type: 'ticket.near',
      number: t.number,
      position: 2,
      url: `/kiosk/track/${t.trackingToken}`,
      title: `Giliran Anda sudah dekat: ${t.number}`,
      body: `Nomor ${t.number}: giliran Anda sudah dekat (posisi 2).`,
      lang: 'id',
    });
    // The ticket whose page is on screen: the page tells it, the worker stays quiet.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: app.baseUrl, registrationId: id, data: JSON.stringify(near(mine)) });
    // Another ticket of this phone, whose page is closed: a notification, one per ticket.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: app.baseUrl, registrationId: id, data: JSON.stringify(near(other)) });
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: app.baseUrl, registrationId: id, data: JSON.stringify({ ...near(other), position: 1 }) });
    const shown = await eventually(
      () => notifications(page),
      (n) => n.length > 0,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await notifications(page)).toEqual([
      {
        title: `Giliran Anda sudah dekat: ${other.number}`,
        body: near(other).body,
        tag: `giliran-${other.number}`,
        url: `${app.baseUrl}/kiosk/track/${other.trackingToken}`,
      },
    ]);
    expect(shown).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
