import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, until } from '../support/browser';

jest.setTimeout(120_000);

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Issue #18 in a real browser: the assistant's chat panel on /book, the tracking page and the
// manage page, as a citizen on a small phone uses it — by touch, by keyboard, with a screen reader.
describe('the assistant’s chat panel', () => {
  let app: AppProcess;
  let browser: Browser;
  let office: SeededOffice;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    const ktp = office.services[0].id;
    const patched = await api(
      app.baseUrl,
      'PATCH',
      `/api/v1/offices/${office.officeId}/services/${ktp}`,
      { requirements: ['Fotokopi Kartu Keluarga', 'Surat pengantar RT/RW'] },
      office.adminToken,
    );
    expect(patched.status).toBe(200);
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  async function phone(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(app.baseUrl + path);
    return page;
  }

  const log = (page: Page) => page.locator('[data-testid="assistant"] [role="log"]');
  /** Until the conversation holds `text`. */
  const heard = (page: Page, text: string, timeout = 10_000) =>
    until(`"${text}" in the conversation`, async () => ((await log(page).textContent()) ?? '').includes(text), timeout);

  it('on /book answers a question about requirements and links to booking that service; axe finds nothing serious', async () => {
    const page = await phone(`/book?office=${office.officeId}`);
    await page.getByTestId(`service-${office.services[0].id}`).waitFor({ timeout: 15_000 });
    const opener = page.getByRole('button', { name: 'Tanya asisten' });
    expect(await opener.getAttribute('aria-expanded')).toBe('false');
    await opener.click();
    await page.locator('#chat-panel').waitFor();
    // Open, the panel closes with its own button; the corner button is out of the way.
    expect(await page.locator('.chat-open').getAttribute('aria-expanded')).toBe('true');
    // Focus is in the question field: the citizen types at once.
    const input = page.getByLabel('Pertanyaan Anda');
    expect(await page.evaluate('document.activeElement.id')).toBe('chat-input');
    await input.fill('syarat bikin ktp apa aja?');
    await input.press('Enter');
    await heard(page, 'Syarat KTP Elektronik:', 15_000);
    await heard(page, 'Fotokopi Kartu Keluarga');

    const panel = page.locator('#chat-panel');
    await page.evaluate(AXE_SOURCE);
    const findings = await page.evaluate(`(async () => {
      const r = await window.axe.run(document.getElementById('chat-panel'), { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    })()`);
    expect(findings).toEqual([]);
    // Every target is at least 44 px high.
    for (const target of await panel.locator('button, a, input').all()) expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    await page.getByRole('link', { name: 'Booking KTP Elektronik' }).click();
    await page.waitForURL(`**/book?office=${office.officeId}&service=${office.services[0].id}`);
    await page.getByRole('heading', { name: 'Pilih hari' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid^="day-"]:not([disabled])').first().waitFor({ timeout: 15_000 });
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });

  it('is used by keyboard alone: suggested questions are buttons, Escape closes and gives focus back', async () => {
    const page = await phone(`/book?office=${office.officeId}`);
    const opener = page.getByRole('button', { name: 'Tanya asisten' });
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Jam berapa buka?' }).focus();
    await page.keyboard.press('Enter');
    await heard(page, '00:00–24:00', 15_000);
    await page.keyboard.press('Escape');
    expect(await page.locator('#chat-panel').isHidden()).toBe(true);
    expect(await page.evaluate('document.activeElement.className')).toBe('chat-open');
  });

  it('on the tracking page answers the citizen’s own ticket; at 200 % text the panel still fits the phone', async () => {
    const ticket = await api<{ number: string; trackingToken: string }>(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, {
      serviceId: office.services[0].id,
    });
    const page = await phone(`/kiosk/track/${ticket.body.trackingToken}`);
    // 200 % text, as a phone's accessibility setting gives it (set through the CSSOM: the page's CSP refuses inline style).
    await page.evaluate("document.documentElement.style.setProperty('font-size', '36px', 'important')");
    await page.getByRole('button', { name: 'Tanya asisten' }).click();
    await page.getByRole('button', { name: 'Kapan giliran saya?' }).click();
    await heard(page, `Tiket ${ticket.body.number}`, 15_000);
    // The question field, Send and Close stay on the screen: only the conversation scrolls.
    const width = await page.evaluate<number>('document.documentElement.clientWidth');
    const height = await page.evaluate<number>('window.innerHeight');
    const targets = [
      page.getByRole('button', { name: 'Kirim', exact: true }),
      page.getByRole('button', { name: 'Tutup', exact: true }),
      page.getByLabel('Pertanyaan Anda'),
    ];
    for (const target of targets) {
      const box = (await target.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(height);
    }
  });

  it('on the manage page answers the citizen’s own booking; offline, it says so and keeps the question', async () => {
    const days = await api<{ days: { slots: { start: string; remaining: number }[] }[] }>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${office.officeId}/services/${office.services[0].id}/availability?from=${jakartaDate(1)}&to=${jakartaDate(3)}`,
    );
    const slot = days.body.days.flatMap((d) => d.slots).find((s) => s.remaining > 0)!;
    const booked = await api<{ code: string; manageToken: string }>(app.baseUrl, 'POST', '/api/v1/appointments', {
      officeId: office.officeId,
      serviceId: office.services[0].id,
      start: slot.start,
      citizen: { name: 'Warga Uji', nik: '3201011505900001' },
    });
    expect(booked.status).toBe(201);
    const page = await phone(`/manage/${booked.body.manageToken}`);
    await page.getByRole('button', { name: 'Tanya asisten' }).click();
    await page.getByRole('button', { name: 'Status booking saya?' }).click();
    await heard(page, `Booking ${booked.body.code}`, 15_000);
    expect(await log(page).innerText()).not.toContain('Warga Uji');

    await page.context().setOffline(true);
    const input = page.getByLabel('Pertanyaan Anda');
    await input.fill('jam buka');
    await input.press('Enter');
    await heard(page, 'Tidak terhubung', 15_000);
    expect(await input.inputValue()).toBe('jam buka');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Kirim' }).click();
    await heard(page, 'Hari ini', 15_000);
  });
});

function jakartaDate(plusDays: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}
