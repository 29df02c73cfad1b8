import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { SCREENSHOTS, launchChromium, until, waitForText } from '../support/browser';
import { type AltchaChallenge, solveAltcha } from '../support/altcha';

// Issue #4 end to end in a real browser: a citizen books on a phone, opens the manage link,
// checks in at the kiosk with the code and is called before two earlier walk-ins; another
// booking is cancelled from its manage page; a slot that fills up meanwhile is explained.

jest.setTimeout(180_000);

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const KIOSK = { viewport: { width: 1080, height: 1400 } };
const NAME = 'Siti Aminah';
const NIK = '3201015505900001';

async function waitForAttribute(locator: Locator, name: string, value: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.getAttribute(name, { timeout: Math.max(1, deadline - Date.now()) }).catch(() => null);
    if (last === value) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${name}="${value}" but saw "${last}" on ${locator.toString()}`);
}

/** Today's business date of an office in `timeZone`. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A valid NIK (Bandung region, born 1 Jan 1990) with its own serial, for bookings made over HTTP. */
const nikWithSerial = (serial: number) => `320101010190${String(serial).padStart(4, '0')}`;

describe('booking online and checking in at the kiosk', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;
  const pageErrors: string[] = [];
  const pages: Record<string, Page> = {};

  async function openContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
    return browser!.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', ...options });
  }

  async function openPage(context: BrowserContext, name: string, path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
    page.on('console', (msg) => {
      // A 4xx the page expects (a full slot, a wrong code) is logged by Chromium as a failed resource; that is fine.
      if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) pageErrors.push(`${name}: ${msg.text()}`);
    });
    pages[name] = page;
    await page.goto(app!.baseUrl + path);
    return page;
  }

  async function screenshot(name: string, file: string, fullPage = false): Promise<void> {
    await pages[name]?.screenshot({ path: join(SCREENSHOTS, `booking-${file}.png`), fullPage }).catch(() => undefined);
  }

  /** Picks the first free slot of the first open day; a slot starting in the next 20 s is left, it would be gone by the time the form is sent. */
  async function pickFirstSlot(page: Page): Promise<{ date: string; start: string }> {
    const day = page.locator('[data-testid^="day-"]:not([disabled])').first();
    await day.waitFor({ timeout: 15_000 });
    const date = (await day.getAttribute('data-testid'))!.slice('day-'.length);
    await day.click();
    const slots = page.locator('[data-testid^="slot-"]:not([disabled])');
    await slots.first().waitFor();
    for (const slot of await slots.all()) {
      const start = (await slot.getAttribute('data-testid'))!.slice('slot-'.length);
      if (Date.parse(start) - Date.now() > 20_000) {
        await slot.click();
        return { date, start };
      }
    }
    throw new Error('no free slot far enough ahead');
  }

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  }, 60_000);

  it('books on a phone, checks in at the kiosk and is called before two earlier walk-ins', async () => {
    const serviceA = office.services.find((s) => s.prefix === 'A')!;
    const counter1 = office.counters[0]!;
    const base = app!.baseUrl;
    try {
      // (a) The citizen books on a phone.
      const phoneContext = await openContext(PHONE);
      const bookingRequests: Record<string, string>[] = [];
      phoneContext.on('request', (req) => {
        if (req.method() === 'POST' && req.url().endsWith('/api/v1/appointments')) bookingRequests.push(req.headers());
      });
      const phone = await openPage(phoneContext, 'phone', `/book?office=${encodeURIComponent(office.officeId)}`);
      const serviceButton = phone.getByTestId(`service-${serviceA.id}`);
      await serviceButton.waitFor({ timeout: 15_000 });
      await screenshot('phone', 'service');
      await serviceButton.click();
      await phone.locator('[data-testid^="day-"]:not([disabled])').first().waitFor({ timeout: 15_000 });
      await screenshot('phone', 'days');
      const firstDay = await phone.locator('[data-testid^="day-"]:not([disabled])').first().getAttribute('data-testid');
      // Today, unless the test runs in the last quarter hour of a day in Jakarta.
      const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
      expect([`day-${todayIn('Asia/Jakarta')}`, `day-${tomorrow}`]).toContain(firstDay);
      const picked = await pickFirstSlot(phone);
      await screenshot('phone', 'details');
      await phone.getByTestId('name').fill(NAME);
      await phone.getByTestId('nik').fill(NIK);
      await screenshot('phone', 'details-filled');
      await phone.getByTestId('submit').click();

      const codeEl = phone.getByTestId('booking-code');
      await codeEl.waitFor({ timeout: 15_000 });
      const code = (await codeEl.textContent())!.trim();
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      expect(bookingRequests).toHaveLength(1);
      expect(bookingRequests[0]!['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
      await phone.locator('[data-testid="booking-qr"] svg').waitFor({ timeout: 10_000 });
      const manageHref = (await phone.getByTestId('manage-link').getAttribute('href'))!;
      expect(manageHref.startsWith(`${new URL(base).origin}/manage/`)).toBe(true);
      const manageToken = decodeURIComponent(manageHref.split('/manage/')[1]!);
      expect(await phone.getByTestId('calendar-link').getAttribute('href')).toBe(`/api/v1/appointments/${encodeURIComponent(manageToken)}/calendar.ics`);
      const ics = await fetch(`${base}/api/v1/appointments/${encodeURIComponent(manageToken)}/calendar.ics`);
      expect(ics.status).toBe(200);
      expect(ics.headers.get('content-type')).toContain('text/calendar');
      expect(await ics.text()).toContain('BEGIN:VEVENT');
      await screenshot('phone', 'confirmation');
      await screenshot('phone', 'confirmation-full', true);

      // (b) The manage link shows the booking, NIK masked, and opening it changed nothing.
      const manage = await openPage(phoneContext, 'manage', new URL(manageHref).pathname);
      await waitForAttribute(manage.getByTestId('manage-status'), 'data-status', 'booked');
      await waitForText(manage.getByTestId('citizen-nik'), '3201********0001');
      await waitForText(manage.getByTestId('citizen-name'), NAME);
      expect((await manage.getByTestId('booking-code').textContent())!.trim()).toBe(code);
      const afterOpen = await api<{ status: string; start: string }>(base, 'GET', `/api/v1/appointments/${encodeURIComponent(manageToken)}`);
      expect(afterOpen.body).toMatchObject({ status: 'booked', start: new Date(picked.start).toISOString() });
      await screenshot('manage', 'manage');
      await screenshot('manage', 'manage-full', true);

      // (c) Two walk-ins for service A come first.
      const walkIns: string[] = [];
      for (let i = 0; i < 2; i++) {
        const r = await api<{ number: string }>(base, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: serviceA.id });
        expect(r.status).toBe(201);
        walkIns.push(r.body.number);
      }

      // (d) At the kiosk: a wrong code is explained, then the real one typed on the on-screen keyboard.
      const kioskContext = await openContext(KIOSK);
      const kiosk = await openPage(kioskContext, 'kiosk', `/kiosk?office=${encodeURIComponent(office.officeId)}`);
      const checkInButton = kiosk.getByTestId('check-in');
      await checkInButton.waitFor({ timeout: 15_000 });
      await screenshot('kiosk', 'kiosk-start');
      await checkInButton.click();
      const codeInput = kiosk.getByTestId('code-input');
      await codeInput.waitFor();
      await codeInput.fill('abcd-efgh');
      expect(await codeInput.inputValue()).toBe('ABCD EFGH');
      await kiosk.getByTestId('check-in-submit').click();
      await kiosk
        .getByTestId('check-in-error')
        .filter({ hasText: /tidak ditemukan/ })
        .waitFor({ timeout: 10_000 });
      await screenshot('kiosk', 'kiosk-not-found');
      for (let i = 0; i < 8; i++) await kiosk.getByTestId('key-back').click();
      expect(await codeInput.inputValue()).toBe('');
      for (const c of code) await kiosk.getByTestId(`key-${c}`).click();
      expect(await codeInput.inputValue()).toBe(`${code.slice(0, 4)} ${code.slice(4)}`);
      await screenshot('kiosk', 'kiosk-code');
      await kiosk.getByTestId('check-in-submit').click();
      const numberEl = kiosk.getByTestId('ticket-number');
      await numberEl.waitFor({ timeout: 10_000 });
      const checkedInNumber = (await numberEl.textContent())!.trim();
      expect(walkIns).not.toContain(checkedInNumber);
      expect(checkedInNumber).toMatch(/^A-\d{3}$/);
      await waitForText(kiosk.getByTestId('position'), 'Anda berikutnya');
      await kiosk.locator('[data-testid="qr"] svg').waitFor({ timeout: 10_000 });
      await screenshot('kiosk', 'kiosk-ticket');
      const trackingLink = (await kiosk.getByTestId('tracking-link').textContent())!.trim();

      // The tracking page (socket.io now loads after its first paint) follows the call live.
      const tracking = await openPage(phoneContext, 'tracking', new URL(trackingLink).pathname);
      await waitForText(tracking.getByTestId('ticket-number'), checkedInNumber);
      await tracking.getByTestId('offline').waitFor({ state: 'hidden' });

      // (e) The officer calls next: the checked-in citizen, before the two earlier walk-ins.
      const login = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', office.officer);
      expect(login.status).toBe(200);
      const token = login.body.accessToken;
      const opened = await api(base, 'POST', `/api/v1/counters/${counter1.id}/open`, undefined, token);
      expect(opened.status).toBeLessThan(300);
      const called = await api<{ ticket: { number: string } }>(base, 'POST', `/api/v1/counters/${counter1.id}/call-next`, undefined, token);
      expect(called.status).toBe(200);
      expect(called.body.ticket.number).toBe(checkedInNumber);

      await tracking.getByTestId('go-to').filter({ hasText: counter1.name }).waitFor({ timeout: 10_000 });
      await screenshot('tracking', 'tracking-called');
      await manage.reload();
      await waitForAttribute(manage.getByTestId('manage-status'), 'data-status', 'checked_in');
      await screenshot('manage', 'manage-checked-in');

      expect(pageErrors).toEqual([]);
    } finally {
      for (const name of Object.keys(pages)) await screenshot(name, `${name}-final`);
    }
  });

  it('cancels a booking from its manage page after a confirmation', async () => {
    const serviceB = office.services.find((s) => s.prefix === 'B')!;
    const base = app!.baseUrl;
    const availability = await api<{ days: { slots: { start: string; remaining: number }[] }[] }>(
      base,
      'GET',
      `/api/v1/offices/${office.officeId}/services/${serviceB.id}/availability?from=${todayIn('Asia/Jakarta')}&to=${todayIn('Asia/Jakarta')}`,
    );
    const days = availability.body.days.filter((d) => d.slots.length > 0);
    // A slot an hour or more ahead, or tomorrow's first.
    const slot = days[0]?.slots.find((s) => Date.parse(s.start) > Date.now() + 3_600_000) ?? days[0]?.slots.at(-1);
    let start = slot?.start;
    if (!start) {
      const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
      const next = await api<{ days: { slots: { start: string }[] }[] }>(
        base,
        'GET',
        `/api/v1/offices/${office.officeId}/services/${serviceB.id}/availability?from=${tomorrow}&to=${tomorrow}`,
      );
      start = next.body.days[0]!.slots[0]!.start;
    }
    const booked = await api<{ manageToken: string; code: string }>(base, 'POST', '/api/v1/appointments', {
      officeId: office.officeId,
      serviceId: serviceB.id,
      start,
      citizen: { name: 'Budi Santoso', nik: nikWithSerial(7), phone: '0812 3456 7890' },
      locale: 'id',
    });
    expect(booked.status).toBe(201);

    const context = await openContext(PHONE);
    const manage = await openPage(context, 'cancel', `/manage/${encodeURIComponent(booked.body.manageToken)}`);
    try {
      await waitForAttribute(manage.getByTestId('manage-status'), 'data-status', 'booked', 15_000);

      // Reschedule first: another day, its first free time.
      await manage.getByTestId('reschedule').click();
      const otherDay = manage.locator('[data-testid^="day-"]:not([disabled])').nth(1);
      await otherDay.waitFor({ timeout: 15_000 });
      await otherDay.click();
      const newSlot = manage.locator('[data-testid^="slot-"]:not([disabled])').first();
      await newSlot.waitFor();
      const newStart = (await newSlot.getAttribute('data-testid'))!.slice('slot-'.length);
      await newSlot.click();
      await screenshot('cancel', 'reschedule-confirm');
      await manage.getByTestId('confirm-reschedule').click();
      await manage
        .getByTestId('notice')
        .filter({ hasText: /berhasil diubah/ })
        .waitFor({ timeout: 10_000 });
      await waitForAttribute(manage.getByTestId('manage-status'), 'data-status', 'booked');
      const moved = await api<{ start: string; status: string }>(base, 'GET', `/api/v1/appointments/${encodeURIComponent(booked.body.manageToken)}`);
      expect(moved.body).toMatchObject({ status: 'booked', start: newStart });
      await screenshot('cancel', 'rescheduled');

      await manage.getByTestId('cancel').click();
      await manage.getByTestId('confirm-cancel').waitFor();
      await screenshot('cancel', 'cancel-dialog');
      await manage.getByTestId('confirm-cancel').click();
      await waitForAttribute(manage.getByTestId('manage-status'), 'data-status', 'cancelled');
      await waitForText(manage.getByTestId('manage-status'), 'Dibatalkan');
      await screenshot('cancel', 'cancelled');
      const after = await api<{ status: string }>(base, 'GET', `/api/v1/appointments/${encodeURIComponent(booked.body.manageToken)}`);
      expect(after.body.status).toBe('cancelled');
      // No more buttons that could change it.
      expect(await manage.getByTestId('cancel').count()).toBe(0);
      expect(await manage.getByTestId('reschedule').count()).toBe(0);

      // The same page in English.
      await manage.locator('.lang-toggle').click();
      await waitForText(manage.getByTestId('manage-status'), 'Cancelled');
      await screenshot('cancel', 'cancelled-en');
      expect(pageErrors).toEqual([]);
    } finally {
      await screenshot('cancel', 'cancel-final');
    }
  });

  it('explains a slot that filled up while the form was being filled, and goes back to a fresh slot list', async () => {
    const serviceB = office.services.find((s) => s.prefix === 'B')!;
    const base = app!.baseUrl;
    const context = await openContext(PHONE);
    const phone = await openPage(context, 'full', `/book?office=${encodeURIComponent(office.officeId)}`);
    try {
      await phone.getByTestId(`service-${serviceB.id}`).click({ timeout: 15_000 });
      const picked = await pickFirstSlot(phone);
      await phone.getByTestId('name').fill('Dewi Lestari');
      await phone.getByTestId('nik').fill(nikWithSerial(50));
      // Meanwhile four others take the four places of that slot.
      for (let i = 0; i < 4; i++) {
        const r = await api(base, 'POST', '/api/v1/appointments', {
          officeId: office.officeId,
          serviceId: serviceB.id,
          start: picked.start,
          citizen: { name: `Warga ${i + 1}`, nik: nikWithSerial(100 + i) },
        });
        expect(r.status).toBe(201);
      }
      await phone.getByTestId('submit').click();
      await phone.getByTestId('notice').filter({ hasText: /penuh/ }).waitFor({ timeout: 15_000 });
      const slot = phone.getByTestId(`slot-${picked.start}`);
      await slot.waitFor();
      expect(await slot.isDisabled()).toBe(true);
      await screenshot('full', 'slot-full');

      // Another time: what was typed is still there, and this one books.
      const other = phone.locator('[data-testid^="slot-"]:not([disabled])').first();
      await other.click();
      expect(await phone.getByTestId('name').inputValue()).toBe('Dewi Lestari');
      expect(await phone.getByTestId('nik').inputValue()).toBe(nikWithSerial(50));
      await phone.getByTestId('submit').click();
      await phone.getByTestId('booking-code').waitFor({ timeout: 15_000 });
      expect(pageErrors).toEqual([]);
    } finally {
      await screenshot('full', 'slot-full-final');
    }
  });

  it('explains a service switched off while the form was being filled, and offers the services still open', async () => {
    const serviceB = office.services.find((s) => s.prefix === 'B')!;
    const serviceA = office.services.find((s) => s.prefix === 'A')!;
    const base = app!.baseUrl;
    const context = await openContext(PHONE);
    const phone = await openPage(context, 'inactive', `/book?office=${encodeURIComponent(office.officeId)}`);
    try {
      await phone.getByTestId(`service-${serviceB.id}`).click({ timeout: 15_000 });
      await pickFirstSlot(phone);
      await phone.getByTestId('name').fill('Dewi Lestari');
      await phone.getByTestId('nik').fill(nikWithSerial(60));
      // Meanwhile the supervisor stops bookings for that service.
      const off = await api(base, 'PATCH', `/api/v1/offices/${office.officeId}/services/${serviceB.id}`, { active: false }, office.adminToken);
      expect(off.status).toBe(200);
      await phone.getByTestId('submit').click();
      await phone
        .getByTestId('notice')
        .filter({ hasText: /tidak menerima booking/ })
        .waitFor({ timeout: 15_000 });
      // The service step, from a list asked again: the closed service is gone, the open one is there.
      await phone.getByTestId(`service-${serviceA.id}`).waitFor({ timeout: 15_000 });
      expect(await phone.getByTestId(`service-${serviceB.id}`).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await screenshot('inactive', 'service-inactive');
      await api(base, 'PATCH', `/api/v1/offices/${office.officeId}/services/${serviceB.id}`, { active: true }, office.adminToken);
    }
  });

  it('counts down to a day’s release by the server’s clock and opens the day by itself', async () => {
    const released = await seedOffice(app!.baseUrl);
    const serviceA = released.services.find((s) => s.prefix === 'A')!;
    // The server's time (its clock may differ from this browser's): today's slots open at the
    // start of a minute 20 to 80 seconds from now, office time.
    const dateHeader = (await fetch(`${app!.baseUrl}/api/v1/offices/${released.officeId}`)).headers.get('date')!;
    const serverNow = Date.parse(dateHeader) + 500;
    const opensAt = new Date(Math.ceil((serverNow + 20_000) / 60_000) * 60_000);
    const at = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(opensAt);
    // The day that opens then (today, or tomorrow in the last minute before midnight): D opens on D.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(opensAt);
    const set = await api(
      app!.baseUrl,
      'PATCH',
      `/api/v1/offices/${released.officeId}/services/${serviceA.id}`,
      { release: { daysAhead: 0, at } },
      released.adminToken,
    );
    expect(set.status).toBe(200);

    const context = await openContext(PHONE);
    const phone = await openPage(context, 'release', `/book?office=${encodeURIComponent(released.officeId)}`);
    await phone.getByTestId(`service-${serviceA.id}`).click({ timeout: 15_000 });
    const day = phone.getByTestId(`day-${today}`);
    await day.getByTestId('opens-in').waitFor({ timeout: 15_000 });
    expect(await day.isDisabled()).toBe(true);
    const first = await day.getByTestId('opens-in').textContent();
    await phone.waitForTimeout(1500);
    expect(await day.getByTestId('opens-in').textContent()).not.toBe(first);
    await screenshot('release', 'release-countdown');
    // Nobody touches the page: the day opens when its time comes.
    await until('the day to open by itself', () => day.isEnabled().catch(() => false), 120_000);
    await day.click();
    await phone.locator('[data-testid^="slot-"]:not([disabled])').first().waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('goes through the waiting room of a day just released: shows the place and turn, then books by itself', async () => {
    const released = await seedOffice(app!.baseUrl);
    const serviceA = released.services.find((s) => s.prefix === 'A')!;
    // Tomorrow was released at 00:00 today and needs an admission all day; four admissions a minute.
    const set = await api(
      app!.baseUrl,
      'PATCH',
      `/api/v1/offices/${released.officeId}/services/${serviceA.id}`,
      { release: { daysAhead: 1, at: '00:00' }, waitingRoom: { admitPerMinute: 4, admissionMinutes: 5, openMinutes: 1440 } },
      released.adminToken,
    );
    expect(set.status).toBe(200);
    // Somebody joined just before: admitted at once, so the citizen waits a quarter of a minute behind them.
    const challenge = await api<AltchaChallenge>(app!.baseUrl, 'GET', '/api/v1/challenge');
    const before = await api(app!.baseUrl, 'POST', `/api/v1/offices/${released.officeId}/services/${serviceA.id}/waiting-room`, {
      altcha: solveAltcha(challenge.body),
    });
    expect(before.status).toBe(201);

    const context = await openContext(PHONE);
    const requests: { url: string; headers: Record<string, string> }[] = [];
    context.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/v1/appointments')) requests.push({ url: req.url(), headers: req.headers() });
    });
    // The first join's answer is lost as if the solution had been spent by an earlier try: the page takes a fresh challenge.
    let joins = 0;
    let challenges = 0;
    await context.route('**/api/v1/challenge', (route) => {
      challenges++;
      return route.continue();
    });
    await context.route('**/waiting-room', (route) => {
      if (route.request().method() !== 'POST' || joins++ > 0) return route.continue();
      return route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 400, error: 'Bad Request', code: 'CHALLENGE_FAILED', message: 'spent' }),
      });
    });
    const phone = await openPage(context, 'room', `/book?office=${encodeURIComponent(released.officeId)}`);
    await phone.getByTestId(`service-${serviceA.id}`).click({ timeout: 15_000 });
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 86_400_000));
    await phone.getByTestId(`day-${tomorrow}`).click({ timeout: 15_000 });
    await phone.locator('[data-testid^="slot-"]:not([disabled])').first().click({ timeout: 15_000 });
    await phone.getByTestId('name').fill('Rina Wulandari');
    await phone.getByTestId('nik').fill(nikWithSerial(70));
    await phone.getByTestId('submit').click();
    // The room replaces the button: next in line, a turn in under a minute.
    await waitForText(phone.getByTestId('room-position'), 'Anda berikutnya', 15_000);
    await waitForText(phone.getByTestId('room-eta'), 'Giliran Anda kurang dari satu menit lagi', 5_000);
    expect(await phone.getByTestId('waiting-room').getAttribute('role')).toBe('status');
    await screenshot('room', 'waiting-room');
    // Nobody touches the page: admitted, it books with the admission.
    await phone.getByTestId('booking-code').waitFor({ timeout: 45_000 });
    expect(requests).toHaveLength(2);
    expect([joins, challenges]).toEqual([2, 2]);
    expect(requests[0]!.headers['x-admission-token']).toBeUndefined();
    expect(requests[1]!.headers['x-admission-token']).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(requests[1]!.headers['idempotency-key']).toBe(requests[0]!.headers['idempotency-key']);
    await screenshot('room', 'waiting-room-booked');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('joins the waitlist of a full day and, when a place frees up, finds the booking behind the same link', async () => {
    const full = await seedOffice(app!.baseUrl);
    const serviceA = full.services.find((s) => s.prefix === 'A')!;
    const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '09:00', close: '10:00' }));
    expect((await api(app!.baseUrl, 'PUT', `/api/v1/offices/${full.officeId}/opening-hours`, { week }, full.adminToken)).status).toBe(200);
    const patched = await api(
      app!.baseUrl,
      'PATCH',
      `/api/v1/offices/${full.officeId}/services/${serviceA.id}`,
      { slotMinutes: 30, slotCapacity: 1 },
      full.adminToken,
    );
    expect(patched.status).toBe(200);
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
      new Date(Date.parse(`${todayIn('Asia/Jakarta')}T12:00:00+07:00`) + 86_400_000),
    );
    const held: string[] = [];
    for (const [i, hhmm] of ['09:00', '09:30'].entries()) {
      const start = new Date(`${tomorrow}T${hhmm}:00+07:00`).toISOString();
      const res = await api<{ manageToken: string }>(app!.baseUrl, 'POST', '/api/v1/appointments', {
        officeId: full.officeId,
        serviceId: serviceA.id,
        start,
        citizen: { name: `Warga ${i}`, nik: nikWithSerial(200 + i) },
      });
      expect(res.status).toBe(201);
      held.push(res.body.manageToken);
    }

    const context = await openContext(PHONE);
    const phone = await openPage(context, 'waitlist', `/book?office=${encodeURIComponent(full.officeId)}`);
    await phone.getByTestId(`service-${serviceA.id}`).click({ timeout: 15_000 });
    await phone.getByTestId(`waitlist-${tomorrow}`).click({ timeout: 15_000 });
    await phone.getByTestId('name').fill('Rina Wulandari');
    await phone.getByTestId('nik').fill(nikWithSerial(210));
    await phone.getByTestId('submit').click();
    await phone.getByTestId('waitlist-position').waitFor({ timeout: 15_000 });
    const position = (await phone.getByTestId('waitlist-position').textContent())!;
    expect(position).toMatch(/^Anda urutan ke-1 untuk /);
    await screenshot('waitlist', 'waitlist-joined');
    const link = (await phone.getByTestId('manage-link').getAttribute('href'))!;

    // A booked citizen cancels: the place is the waiting citizen's at once.
    expect((await api(app!.baseUrl, 'POST', `/api/v1/appointments/${held[0]}/cancel`)).status).toBe(200);
    await phone.goto(link);
    await phone
      .getByTestId('waitlist-status')
      .filter({ hasText: /sudah mendapat booking/ })
      .waitFor({ timeout: 15_000 });
    await phone.getByTestId('waitlist-booking').click();
    await phone.getByTestId('booking-code').waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });
});
