import type { Browser, Page } from 'playwright-core';
import { type AppProcess, type SeededOffice, api, seedOffice, startApp } from '../support/app-process';
import { launchChromium, loginToConsole } from '../support/browser';

jest.setTimeout(180_000);

/**
 * API.md "Security and faults": every page carries a Content-Security-Policy with no inline
 * script. The built UIs must work under it: each page, used a little, reports no violation.
 */
describe('the UIs under their Content-Security-Policy', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A page whose CSP violations (and page errors) are recorded from its first script on. */
  async function open(path: string): Promise<{ page: Page; problems: () => Promise<string[]> }> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && errors.push(`console: ${m.text()}`));
    await page.addInitScript(
      "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
    const res = await page.goto(app!.baseUrl + path);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    return { page, problems: async () => [...errors, ...(await page.evaluate<string[]>('window.__csp'))] };
  }

  it('the kiosk takes a ticket and shows its QR, and the tracking page follows it', async () => {
    const { page, problems } = await open(`/kiosk?office=${office.officeId}`);
    await page.getByTestId(`service-${office.services[0].id}`).click();
    await page.getByTestId('ticket-number').waitFor();
    await page.locator('.ticket svg, .ticket img, .ticket canvas').first().waitFor();
    expect(await problems()).toEqual([]);
    const issued = await api<{ trackingToken: string }>(app!.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, {
      serviceId: office.services[0].id,
    });
    const track = await open(`/kiosk/track/${issued.body.trackingToken}`);
    await track.page.getByTestId('ticket-number').waitFor();
    expect(await track.problems()).toEqual([]);
  });

  it('the booking site, the hall display and the console', async () => {
    const book = await open(`/book?office=${office.officeId}`);
    await book.page.locator('button, a').first().waitFor();
    expect(await book.problems()).toEqual([]);
    const display = await open(`/display?office=${office.officeId}`);
    await display.page.getByTestId(`counter-${office.counters[0].id}`).waitFor({ timeout: 15_000 });
    expect(await display.problems()).toEqual([]);
    const counter = await open('/counter');
    await loginToConsole(counter.page, office.officer.username, office.officer.password);
    await counter.page.getByTestId('counter-select').waitFor({ timeout: 15_000 });
    expect(await counter.problems()).toEqual([]);
  });
});
