import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { E2E_ADMIN_PASSWORD, api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { SCREENSHOTS, launchChromium, waitForText, loginToConsole } from '../support/browser';

// Issue #3 in a real browser: the officer's console for a working day (complete-and-next
// by keyboard, the waiting list, transfer, call-specific with a reason), and the
// supervisor's back office (national holidays) and statistics.

jest.setTimeout(180_000);

/** Waits until `probe` of the element's text holds. */
async function waitForTextMatching(locator: Locator, probe: (text: string) => boolean, what: string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null))?.trim() ?? '';
    if (probe(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${what} but saw "${last}" in ${locator.toString()}`);
}

describe('officer console, back office and statistics', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;
  const pageErrors: string[] = [];
  const pages: Record<string, Page> = {};

  async function openPage(name: string, path: string, viewport: { width: number; height: number }): Promise<Page> {
    // One context per screen: the TV, the officer's PC and the supervisor's PC share no storage.
    const context = await browser!.newContext({ viewport, locale: 'id-ID', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
    pages[name] = page;
    await page.goto(app!.baseUrl + path);
    return page;
  }

  async function screenshot(page: string, file = page, fullPage = false): Promise<void> {
    await pages[page]?.screenshot({ path: join(SCREENSHOTS, `${file}.png`), fullPage }).catch(() => undefined);
  }

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    // Whatever failed, leave pictures of every screen behind for whoever reads the report.
    for (const name of Object.keys(pages)) await screenshot(name, `console-spec-${name}-final`);
    await browser?.close();
    await app?.stop();
  }, 60_000);

  const serviceA = () => office.services.find((s) => s.prefix === 'A')!;
  const serviceB = () => office.services.find((s) => s.prefix === 'B')!;

  it('completes A-001 and calls A-002 with one key, and the hall display follows', async () => {
    const counter1 = office.counters[0]!;
    for (let i = 0; i < 3; i++) {
      const res = await api<{ number: string }>(app!.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: serviceA().id });
      expect(res.status).toBe(201);
    }

    const display = await openPage('display', `/display?office=${encodeURIComponent(office.officeId)}`, { width: 1920, height: 1080 });
    const tile = display.getByTestId(`counter-${counter1.id}`);
    await tile.waitFor({ timeout: 15_000 });

    const counter = await openPage('counter', '/counter', { width: 1366, height: 900 });
    await loginToConsole(counter, office.officer.username, office.officer.password);
    const select = counter.getByTestId('counter-select');
    await select.locator(`option[value="${counter1.id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    // An officer sees no back office.
    expect(await counter.getByTestId('nav-office').count()).toBe(0);
    await select.selectOption(counter1.id);
    await counter.getByTestId('open').click();
    await waitForText(counter.getByTestId('counter-status'), 'Loket buka');

    // The waiting list shows all three, each with how long it has waited.
    const groupA = counter.getByTestId(`waiting-${serviceA().id}`);
    await groupA.getByTestId('waiting-A-003').waitFor({ timeout: 10_000 });
    expect(await groupA.getByTestId('waiting-A-001').getByTestId('waited').textContent()).toMatch(/mnt/);
    await screenshot('counter', 'console-idle');

    await counter.getByTestId('call-next').click();
    await waitForText(counter.getByTestId('current-number'), 'A-001');
    await counter.getByTestId('start').click();
    await waitForText(counter.getByTestId('current-status'), 'Sedang dilayani');
    await screenshot('counter', 'console-serving');

    // Enter = "Selesai & panggil berikutnya" (the mouse click above left no button focused).
    await counter.keyboard.press('Enter');
    await waitForText(counter.getByTestId('current-number'), 'A-002');
    await waitForText(counter.getByTestId('current-status'), 'Dipanggil');
    await waitForText(tile.getByTestId('now-serving'), 'A-002', 5_000);
    await groupA.getByTestId('waiting-A-002').waitFor({ state: 'detached', timeout: 5_000 });
    await waitForText(counter.getByTestId('my-day-served'), '1');
    await waitForText(counter.getByTestId('my-day-called'), '2');
    await screenshot('counter', 'console-complete-and-next');
    await screenshot('display', 'console-spec-display');

    expect(pageErrors).toEqual([]);
  });

  it('transfers A-002 to service B, where it waits keeping its number, and calls it back with a reason', async () => {
    const counter = pages.counter!;
    // An elderly citizen takes a priority ticket for B: it is marked in the list.
    const priority = await api(app!.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: serviceB().id, priority: 'priority' });
    expect(priority.status).toBe(201);
    await counter.getByTestId(`waiting-${serviceB().id}`).getByTestId('waiting-B-001').filter({ hasText: 'Prioritas' }).waitFor();

    await counter.getByTestId('transfer').click();
    await counter.getByTestId('transfer-dialog').waitFor();
    await counter.getByTestId('transfer-service').selectOption(serviceB().id);
    await counter.getByTestId('transfer-reason').fill('Salah pilih layanan');
    await screenshot('counter', 'console-transfer-dialog');
    await counter.getByTestId('transfer-submit').click();
    await counter.getByTestId('transfer-dialog').waitFor({ state: 'detached' });
    await waitForText(counter.getByTestId('current-number'), '—');

    const groupB = counter.getByTestId(`waiting-${serviceB().id}`);
    await groupB.getByTestId('waiting-A-002').waitFor({ timeout: 10_000 });
    expect(await counter.getByTestId(`waiting-${serviceA().id}`).getByTestId('waiting-A-002').count()).toBe(0);
    await waitForText(counter.getByTestId('my-day-transferred'), '1');
    await screenshot('counter', 'console-transferred');

    // Call it out of turn: the reason is required (3–200 characters).
    await groupB.getByTestId('call-specific-A-002').click();
    await counter.getByTestId('reason-input').fill('x');
    await counter.getByTestId('reason-submit').click();
    await counter.locator('[data-error-for="reason"]').filter({ hasText: /3/ }).waitFor();
    await counter.getByTestId('reason-input').fill('Kembali setelah melengkapi berkas');
    await screenshot('counter', 'console-call-specific-dialog');
    await counter.getByTestId('reason-submit').click();
    await waitForText(counter.getByTestId('current-number'), 'A-002');
    await waitForText(counter.getByTestId('my-day-called'), '3');
    await waitForText(pages.display!.getByTestId(`counter-${office.counters[0]!.id}`).getByTestId('now-serving'), 'A-002', 5_000);

    // With the office's recall limit at 1, the first recall already suggests a no-show.
    const patched = await api(app!.baseUrl, 'PATCH', `/api/v1/offices/${office.officeId}`, { maxRecalls: 1 }, office.adminToken);
    expect(patched.status).toBe(200);
    expect(await counter.getByTestId('noshow-hint').isVisible()).toBe(false);
    await counter.getByTestId('recall').click();
    await counter.getByTestId('noshow-hint').waitFor();
    expect(await counter.getByTestId('no-show').getAttribute('class')).toContain('is-suggested');
    await screenshot('counter', 'console-noshow-suggested');
    await counter.keyboard.press('x');
    await waitForText(counter.getByTestId('my-day-no-show'), '1');
    expect(await counter.getByTestId('noshow-hint').isVisible()).toBe(false);

    // A break: nothing can be called until the officer resumes.
    await counter.getByTestId('pause').click();
    await waitForText(counter.getByTestId('counter-status'), 'Istirahat');
    expect(await counter.getByTestId('call-next').isDisabled()).toBe(true);
    await screenshot('counter', 'console-paused');
    await counter.getByTestId('resume').click();
    await waitForText(counter.getByTestId('counter-status'), 'Loket buka');
    expect(await counter.getByTestId('call-next').isDisabled()).toBe(false);

    expect(pageErrors).toEqual([]);
  });

  it('lets a supervisor apply the national holidays of 2026 and read the statistics', async () => {
    const supervisor = { username: `supervisor-${office.officeId.slice(0, 6)}`, password: 'supervisor-password' };
    const created = await api(app!.baseUrl, 'POST', '/api/v1/staff', { ...supervisor, role: 'supervisor', officeId: office.officeId }, office.adminToken);
    expect(created.status).toBe(201);

    const page = await openPage('supervisor', '/counter', { width: 1440, height: 960 });
    await loginToConsole(page, supervisor.username, supervisor.password);
    await page.getByTestId('nav-office').click();
    await page.getByTestId('tab-holidays').click();
    await page.getByTestId('national-year').selectOption('2026');
    await page.getByTestId('apply-national-holidays').click();
    await page.getByTestId('holiday-2026-12-25').waitFor({ timeout: 10_000 });
    await page.getByTestId('flash').waitFor();
    await screenshot('supervisor', 'backoffice-holidays', true);

    await page.getByTestId('tab-services').click();
    await page.getByTestId('service-A').waitFor();
    await screenshot('supervisor', 'backoffice-services');
    await page.getByTestId('tab-counters').click();
    await page.getByTestId(`counter-edit-${office.counters[0]!.name}`).click();
    await page.getByTestId('counter-form').waitFor();
    await screenshot('supervisor', 'backoffice-counter-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-hours').click();
    await page.getByTestId('hours-1').waitFor();
    await screenshot('supervisor', 'backoffice-hours', true);

    await page.getByTestId('nav-stats').click();
    const issued = await waitForTextMatching(page.getByTestId('stats-issued'), (text) => Number(text.replace(/\D/g, '')) >= 3, 'issued ≥ 3');
    expect(Number(issued.replace(/\D/g, ''))).toBeGreaterThanOrEqual(3);
    await page.locator('[data-testid="stats-by-hour"] svg rect.bar-issued').first().waitFor();
    // Arrival patterns: today's tickets in today's weekday row; the counter plan next to the counters open.
    const weekday = new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date())}T12:00:00Z`).getUTCDay() || 7;
    const cells = page.locator(`[data-testid^="heat-${weekday}-"]`);
    await cells.first().waitFor({ timeout: 15_000 });
    const total = (await cells.allTextContents()).reduce((n, text) => n + Number(text || 0), 0);
    expect(total).toBeGreaterThanOrEqual(3);
    await waitForTextMatching(page.getByTestId('open-now'), (text) => /Loket buka sekarang: \d+/.test(text), 'counters open now');
    await page.getByTestId('insight-staffing').waitFor();
    await screenshot('supervisor', 'stats', true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    expect(pageErrors).toEqual([]);
  });

  it('lets the admin choose the office, change its settings, add a service and read it all in English', async () => {
    const { body: detail } = await api<{ code: string }>(app!.baseUrl, 'GET', `/api/v1/offices/${office.officeId}`);
    const page = await openPage('admin', '/counter', { width: 1440, height: 960 });
    await loginToConsole(page, 'admin', E2E_ADMIN_PASSWORD);
    await page.getByTestId(`office-manage-${detail.code}`).click();
    await page.getByTestId('office-max-recalls').waitFor();

    await page.getByTestId('office-max-recalls').fill('11');
    await page.getByTestId('office-save').click();
    await page.locator('[data-error-for="maxRecalls"]').filter({ hasText: /1–10/ }).waitFor();
    await page.getByTestId('office-max-recalls').fill('3');
    await page.getByTestId('office-announcements').fill('Selamat datang di kantor kami.\nSiapkan KTP asli dan fotokopi.');
    await page.getByTestId('office-save').click();
    await page.getByTestId('flash').waitFor();
    await screenshot('admin', 'backoffice-settings', true);
    const { body: saved } = await api<{ maxRecalls: number; announcements: string[] }>(app!.baseUrl, 'GET', `/api/v1/offices/${office.officeId}`);
    expect(saved.maxRecalls).toBe(3);
    expect(saved.announcements).toEqual(['Selamat datang di kantor kami.', 'Siapkan KTP asli dan fotokopi.']);

    await page.getByTestId('tab-services').click();
    await page.getByTestId('service-add').click();
    await page.getByTestId('service-prefix').fill('c');
    await page.getByTestId('service-code').fill('akta');
    await page.getByTestId('service-form-submit').click();
    await page.locator('[data-error-for="name"]').filter({ hasText: /\S/ }).waitFor();
    await page.getByTestId('service-name').fill('Akta Kelahiran');
    await screenshot('admin', 'backoffice-service-dialog');
    await page.getByTestId('service-form-submit').click();
    await page.getByTestId('service-C').waitFor();

    await page.getByTestId('tab-staff').click();
    await page.getByTestId(`staff-${office.officer.username}`).waitFor();
    await page.locator('.lang-toggle').click();
    await waitForText(page.getByTestId('tab-services'), 'Services');
    await screenshot('admin', 'backoffice-staff-en');

    expect(pageErrors).toEqual([]);
  });

  it('signing out ends the session on the server: the token the page held is refused from then on', async () => {
    const page = await openPage('signout', '/counter', { width: 1366, height: 900 });
    await loginToConsole(page, office.officer.username, office.officer.password);
    await page.getByTestId('logout').waitFor({ timeout: 15_000 });
    const token = (JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('giliran.counter.session')")) ?? '{}') as { token?: string }).token;
    expect(token).toBeTruthy();
    expect((await api(app!.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/counters`, undefined, token)).status).toBe(200);
    await page.getByTestId('logout').click();
    await page.getByTestId('username').waitFor();
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline && (status = (await api(app!.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/counters`, undefined, token)).status) !== 401)
      await new Promise((r) => setTimeout(r, 100));
    expect(status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
