import { DateTime } from 'luxon';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type AppProcess, type SeededOffice, api, freshEnvironment, seedOffice, startApp } from '../support/app-process';
import { SCREENSHOTS, launchChromium, loginToConsole, waitForText } from '../support/browser';
import { eventually, webhookSink } from '../support/sinks';

// A message the SMS/WhatsApp gateway kept refusing becomes a dead letter; once the gateway is
// mended, the supervisor sends it again from the console and it arrives, once.

jest.setTimeout(180_000);

const SECRET = 'webhook-secret-for-browser-tests';

describe('dead letters in the console', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let hook: Awaited<ReturnType<typeof webhookSink>>;
  let office: SeededOffice;

  beforeAll(async () => {
    hook = await webhookSink(SECRET);
    app = await startApp({
      env: { ...(await freshEnvironment('dead')), WEBHOOK_SECRET: SECRET, NOTIFY_ATTEMPTS: '2', NOTIFY_RETRY_DELAY_MS: '50', ALLOW_PRIVATE_WEBHOOKS: 'true' },
    });
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await hook?.close();
  }, 60_000);

  it('lists a message the gateway refused, and sends it again once the gateway is back', async () => {
    await api(app!.baseUrl, 'PATCH', `/api/v1/offices/${office.officeId}`, { webhookUrl: hook.url }, office.adminToken);
    hook.failing.on = true;
    const start = DateTime.now().setZone('Asia/Jakarta').plus({ days: 2 }).startOf('day').set({ hour: 9 }).toUTC().toISO()!;
    const booked = await api<{ id: string }>(app!.baseUrl, 'POST', '/api/v1/appointments', {
      officeId: office.officeId,
      serviceId: office.services[0].id,
      start,
      citizen: { name: 'Warga Uji', nik: '3201011505900001', phone: '+628123450001' },
    });
    expect(booked.status).toBe(201);
    // Both tries refused: the confirmation is a dead letter.
    const dead = await eventually(
      async () =>
        (
          await api<{ id: string; kind: string; appointmentId: string | null }[]>(
            app!.baseUrl,
            'GET',
            `/api/v1/offices/${office.officeId}/notifications?status=dead`,
            undefined,
            office.adminToken,
          )
        ).body,
      (rows) => rows.length === 1,
      15_000,
    );
    expect(dead[0]).toMatchObject({ kind: 'confirmation', appointmentId: booked.body.id });

    const supervisor = { username: `spv-${office.officeId.slice(0, 6)}`, password: 'supervisor-password' };
    await api(app!.baseUrl, 'POST', '/api/v1/staff', { ...supervisor, role: 'supervisor', officeId: office.officeId }, office.adminToken);
    const page = await (await browser!.newContext({ viewport: { width: 1440, height: 960 }, locale: 'id-ID' })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${app!.baseUrl}/counter`);
    await loginToConsole(page, supervisor.username, supervisor.password);
    await page.getByTestId('nav-office').click();
    await page.getByTestId('tab-notifications').click();
    const row = page.getByTestId(`dead-${dead[0].id}`);
    await row.waitFor();
    // Named in the console's language, not by the server's codes.
    await waitForText(row.locator('td').nth(0), 'Konfirmasi');
    await waitForText(row.locator('td').nth(1), 'SMS/WhatsApp');
    await page.screenshot({ path: join(SCREENSHOTS, 'dead-letters.png'), fullPage: true }).catch(() => undefined);

    hook.failing.on = false;
    await page.getByTestId(`retry-${dead[0].id}`).click();
    await waitForText(page.getByTestId('flash'), 'Pesan dijadwalkan untuk dikirim ulang.');
    const sent = await eventually(
      () => hook.hooks.filter((x) => x.body.kind === 'confirmation'),
      (x) => x.length === 1,
    );
    expect(sent[0]).toMatchObject({ signatureValid: true, body: { to: '+628123450001' } });
    // Gone from the list once sent; and sent once.
    await eventually(
      async () => {
        await page.getByTestId('dead-refresh').click();
        return page.getByTestId(`dead-${dead[0].id}`).count();
      },
      (n) => n === 0,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.hooks.filter((x) => x.body.kind === 'confirmation')).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
