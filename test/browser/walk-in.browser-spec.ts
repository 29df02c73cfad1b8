import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { LoginResponse } from '@giliran/contracts';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { loseRedisState } from '../support/redis-loss';
import { SCREENSHOTS, launchChromium, loginToConsole, waitForText } from '../support/browser';
import { type AltchaChallenge, solveAltcha } from '../support/altcha';

// The walking skeleton end to end in a real browser: a citizen takes a ticket at the
// kiosk, an officer calls it at counter 1, and the hall display shows it there.

jest.setTimeout(120_000);

describe('walk-in ticket through kiosk, counter console and hall display', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let office: SeededOffice;
  const pageErrors: string[] = [];
  const pages: Record<string, Page> = {};

  async function openPage(name: string, path: string, viewport: { width: number; height: number }): Promise<Page> {
    // One context per screen: the kiosk, the TV and the officer's PC share no storage.
    const context = await browser!.newContext({ viewport, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
    pages[name] = page;
    await page.goto(app!.baseUrl + path);
    return page;
  }

  async function screenshot(page: string, file = page): Promise<void> {
    await pages[page]?.screenshot({ path: join(SCREENSHOTS, `${file}.png`) }).catch(() => undefined);
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

  it('issues A-001 at the kiosk, calls it at counter 1 and shows it on the display', async () => {
    const serviceA = office.services.find((s) => s.prefix === 'A') ?? office.services[0]!;
    const counter1 = office.counters[0]!;
    const officeQuery = `?office=${encodeURIComponent(office.officeId)}`;

    try {
      // The display is up before anything happens, as in a real hall.
      const display = await openPage('display', `/display${officeQuery}`, { width: 1920, height: 1080 });
      const tile = display.getByTestId(`counter-${counter1.id}`);
      await tile.waitFor({ timeout: 15_000 });
      await display.getByTestId('offline').waitFor({ state: 'hidden' });
      await screenshot('display');

      const kiosk = await openPage('kiosk', `/kiosk${officeQuery}`, { width: 1080, height: 1400 });
      const serviceButton = kiosk.getByTestId(`service-${serviceA.id}`);
      await serviceButton.waitFor({ timeout: 15_000 });
      await screenshot('kiosk', 'kiosk-start');
      await serviceButton.click();
      await waitForText(kiosk.getByTestId('ticket-number'), 'A-001');
      await kiosk.locator('[data-testid="qr"] svg').waitFor({ timeout: 10_000 });
      const trackingLink = (await kiosk.getByTestId('tracking-link').textContent())!.trim();
      expect(trackingLink.startsWith(`${new URL(app!.baseUrl).origin}/kiosk/track/`)).toBe(true);
      await screenshot('kiosk', 'kiosk-ticket');

      // The citizen's phone follows the ticket live.
      const phone = await openPage('tracking', new URL(trackingLink).pathname, { width: 390, height: 844 });
      await waitForText(phone.getByTestId('ticket-number'), 'A-001');
      await phone.getByTestId('status').waitFor();
      await screenshot('tracking', 'tracking-waiting');
      // On a slow link the phone asks again with the entity tag of its last answer: unchanged, it
      // comes back 304 with no body.
      const network = await phone.context().newCDPSession(phone);
      await network.send('Network.enable');
      // What came over the wire (a revalidated answer reaches the page as the cached 200). The
      // browser does not promise the order of a request's event and its wire answer's: pair them
      // by request id once both are in.
      const urls = new Map<string, string>();
      const wire = new Map<string, number>();
      network.on('Network.requestWillBeSent', (e) => void urls.set(e.requestId, e.request.url));
      network.on('Network.responseReceivedExtraInfo', (e) => void wire.set(e.requestId, e.statusCode));
      const tracked = () => [...wire].filter(([id]) => urls.get(id)?.includes('/api/v1/tracking/')).map(([, status]) => status);
      await phone.reload();
      await waitForText(phone.getByTestId('ticket-number'), 'A-001');
      for (let waited = 0; !tracked().includes(304) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(tracked()).toContain(304);

      const counter = await openPage('counter', '/counter', { width: 1366, height: 900 });
      await counter.getByTestId('username').fill(office.officer.username);
      await counter.getByTestId('password').fill(office.officer.password);
      await screenshot('counter', 'counter-login');
      await counter.getByTestId('login').click();
      const select = counter.getByTestId('counter-select');
      await select.locator(`option[value="${counter1.id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
      await select.selectOption(counter1.id);
      await counter.getByTestId('open').click();
      await counter.getByTestId('call-next').click();
      await waitForText(counter.getByTestId('current-number'), 'A-001');
      await screenshot('counter');

      await waitForText(tile.getByTestId('now-serving'), 'A-001', 5_000);
      await display.getByTestId('recent-calls').getByText('A-001').first().waitFor({ timeout: 5_000 });
      await screenshot('display', 'display-called');

      await phone.getByTestId('go-to').filter({ hasText: counter1.name }).waitFor({ timeout: 5_000 });
      await screenshot('tracking', 'tracking-called');

      // Redis comes back empty (a restart without persistence): the office's seq starts again
      // from 1, below what the display has seen. It is told to resubscribe, and shows the next call.
      await loseRedisState(app!.env.REDIS_PREFIX, [app!.pid]);
      const token = (await api<LoginResponse>(app!.baseUrl, 'POST', '/api/v1/auth/login', office.officer)).body.accessToken;
      await api(app!.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: serviceA.id });
      expect((await api(app!.baseUrl, 'POST', `/api/v1/counters/${counter1.id}/complete-and-next`, undefined, token)).status).toBe(200);
      await waitForText(tile.getByTestId('now-serving'), 'A-002', 15_000);
      await screenshot('display', 'display-after-redis-loss');

      expect(pageErrors).toEqual([]);
    } finally {
      // Whatever failed, leave pictures of every screen behind for whoever reads the report.
      for (const name of Object.keys(pages)) await screenshot(name, `${name}-final`);
    }
  });

  it('shows the walk-in places left on each service with a quota, and says so when none are left', async () => {
    const quotaOffice = await seedOffice(app!.baseUrl);
    const [serviceA, serviceB] = quotaOffice.services;
    // The supervisor sets the quotas by channel in the back office.
    const { body: detail } = await api<{ code: string }>(app!.baseUrl, 'GET', `/api/v1/offices/${quotaOffice.officeId}`);
    const console_ = await openPage('back-office-quota', '/counter', { width: 1366, height: 900 });
    await loginToConsole(console_, 'admin', 'e2e-admin-password');
    await console_.getByTestId(`office-manage-${detail.code}`).click({ timeout: 15_000 });
    await console_.getByTestId('tab-services').click();
    await console_.getByTestId(`service-edit-${serviceA!.prefix}`).click();
    await console_.getByTestId('service-quota').fill('2');
    await console_.getByTestId('service-priority-quota').fill('1');
    await console_.getByTestId('service-online-quota').fill('0');
    await console_.getByTestId('service-rollover').fill('13:00');
    // Half a release is refused in the form, and nothing is sent.
    await console_.getByTestId('service-release-days').fill('30');
    await console_.getByTestId('service-form-submit').click();
    await waitForText(console_.locator('[data-error-for="release.at"]'), 'Isi jumlah hari dan jamnya, atau kosongkan keduanya.');
    await console_.getByTestId('service-release-at').fill('09:00');
    await console_.getByTestId('service-form-submit').click();
    await console_.getByTestId('service-form').waitFor({ state: 'hidden', timeout: 15_000 });
    const saved = await api<{ services: { id: string; quota: unknown; onlineRolloverAt: string | null; release: unknown }[] }>(
      app!.baseUrl,
      'GET',
      `/api/v1/offices/${quotaOffice.officeId}`,
    );
    expect(saved.body.services.find((x) => x.id === serviceA!.id)).toMatchObject({
      quota: { online: 0, walkIn: 2, priority: 1 },
      onlineRolloverAt: '13:00',
      release: { daysAhead: 30, at: '09:00' },
    });
    const kiosk = await openPage('kiosk-quota', `/kiosk?office=${encodeURIComponent(quotaOffice.officeId)}`, { width: 1080, height: 1400 });
    const buttonA = kiosk.getByTestId(`service-${serviceA!.id}`);
    await waitForText(buttonA.getByTestId('places-left'), 'Sisa 2 nomor hari ini', 15_000);
    // With the priority switch on, the places of a priority ticket (its own quota of 1).
    await kiosk.getByTestId('priority').click();
    await waitForText(buttonA.getByTestId('places-left'), 'Sisa 1 nomor hari ini');
    await kiosk.getByTestId('priority').click();
    await waitForText(buttonA.getByTestId('places-left'), 'Sisa 2 nomor hari ini');
    // A service without a walk-in quota says nothing of places.
    expect(await kiosk.getByTestId(`service-${serviceB!.id}`).getByTestId('places-left').count()).toBe(0);
    for (const left of ['Sisa 1 nomor hari ini', 'Nomor hari ini sudah habis']) {
      await buttonA.click();
      await kiosk.getByTestId('ticket-number').waitFor({ timeout: 15_000 });
      await kiosk.getByTestId('done').click();
      await waitForText(buttonA.getByTestId('places-left'), left, 15_000);
    }
    await screenshot('kiosk-quota', 'kiosk-no-places-left');
    await buttonA.click();
    await waitForText(kiosk.getByTestId('error'), 'Kuota antrean layanan ini untuk hari ini sudah habis. Mohon maaf.', 15_000);
    expect(pageErrors).toEqual([]);
  });

  it('sets a waiting room in the back office and shows the release live: joined, let in, booked, places left', async () => {
    const roomOffice = await seedOffice(app!.baseUrl);
    const serviceA = roomOffice.services[0]!;
    const { body: detail } = await api<{ code: string }>(app!.baseUrl, 'GET', `/api/v1/offices/${roomOffice.officeId}`);
    const console_ = await openPage('back-office-room', '/counter', { width: 1366, height: 900 });
    await loginToConsole(console_, 'admin', 'e2e-admin-password');
    await console_.getByTestId(`office-manage-${detail.code}`).click({ timeout: 15_000 });
    await console_.getByTestId('tab-services').click();
    await console_.getByTestId(`service-edit-${serviceA.prefix}`).click();
    // Tomorrow opens at 00:00 today and goes through the waiting room all day.
    await console_.getByTestId('service-release-days').fill('1');
    await console_.getByTestId('service-release-at').fill('00:00');
    // Part of a waiting room is refused in the form, and nothing is sent.
    await console_.getByTestId('service-room-per-minute').fill('600');
    await console_.getByTestId('service-form-submit').click();
    await waitForText(console_.locator('[data-error-for="waitingRoom.admissionMinutes"]'), 'Isi ketiga angka ruang tunggu, atau kosongkan semuanya.');
    await console_.getByTestId('service-room-admission').fill('5');
    await console_.getByTestId('service-room-open').fill('1440');
    await console_.getByTestId('service-form-submit').click();
    await console_.getByTestId('service-form').waitFor({ state: 'hidden', timeout: 15_000 });
    const saved = await api<{ services: { id: string; waitingRoom: unknown }[] }>(app!.baseUrl, 'GET', `/api/v1/offices/${roomOffice.officeId}`);
    expect(saved.body.services.find((x) => x.id === serviceA.id)?.waitingRoom).toEqual({ admitPerMinute: 600, admissionMinutes: 5, openMinutes: 1440 });

    await console_.getByTestId(`service-live-${serviceA.prefix}`).click({ timeout: 15_000 });
    const live = console_.getByTestId('release-live');
    await waitForText(live.getByTestId('live-joined'), '0', 15_000);
    const capacity = Number(await live.getByTestId('live-left').textContent());
    expect(capacity).toBeGreaterThan(0);
    // A citizen joins, is let in and books: the figures follow without a reload.
    const challenge = await api<AltchaChallenge>(app!.baseUrl, 'GET', '/api/v1/challenge');
    const pass = await api<{ passToken: string }>(app!.baseUrl, 'POST', `/api/v1/offices/${roomOffice.officeId}/services/${serviceA.id}/waiting-room`, {
      altcha: solveAltcha(challenge.body),
    });
    const status = await api<{ admissionToken: string }>(app!.baseUrl, 'GET', `/api/v1/waiting-room/${pass.body.passToken}`);
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 86_400_000));
    const booked = await fetch(`${app!.baseUrl}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admission-token': status.body.admissionToken },
      body: JSON.stringify({
        officeId: roomOffice.officeId,
        serviceId: serviceA.id,
        start: new Date(`${tomorrow}T10:00:00+07:00`).toISOString(),
        citizen: { name: 'Warga', nik: '3201011505900077' },
      }),
    });
    expect(booked.status).toBe(201);
    await waitForText(live.getByTestId('live-booked'), '1', 10_000);
    await waitForText(live.getByTestId('live-joined'), '1');
    await waitForText(live.getByTestId('live-admitted'), '1');
    await waitForText(live.getByTestId('live-left'), String(capacity - 1));
    await screenshot('back-office-room', 'release-live');
    expect(pageErrors).toEqual([]);
  });

  it('asks the citizen to rate a finished visit on the tracking page, one question at a time', async () => {
    const surveyOffice = await seedOffice(app!.baseUrl);
    const [serviceA] = surveyOffice.services;
    const [counter] = surveyOffice.counters;
    const ticket = await api<{ id: string; trackingToken: string }>(app!.baseUrl, 'POST', `/api/v1/offices/${surveyOffice.officeId}/tickets`, {
      serviceId: serviceA!.id,
    });
    const phone = await openPage('survey', `/kiosk/track/${ticket.body.trackingToken}`, { width: 360, height: 740 });
    await phone.getByTestId('ticket-number').waitFor({ timeout: 15_000 });
    expect(await phone.getByTestId('survey').count()).toBe(0);
    const token = (await api<LoginResponse>(app!.baseUrl, 'POST', '/api/v1/auth/login', surveyOffice.officer)).body.accessToken;
    await api(app!.baseUrl, 'POST', `/api/v1/counters/${counter!.id}/open`, undefined, token);
    await api(app!.baseUrl, 'POST', `/api/v1/counters/${counter!.id}/call-next`, undefined, token);
    expect((await api(app!.baseUrl, 'POST', `/api/v1/tickets/${ticket.body.id}/complete`, undefined, token)).status).toBe(200);
    // The page follows the ticket to done and offers the survey.
    await phone.getByTestId('survey-start').click({ timeout: 15_000 });
    for (let i = 1; i <= 9; i++) {
      await waitForText(phone.locator('.survey-step .muted'), `Pertanyaan ${i} dari 9`);
      if (i === 1) await screenshot('survey', 'survey-question');
      await phone.getByTestId(i === 9 ? 'answer-3' : 'answer-4').click();
    }
    await phone.getByTestId('survey-comment').fill('Cepat dan ramah');
    await screenshot('survey', 'survey-comment');
    await phone.getByTestId('survey-send').click();
    await waitForText(phone.getByTestId('survey-thanks'), 'Terima kasih! Penilaian Anda sudah kami terima.');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const results = await api<{ responses: number; ikm: number; grade: string }>(
      app!.baseUrl,
      'GET',
      `/api/v1/offices/${surveyOffice.officeId}/survey?from=${today}&to=${today}`,
      undefined,
      surveyOffice.adminToken,
    );
    // Eight 4s and one 3: 25 × 35/9 = 97.22, A.
    expect(results.body).toMatchObject({ responses: 1, ikm: 97.22, grade: 'A' });
    // Opened again, the page remembers the rating was given.
    await phone.reload();
    await waitForText(phone.getByTestId('survey-thanks'), 'Terima kasih! Penilaian Anda sudah kami terima.', 15_000);
    expect(pageErrors).toEqual([]);
  });
});
