import type { Browser, Page } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, loginToConsole, waitForText } from '../support/browser';

jest.setTimeout(150_000);

// Issue #17 in a real browser: the counter-side survey tablet opens by itself after each visit
// its counter finishes, takes one tap per question, thanks the citizen and waits for the next.
describe('counter survey tablet', () => {
  let app: AppProcess;
  let browser: Browser;
  let office: SeededOffice;
  let token: string;

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    token = (await api<{ accessToken: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', office.officer)).body.accessToken;
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const counterId = () => office.counters[0]!.id;
  const staff = (method: string, path: string, body?: unknown) => api<Record<string, unknown>>(app.baseUrl, method, path, body, token);

  /** A walk-in served to the end at the tablet's counter. */
  async function serveOne(): Promise<string> {
    const ticket = (
      await api<{ id: string; number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id })
    ).body;
    expect((await staff('POST', `/api/v1/counters/${counterId()}/call-next`)).status).toBe(200);
    expect((await staff('POST', `/api/v1/tickets/${ticket.id}/complete`)).status).toBe(200);
    return ticket.number;
  }

  async function answerAll(page: Page, value: number): Promise<void> {
    for (let i = 1; i <= 9; i++) {
      await waitForText(page.getByTestId('tablet-question').locator('xpath=preceding-sibling::p[1]'), `Pertanyaan ${i} dari 9`);
      await page.getByTestId(`tablet-answer-${value}`).click();
    }
  }

  it('opens after a completion at its counter, sends nine taps, and is ready for the next citizen', async () => {
    expect((await staff('POST', `/api/v1/counters/${counterId()}/open`)).status).toBe(200);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', hasTouch: true })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${app.baseUrl}/survey?counter=${counterId()}`);
    await loginToConsole(page, office.officer.username, office.officer.password);
    await page.getByTestId('tablet-idle').waitFor();

    // Nobody touches the tablet: the completion at the counter opens it.
    const first = await serveOne();
    await waitForText(page.locator('.tablet-visit'), `Nomor ${first}: bagaimana layanan kami hari ini?`, 10_000);
    await answerAll(page, 4);
    await page.getByTestId('tablet-thanks').waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const results = await api(app.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/survey?from=${today}&to=${today}`, undefined, office.adminToken);
    expect(results.body).toMatchObject({ responses: 1, ikm: 100, grade: 'A', byCounter: [{ counterId: counterId(), responses: 1, ikm: 100 }] });

    // It thanks the citizen, goes back to waiting, and opens again for the next visit.
    await page.getByTestId('tablet-idle').waitFor({ timeout: 15_000 });
    const second = await serveOne();
    await waitForText(page.locator('.tablet-visit'), `Nomor ${second}: bagaimana layanan kami hari ini?`, 10_000);
    await answerAll(page, 2);
    await page.getByTestId('tablet-thanks').waitFor();
    expect(
      (await api(app.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/survey?from=${today}&to=${today}`, undefined, office.adminToken)).body,
    ).toMatchObject({ responses: 2, ikm: 75 });
    expect(errors).toEqual([]);
  });
});
