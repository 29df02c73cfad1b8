import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { SCREENSHOTS, launchChromium, waitForText, loginToConsole } from '../support/browser';

// The officer books for a citizen without a phone (assisted booking), and the supervisor
// sets the office's reminders and SMS/WhatsApp gateway in the "Notifikasi" tab.

jest.setTimeout(180_000);

describe('assisted booking and notification settings', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;
  const pageErrors: string[] = [];
  const pages: Record<string, Page> = {};

  async function openPage(name: string, path: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser!.newContext({ viewport, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
    pages[name] = page;
    await page.goto(app!.baseUrl + path);
    return page;
  }

  async function screenshot(page: string, file: string, fullPage = false): Promise<void> {
    await pages[page]?.screenshot({ path: join(SCREENSHOTS, `assisted-${file}.png`), fullPage }).catch(() => undefined);
  }

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const name of Object.keys(pages)) await screenshot(name, `${name}-final`);
    await browser?.close();
    await app?.stop();
  }, 60_000);

  const serviceA = () => office.services.find((s) => s.prefix === 'A')!;

  it('lets an officer book the first free slot of service A for a citizen and shows the code', async () => {
    const page = await openPage('officer', '/counter');
    await loginToConsole(page, office.officer.username, office.officer.password);
    await page.getByTestId('assisted-booking').click();
    const dialog = page.getByTestId('assisted-dialog');
    await dialog.waitFor();
    await page.getByTestId('assisted-service').selectOption(serviceA().id);

    // Nothing chosen yet: the form says so and books nothing.
    await page.getByTestId('assisted-slot').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('assisted-submit').click();
    await dialog
      .locator('[data-error-for="start"]')
      .filter({ hasText: /Pilih jam/ })
      .waitFor();

    const firstFree = page.locator('[data-testid="assisted-slot"]:not([disabled])').first();
    const start = await firstFree.getAttribute('data-start');
    expect(start).toBeTruthy();
    await firstFree.click();
    await page.getByTestId('assisted-name').fill('Pak Darmo');
    await page.getByTestId('assisted-nik').fill('3201010101500009');
    await screenshot('officer', 'dialog');
    await page.getByTestId('assisted-submit').click();

    const codeEl = page.getByTestId('assisted-code');
    await codeEl.waitFor({ timeout: 10_000 });
    const code = (await codeEl.textContent())?.trim() ?? '';
    expect(code).toHaveLength(8);
    await screenshot('officer', 'code');

    const list = await api<
      { code: string; start: string; citizen: { nik: string; name?: string } }[] | { items: { code: string; start: string; citizen: { nik: string } }[] }
    >(app!.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/appointments`, undefined, office.adminToken);
    expect(list.status).toBe(200);
    const items = Array.isArray(list.body) ? list.body : list.body.items;
    expect(items).toHaveLength(1);
    expect(items[0]!.citizen.nik).toBe('3201********0009');
    expect(items[0]!.code).toBe(code);
    expect(new Date(items[0]!.start).toISOString()).toBe(new Date(start!).toISOString());
    expect(pageErrors).toEqual([]);
  });

  it('lets a supervisor set the webhook and reminders, and refuses an ftp URL', async () => {
    const supervisor = { username: `spv-${office.officeId.slice(0, 6)}`, password: 'supervisor-password' };
    const created = await api(app!.baseUrl, 'POST', '/api/v1/staff', { ...supervisor, role: 'supervisor', officeId: office.officeId }, office.adminToken);
    expect(created.status).toBe(201);

    const page = await openPage('supervisor', '/counter', { width: 1440, height: 960 });
    await loginToConsole(page, supervisor.username, supervisor.password);
    await page.getByTestId('nav-office').click();
    await page.getByTestId('tab-notifications').click();
    await page.getByTestId('webhook-url').waitFor();
    await page.getByTestId('dead-letters').waitFor();
    // The server's own network is refused next to the field (API.md: URL_NOT_ALLOWED), nothing saved.
    await page.getByTestId('webhook-url').fill('http://127.0.0.1:9/hook');
    await page.getByTestId('save-notifications').click();
    await page
      .locator('[data-error-for="webhookUrl"]')
      .filter({ hasText: /loopback/ })
      .waitFor();
    await waitForText(page.locator('.form-status.is-error'), 'Alamat ini tidak diizinkan: gateway harus berada di internet, bukan di jaringan server.');
    await page.getByTestId('webhook-url').fill('https://gateway.example/hook');
    await page.getByTestId('reminder-offsets').fill('1440,60');
    await waitForText(page.getByTestId('reminder-preview'), 'Pengingat: 24 jam dan 1 jam sebelum jadwal');
    await page.getByTestId('save-notifications').click();
    await waitForText(page.getByTestId('flash'), 'Perubahan tersimpan.');
    await screenshot('supervisor', 'notifications', true);

    const settings = await api<{ webhookUrl: string | null; reminderOffsets: number[] | null; turnNearPosition: number }>(
      app!.baseUrl,
      'GET',
      `/api/v1/offices/${office.officeId}/settings`,
      undefined,
      office.adminToken,
    );
    expect(settings.status).toBe(200);
    expect(settings.body.webhookUrl).toBe('https://gateway.example/hook');
    expect(settings.body.reminderOffsets).toEqual([1440, 60]);

    // An ftp address is refused next to the field, and nothing is saved.
    await page.getByTestId('webhook-url').fill('ftp://x');
    await page.getByTestId('save-notifications').click();
    await page.locator('[data-error-for="webhookUrl"]').filter({ hasText: /http/ }).waitFor();
    await screenshot('supervisor', 'notifications-invalid');
    const after = await api<{ webhookUrl: string | null }>(app!.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/settings`, undefined, office.adminToken);
    expect(after.body.webhookUrl).toBe('https://gateway.example/hook');

    // The server says the same when the browser's check is skipped.
    const direct = await api<{ code: string }>(app!.baseUrl, 'PATCH', `/api/v1/offices/${office.officeId}`, { webhookUrl: 'ftp://x' }, office.adminToken);
    expect(direct.status).toBe(400);
    expect(direct.body.code).toBe('VALIDATION_FAILED');
    expect(pageErrors).toEqual([]);
  });
});
