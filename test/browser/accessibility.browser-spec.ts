import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type AltchaChallenge, solveAltcha } from '../support/altcha';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, loginToConsole } from '../support/browser';

/**
 * Issue 14: WCAG 2.2 AA on every page state, as axe-core (run in the page, Debian Chromium) finds
 * it: no serious and no critical finding on the kiosk, each step of /book, the manage page, the
 * tracking page, the display with and without its sound gate, the console and each back-office tab.
 * The counts per state are printed for the issue's note.
 */
jest.setTimeout(240_000);

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Finding {
  id: string;
  impact: string;
  nodes: number;
  example: string;
}

describe('accessibility of every page state (axe-core, WCAG 2.2 AA)', () => {
  let app: AppProcess;
  let browser: Browser;
  let office: SeededOffice;
  const contexts: BrowserContext[] = [];
  const results = new Map<string, Finding[]>();

  async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(app.baseUrl + path);
    return page;
  }

  /** Runs axe in the page and keeps its serious and critical findings under `state`. */
  async function audit(page: Page, state: string): Promise<void> {
    await page.evaluate(AXE_SOURCE);
    const found = await page.evaluate<Finding[]>(`(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, example: v.nodes[0] && v.nodes[0].target.join(' ') }));
    })()`);
    results.set(state, found);
  }

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    // Two offices: /book starts with the office step.
    await seedOffice(app.baseUrl);
    await api(
      app.baseUrl,
      'PATCH',
      `/api/v1/offices/${office.officeId}`,
      { address: 'Jl. Merdeka No. 1, Bandung', phone: '+62 22 555 0100' },
      office.adminToken,
    );
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    const lines = [...results].map(
      ([state, f]) => `${state}: ${f.length ? f.map((x) => `${x.id} (${x.impact}, ${x.nodes}× e.g. ${x.example})`).join('; ') : '0'}`,
    );
    console.log(`axe serious/critical findings per page state:\n${lines.join('\n')}`);
    await browser?.close();
    await app?.stop();
  }, 60_000);

  it('the kiosk: start, ticket, check-in', async () => {
    const kiosk = await open(`/kiosk?office=${office.officeId}`, { width: 1080, height: 1920 });
    const service = kiosk.getByTestId(`service-${office.services[0].id}`);
    await service.waitFor({ timeout: 15_000 });
    await audit(kiosk, 'kiosk start');
    await service.click();
    await kiosk.getByTestId('ticket-number').waitFor();
    await kiosk.locator('[data-testid="qr"] svg').waitFor({ timeout: 10_000 });
    await audit(kiosk, 'kiosk ticket');
    await kiosk.getByTestId('done').click();
    await kiosk.getByTestId('check-in').click();
    await kiosk.getByTestId('code-input').waitFor();
    await audit(kiosk, 'kiosk check-in');
  });

  it('/book, each step, the confirmation and the manage page; the tracking page', async () => {
    const phone = await open('/book', { width: 360, height: 800 });
    await phone.getByTestId(`office-${office.officeId}`).waitFor({ timeout: 15_000 });
    await audit(phone, '/book office');
    await phone.goto(`${app.baseUrl}/book?office=${office.officeId}`);
    const service = phone.getByTestId(`service-${office.services[0].id}`);
    await service.waitFor({ timeout: 15_000 });
    await audit(phone, '/book service');
    await service.click();
    const day = phone.locator('[data-testid^="day-"]:not([disabled])').first();
    await day.waitFor({ timeout: 15_000 });
    await audit(phone, '/book day');
    await day.click();
    const slot = phone.locator('[data-testid^="slot-"]:not([disabled])').last();
    await slot.waitFor();
    await audit(phone, '/book slot');
    await slot.click();
    await phone.getByTestId('name').waitFor();
    await audit(phone, '/book details');
    await phone.getByTestId('name').fill('Siti Aminah');
    await phone.getByTestId('nik').fill('3201011505900001');
    await phone.getByTestId('submit').click();
    await phone.getByTestId('booking-code').waitFor({ timeout: 15_000 });
    await audit(phone, '/book done');
    const manageHref = (await phone.getByTestId('manage-link').getAttribute('href'))!;
    await phone.goto(new URL(manageHref, app.baseUrl).toString());
    await phone.getByTestId('manage-status').waitFor({ timeout: 15_000 });
    await audit(phone, 'manage');

    const ticket = await api<{ trackingToken: string }>(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, {
      serviceId: office.services[0].id,
    });
    await phone.goto(`${app.baseUrl}/kiosk/track/${ticket.body.trackingToken}`);
    await phone.getByTestId('position').waitFor({ timeout: 15_000 });
    await audit(phone, 'tracking');
  });

  it('the hall display, with and without its sound gate', async () => {
    const display = await open(`/display?office=${office.officeId}`, { width: 1920, height: 1080 });
    await display.getByTestId(`counter-${office.counters[0].id}`).waitFor({ timeout: 15_000 });
    await audit(display, 'display (sound gate)');
    const gate = display.getByTestId('enable-sound');
    if (await gate.isVisible()) await gate.click();
    await audit(display, 'display');
  });

  it('the console and every back-office tab', async () => {
    const counter = await open('/counter', { width: 1366, height: 768 });
    await counter.getByTestId('username').waitFor({ timeout: 15_000 });
    await audit(counter, 'console login');
    await api(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id });
    await loginToConsole(counter, office.officer.username, office.officer.password);
    const select = counter.getByTestId('counter-select');
    await select.locator(`option[value="${office.counters[1].id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await audit(counter, 'console (no counter)');
    await select.selectOption(office.counters[1].id);
    await counter.getByTestId('open').click();
    await counter.getByTestId('call-next').waitFor();
    await counter.waitForTimeout(800);
    await audit(counter, 'console (open counter, one waiting)');
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').waitFor();
    await counter.waitForTimeout(500);
    await audit(counter, 'console (ticket in hand)');

    const { body: detail } = await api<{ code: string }>(app.baseUrl, 'GET', `/api/v1/offices/${office.officeId}`);
    const page = await open('/counter', { width: 1366, height: 768 });
    await loginToConsole(page, 'admin', 'e2e-admin-password');
    await page.getByTestId(`office-manage-${detail.code}`).waitFor({ timeout: 15_000 });
    await audit(page, 'back office: offices');
    await page.getByTestId(`office-manage-${detail.code}`).click();
    for (const tab of ['settings', 'hours', 'holidays', 'services', 'counters', 'notifications', 'faqs', 'staff']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(800);
      await audit(page, `back office: ${tab}`);
    }
    await page.getByTestId('nav-stats').click();
    await page.waitForTimeout(1500);
    await audit(page, 'statistics');
  });

  it('the waiting room, the survey of a finished visit and the public performance page', async () => {
    // The survey: a visit served at an office of its own, its tracking page on a phone.
    const visited = await seedOffice(app.baseUrl);
    const ticket = await api<{ id: string; trackingToken: string }>(app.baseUrl, 'POST', `/api/v1/offices/${visited.officeId}/tickets`, {
      serviceId: visited.services[0].id,
    });
    const token = (await api<{ accessToken: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', visited.officer)).body.accessToken;
    const counter = visited.counters[0]!.id;
    await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/open`, undefined, token);
    await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/call-next`, undefined, token);
    expect((await api(app.baseUrl, 'POST', `/api/v1/tickets/${ticket.body.id}/complete`, undefined, token)).status).toBe(200);
    const phone = await open(`/kiosk/track/${ticket.body.trackingToken}`, { width: 360, height: 800 });
    await phone.getByTestId('survey-start').click({ timeout: 15_000 });
    await phone.getByTestId('answer-4').waitFor();
    await audit(phone, 'tracking survey question');
    // The same visit on its counter's tablet (it finished minutes ago: the tablet asks at once).
    const tablet = await open(`/survey?counter=${counter}`, { width: 1280, height: 800 });
    await loginToConsole(tablet, visited.officer.username, visited.officer.password);
    await tablet.getByTestId('tablet-answer-4').waitFor({ timeout: 15_000 });
    await audit(tablet, 'survey tablet question');
    // The public performance page, on a phone.
    const perf = await open(`/kinerja?office=${office.officeId}`, { width: 360, height: 800 });
    await perf.getByTestId('perf-served').waitFor({ timeout: 15_000 });
    await audit(perf, '/kinerja');
    // The waiting room: tomorrow just released, all day.
    const serviceId = office.services[0].id;
    await api(
      app.baseUrl,
      'PATCH',
      `/api/v1/offices/${office.officeId}/services/${serviceId}`,
      { release: { daysAhead: 1, at: '00:00' }, waitingRoom: { admitPerMinute: 1, admissionMinutes: 5, openMinutes: 1440 } },
      office.adminToken,
    );
    // Somebody before the citizen takes this minute's admission.
    const challenge = await api<AltchaChallenge>(app.baseUrl, 'GET', '/api/v1/challenge');
    await api(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/services/${serviceId}/waiting-room`, { altcha: solveAltcha(challenge.body) });
    const book = await open(`/book?office=${office.officeId}`, { width: 360, height: 800 });
    await book.getByTestId(`service-${serviceId}`).click({ timeout: 15_000 });
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 86_400_000));
    await book.getByTestId(`day-${tomorrow}`).click({ timeout: 15_000 });
    await book.locator('[data-testid^="slot-"]:not([disabled])').first().click({ timeout: 15_000 });
    await book.getByTestId('name').fill('Rina Wulandari');
    await book.getByTestId('nik').fill('3201011505900002');
    await book.getByTestId('submit').click();
    await book.getByTestId('room-position').waitFor({ timeout: 15_000 });
    await audit(book, '/book waiting room');
  });

  it('has no serious or critical finding anywhere', () => {
    const bad = [...results].filter(([, f]) => f.length > 0).map(([state, f]) => `${state}: ${f.map((x) => x.id).join(', ')}`);
    expect(results.size).toBeGreaterThanOrEqual(20);
    expect(bad).toEqual([]);
  });
});
