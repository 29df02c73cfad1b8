import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { api, freshEnvironment, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, loginToConsole, waitForText } from '../support/browser';

/**
 * Issue 14, tried as the people in the hall: a kiosk says the office is closed and when it opens
 * before anyone taps; every citizen starts in the office's language; the near-turn message may be
 * asked for at the kiosk; the tracking page says, sounds and notifies "your turn is near".
 */
jest.setTimeout(120_000);

describe('what citizens are told, in a real browser', () => {
  let app: AppProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp({ env: { ...(await freshEnvironment('told')), ALLOW_PRIVATE_WEBHOOKS: 'true' } });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  }, 60_000);
  afterEach(() => expect(pageErrors).toEqual([]));

  async function open(path: string, viewport = { width: 1080, height: 1920 }, permissions: string[] = []): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'id-ID', permissions });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(app.baseUrl + path);
    return page;
  }
  const asAdmin = (o: SeededOffice, method: string, path: string, body?: unknown) => api(app.baseUrl, method, `/api/v1${path}`, body, o.adminToken);

  it('a closed office says so, and when it opens, before anyone taps', async () => {
    const o = await seedOffice(app.baseUrl);
    // Open only on the weekday two days from now (in the office's zone): closed today, whatever the hour.
    const jakartaWeekday =
      ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(
        new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Jakarta', weekday: 'short' }).format(new Date()),
      ) + 1;
    const openDay = ((jakartaWeekday + 1) % 7) + 1;
    expect((await asAdmin(o, 'PUT', `/offices/${o.officeId}/opening-hours`, { week: [{ weekday: openDay, open: '08:00', close: '15:00' }] })).status).toBe(200);

    const kiosk = await open(`/kiosk?office=${o.officeId}`);
    await kiosk.getByTestId('closed').waitFor({ timeout: 15_000 });
    const opens = (await kiosk.getByTestId('opens-at').textContent())!;
    expect(opens).toMatch(/^Buka lagi .+ pukul 08[.:]00 WIB$/);
    expect(await kiosk.locator('.hours-row').count()).toBe(7);
    expect(await kiosk.locator('.hours-row dd', { hasText: 'Tutup' }).count()).toBe(6);
    expect(await kiosk.locator('.hours-row dd', { hasText: '08:00–15:00' }).count()).toBe(1);
    // Nothing to tap that would only then say "closed".
    expect(await kiosk.getByTestId(`service-${o.services[0].id}`).count()).toBe(0);
  });

  it('every citizen starts in the office’s language: after “Selesai” and after a reboot', async () => {
    const o = await seedOffice(app.baseUrl);
    const kiosk = await open(`/kiosk?office=${o.officeId}`);
    const service = kiosk.getByTestId(`service-${o.services[0].id}`);
    await service.waitFor({ timeout: 15_000 });
    expect(await kiosk.evaluate('document.documentElement.lang')).toBe('id');
    // A portrait kiosk (1080 × 1920): the services and the check-in sit below the top third, in
    // reach from a wheelchair.
    for (const control of [service, kiosk.getByTestId('check-in')]) expect((await control.boundingBox())!.y).toBeGreaterThan(1920 / 3);
    await kiosk.locator('.lang-toggle').click();
    expect(await kiosk.evaluate('document.documentElement.lang')).toBe('en');
    await service.click();
    await kiosk.getByTestId('ticket-number').waitFor();
    await kiosk.getByTestId('done').click();
    await service.waitFor();
    expect(await kiosk.evaluate('document.documentElement.lang')).toBe('id');
    await waitForText(kiosk.locator('h1.title'), 'Pilih layanan');

    // The last citizen's English survives in storage; a reboot starts in Indonesian all the same.
    await kiosk.locator('.lang-toggle').click();
    expect(await kiosk.evaluate('document.documentElement.lang')).toBe('en');
    await kiosk.reload();
    await service.waitFor({ timeout: 15_000 });
    expect(await kiosk.evaluate('document.documentElement.lang')).toBe('id');
  });

  it('the kiosk offers the near-turn message when the office sends them: a phone number with its consent line', async () => {
    const o = await seedOffice(app.baseUrl);
    const kiosk = await open(`/kiosk?office=${o.officeId}`);
    await kiosk.getByTestId(`service-${o.services[0].id}`).waitFor({ timeout: 15_000 });
    // No gateway: nothing offered.
    expect(await kiosk.getByTestId('sms').count()).toBe(0);

    expect((await asAdmin(o, 'PATCH', `/offices/${o.officeId}`, { webhookUrl: 'http://127.0.0.1:9/gateway' })).status).toBe(200);
    await kiosk.reload();
    await kiosk.getByTestId('sms').click();
    expect(await kiosk.getByTestId('sms').getAttribute('aria-checked')).toBe('true');
    await kiosk.getByTestId(`service-${o.services[0].id}`).click();
    await kiosk.getByTestId('phone-form').waitFor();
    expect(await kiosk.getByTestId('phone-consent').textContent()).toContain('dihapus di akhir hari');
    await kiosk.getByTestId('phone').fill('123');
    await kiosk.getByTestId('phone-submit').click();
    await kiosk.getByRole('alert').filter({ hasText: 'Periksa nomor ponsel' }).waitFor();

    const sent = kiosk.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/offices/${o.officeId}/tickets`));
    await kiosk.getByTestId('phone').fill('0812 3456 7890');
    await kiosk.getByTestId('phone-submit').click();
    expect((await sent).postDataJSON()).toEqual(expect.objectContaining({ serviceId: o.services[0].id, phone: '081234567890' }));
    await kiosk.getByTestId('ticket-number').waitFor();
    // The next citizen starts without it.
    await kiosk.getByTestId('done').click();
    expect(await kiosk.getByTestId('sms').getAttribute('aria-checked')).toBe('false');
  });

  it('the tracking page shows and notifies “your turn is near” (ticket.near), and promises no wait while no counter is open', async () => {
    const o = await seedOffice(app.baseUrl);
    const tickets: { id: string; trackingToken: string; number: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await api<{ id: string; trackingToken: string; number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${o.officeId}/tickets`, {
        serviceId: o.services[0].id,
      });
      tickets.push(r.body);
    }
    const phone = await open(`/kiosk/track/${tickets[3].trackingToken}`, { width: 360, height: 800 }, ['notifications']);
    // Record notifications the page raises (the browser shows none headless).
    await phone.evaluate(`(() => {
      const shown = (window.shown = []);
      const Real = window.Notification;
      class Recording extends Real {
        constructor(title, options) {
          super(title, options);
          shown.push({ title, body: options && options.body });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recording });
    })()`);
    await waitForText(phone.getByTestId('position'), 'Antrean ke-4');
    await phone.getByTestId('wait').filter({ hasText: 'Loket belum buka' }).waitFor();
    await phone.getByTestId('notify-on').waitFor();

    const login = await api<{ accessToken: string }>(app.baseUrl, 'POST', '/api/v1/auth/login', o.officer);
    const counter = o.counters[0].id;
    await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/open`, undefined, login.body.accessToken);
    await api(app.baseUrl, 'POST', `/api/v1/counters/${counter}/call-next`, undefined, login.body.accessToken);

    await phone.getByTestId('near').waitFor({ timeout: 10_000 });
    expect(await phone.getByTestId('near').textContent()).toContain('Giliran Anda sebentar lagiTinggal 2 antrean di depan Anda');
    await waitForText(phone.getByTestId('position'), 'Antrean ke-3');
    const shown = await phone.evaluate<{ title: string; body?: string }[]>('window.shown');
    expect(shown).toEqual([expect.objectContaining({ title: 'Giliran Anda sebentar lagi', body: expect.stringContaining(tickets[3].number) })]);
    expect(await phone.getByTestId('wait').textContent()).toMatch(/menit|Segera/);
  });

  /** Whether anything on the page reaches past its right edge, or any text box is cut. */
  const OVERFLOW = `(() => {
    const width = document.documentElement.clientWidth;
    const sideways = document.documentElement.scrollWidth > width + 1;
    const cut = [...document.querySelectorAll('main *, .ticket *')]
      .filter((el) => el.children.length === 0 && !el.closest('.sr-only') && el.textContent.trim() && getComputedStyle(el).overflow !== 'visible' && el.scrollWidth > el.clientWidth + 1)
      .map((el) => (el.getAttribute('data-testid') || el.className || el.tagName) + ': ' + el.textContent.trim().slice(0, 30));
    const outside = [...document.querySelectorAll('main *, .ticket *')]
      .filter((el) => { const r = el.getBoundingClientRect(); return !el.closest('.sr-only') && r.width > 0 && r.right > width + 1; })
      .map((el) => (el.getAttribute('data-testid') || el.className || el.tagName));
    return { sideways, cut, outside: outside.slice(0, 5) };
  })()`;
  const at200 = (page: Page) => page.evaluate("document.documentElement.style.fontSize = '200%'");

  it('at 200 % text: the tracking number whole, /book and the kiosk without sideways scrolling', async () => {
    const o = await seedOffice(app.baseUrl);
    const t = await api<{ trackingToken: string; number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${o.officeId}/tickets`, {
      serviceId: o.services[0].id,
    });
    const phone = await open(`/kiosk/track/${t.body.trackingToken}`, { width: 360, height: 800 });
    await waitForText(phone.getByTestId('ticket-number'), t.body.number);
    await at200(phone);
    expect(await phone.evaluate(OVERFLOW)).toEqual({ sideways: false, cut: [], outside: [] });

    const book = await open(`/book?office=${o.officeId}`, { width: 360, height: 800 });
    await book.getByTestId(`service-${o.services[0].id}`).waitFor({ timeout: 15_000 });
    await at200(book);
    expect(await book.evaluate(OVERFLOW)).toEqual({ sideways: false, cut: [], outside: [] });
    await book.getByTestId(`service-${o.services[0].id}`).click();
    const day = book.locator('[data-testid^="day-"]:not([disabled])').first();
    await day.waitFor({ timeout: 15_000 });
    expect(await book.evaluate(OVERFLOW)).toEqual({ sideways: false, cut: [], outside: [] });
    await day.click();
    const slot = book.locator('[data-testid^="slot-"]:not([disabled])').last();
    await slot.waitFor();
    expect(await book.evaluate(OVERFLOW)).toEqual({ sideways: false, cut: [], outside: [] });
    await slot.click();
    await book.getByTestId('name').waitFor();
    expect(await book.evaluate(OVERFLOW)).toEqual({ sideways: false, cut: [], outside: [] });

    const kiosk = await open(`/kiosk?office=${o.officeId}`, { width: 1080, height: 1920 });
    await kiosk.getByTestId(`service-${o.services[0].id}`).waitFor({ timeout: 15_000 });
    await at200(kiosk);
    expect(await kiosk.evaluate(OVERFLOW)).toEqual({ sideways: false, cut: [], outside: [] });
  });

  it('prints the ticket on 58 and 80 mm paper with nothing cut', async () => {
    const o = await seedOffice(app.baseUrl);
    await asAdmin(o, 'PATCH', `/offices/${o.officeId}/services/${o.services[0].id}`, { requirements: ['KTP asli', 'Fotokopi Kartu Keluarga'] });
    await asAdmin(o, 'PATCH', `/offices/${o.officeId}`, { address: 'Jl. Merdeka No. 1, Bandung', phone: '+62 22 555 0100' });
    for (const mm of [80, 58] as const) {
      expect((await asAdmin(o, 'PATCH', `/offices/${o.officeId}`, { ticketPaperMm: mm })).status).toBe(200);
      const kiosk = await open(`/kiosk?office=${o.officeId}`, { width: 1080, height: 1920 });
      await kiosk.getByTestId(`service-${o.services[0].id}`).click({ timeout: 15_000 });
      await kiosk.getByTestId('ticket-number').waitFor();
      await kiosk.locator('[data-testid="qr"] svg').waitFor({ timeout: 10_000 });
      expect(await kiosk.getByTestId('ticket-requirements').textContent()).toContain('KTP asli');
      // The paper's width in CSS pixels (96 per inch).
      await kiosk.setViewportSize({ width: Math.floor((mm / 25.4) * 96), height: 1200 });
      await kiosk.emulateMedia({ media: 'print' });
      expect({ mm, ...(await kiosk.evaluate<object>(OVERFLOW)) }).toEqual({ mm, sideways: false, cut: [], outside: [] });
      const number = await kiosk.evaluate(
        `(() => { const el = document.querySelector('[data-testid="ticket-number"]'); return { whole: el.scrollWidth <= el.clientWidth + 1, text: el.textContent }; })()`,
      );
      expect(number).toEqual({ whole: true, text: expect.stringMatching(/^A-\d{3}$/) });
    }
  });

  it('the back office sets what citizens are told: contact, paper, automatic printing, documents, check-in window, order', async () => {
    const o = await seedOffice(app.baseUrl);
    const { body: detail } = await api<{ code: string }>(app.baseUrl, 'GET', `/api/v1/offices/${o.officeId}`);
    const page = await open('/counter', { width: 1366, height: 900 });
    await loginToConsole(page, 'admin', 'e2e-admin-password');
    await page.getByTestId(`office-manage-${detail.code}`).click({ timeout: 15_000 });
    await page.getByTestId('office-address').fill('Jl. Merdeka No. 1, Bandung');
    await page.getByTestId('office-phone').fill('+62 22 555 0100');
    await page.getByTestId('office-map-url').fill('https://maps.example.org/?q=bandung');
    await page.getByTestId('office-paper').selectOption('58');
    await page.getByTestId('office-auto-print').selectOption('true');
    await page.getByTestId('office-target-wait').fill('20');
    await page.getByTestId('office-save').click();
    await page.getByTestId('flash').waitFor();
    const office = await asAdmin(o, 'GET', `/offices/${o.officeId}`);
    expect(office.body).toEqual(
      expect.objectContaining({
        address: 'Jl. Merdeka No. 1, Bandung',
        phone: '+62 22 555 0100',
        mapUrl: 'https://maps.example.org/?q=bandung',
        ticketPaperMm: 58,
        autoPrint: true,
        targetWaitMinutes: 20,
      }),
    );

    await page.getByTestId('tab-services').click();
    await page.getByTestId('service-edit-A').click();
    await page.getByTestId('service-requirements').fill('KTP asli\nKartu Keluarga\n');
    await page.getByTestId('service-check-in-before').fill('45');
    await page.getByTestId('service-check-in-after').fill('10');
    await page.getByTestId('service-expected').fill('7');
    await page.getByTestId('service-sort-order').fill('-1');
    await page.getByTestId('service-form-submit').click();
    await page.getByTestId('service-form').waitFor({ state: 'detached' });
    const service = await asAdmin(o, 'GET', `/offices/${o.officeId}/services/${o.services.find((s) => s.prefix === 'A')!.id}`);
    expect(service.body).toEqual(
      expect.objectContaining({
        requirements: ['KTP asli', 'Kartu Keluarga'],
        checkInBeforeMinutes: 45,
        checkInAfterMinutes: 10,
        expectedServiceMinutes: 7,
        sortOrder: -1,
      }),
    );

    // The Indonesian back office says where the national holidays come from in Indonesian.
    await page.getByTestId('tab-holidays').click();
    const source = (await page.getByTestId('holiday-source').textContent({ timeout: 15_000 }))!;
    expect(source).toContain('diumumkan');
    expect(source).not.toContain('announced');
  });

  it('the back office keeps an office open until midnight (24:00), which a time field cannot hold', async () => {
    const o = await seedOffice(app.baseUrl);
    const { body: detail } = await api<{ code: string }>(app.baseUrl, 'GET', `/api/v1/offices/${o.officeId}`);
    const page = await open('/counter', { width: 1366, height: 900 });
    await loginToConsole(page, 'admin', 'e2e-admin-password');
    await page.getByTestId(`office-manage-${detail.code}`).click({ timeout: 15_000 });
    await page.getByTestId('tab-hours').click();
    await page.getByTestId('hours-1').waitFor();
    await page.getByTestId('hours-5-open').check();
    await page.getByTestId('hours-5-from').fill('16:00');
    await page.getByTestId('hours-5-midnight').check();
    await waitForText(page.getByTestId('hours-5-to'), '24:00');
    await page.getByTestId('hours-save').click();
    await page.getByTestId('flash').waitFor();
    const saved = await asAdmin(o, 'GET', `/offices/${o.officeId}/opening-hours`);
    expect((saved.body as { week: { weekday: number; open: string; close: string }[] }).week).toEqual(
      expect.arrayContaining([expect.objectContaining({ weekday: 5, open: '16:00', close: '24:00' })]),
    );
    // Read back after a reload: still "until midnight"; unticked, an ordinary closing time again.
    await page.reload();
    await page.getByTestId('tab-hours').click();
    await waitForText(page.getByTestId('hours-5-to'), '24:00');
    expect(await page.getByTestId('hours-5-midnight').isChecked()).toBe(true);
    await page.getByTestId('hours-5-midnight').uncheck();
    expect(await page.getByTestId('hours-5-to').getAttribute('type')).toBe('time');
  });

  it("the console spells out the counter's own call order, and call-next follows it", async () => {
    const o = await seedOffice(app.baseUrl);
    const [a, b] = o.services;
    const counter = o.counters[0];
    // This counter serves B before A.
    expect((await asAdmin(o, 'PATCH', `/offices/${o.officeId}/counters/${counter.id}`, { serviceIds: [b.id, a.id] })).status).toBe(200);
    for (const [serviceId, priority] of [
      [a.id, 'regular'],
      [b.id, 'regular'],
      [a.id, 'priority'],
    ])
      expect((await asAdmin(o, 'POST', `/offices/${o.officeId}/tickets`, { serviceId, priority, channel: 'staff' })).status).toBe(201);
    const page = await open('/counter', { width: 1366, height: 768 });
    await loginToConsole(page, o.officer.username, o.officer.password);
    const select = page.getByTestId('counter-select');
    await select.locator(`option[value="${counter.id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await select.selectOption(counter.id);
    await page.getByTestId('open').click();
    const order = page.getByTestId('next-up').locator('li .ticket-no');
    await page.getByTestId('next-A-001').waitFor({ timeout: 10_000 });
    expect(await order.allTextContents()).toEqual(['A-002', 'B-001', 'A-001']);
    // The first call by button, then the officer's Enter ("Selesai & panggil berikutnya").
    await page.getByTestId('call-next').click();
    for (const [i, expected] of ['A-002', 'B-001', 'A-001'].entries()) {
      if (i > 0) {
        // Past the console's lock-out of a second Enter right after a call (1.5 s).
        await page.waitForTimeout(1_600);
        await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur()');
        await page.keyboard.press('Enter');
      }
      await waitForText(page.getByTestId('current-number'), expected);
      await page.getByTestId(`next-${expected}`).waitFor({ state: 'detached', timeout: 5_000 });
    }
  });

  it('a welcome line longer than a 1280 × 720 display runs across it instead of ending in "…"', async () => {
    const o = await seedOffice(app.baseUrl);
    const long = 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Bandung Barat, Unit Pelayanan Terpadu Kecamatan Padalarang';
    expect((await asAdmin(o, 'PATCH', `/offices/${o.officeId}`, { name: long })).status).toBe(200);
    const display = await open(`/display?office=${o.officeId}`, { width: 1280, height: 720 });
    const ticker = display.getByTestId('announcements');
    await ticker.filter({ hasText: long }).waitFor({ timeout: 15_000 });
    await display.locator('.ticker-track.scrolling').waitFor({ timeout: 5_000 });
    expect(await ticker.getAttribute('class')).not.toContain('is-still');
  });
});
