import type { Browser } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { runStatement, sqlInstant } from '../support/app-database';
import { launchChromium, loginToConsole, waitForText } from '../support/browser';

jest.setTimeout(120_000);

// Issue #17 "Alerts" in a real browser: the console says when the longest wait passes the
// office's target, and says nothing once it is back within.
describe('long-wait alert on the console', () => {
  let app: AppProcess;
  let browser: Browser;
  let office: SeededOffice;

  beforeAll(async () => {
    app = await startApp();
    office = await seedOffice(app.baseUrl);
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the ticket waiting past the target and since when, until it is called', async () => {
    const issue = () =>
      api<{ id: string; number: string }>(app.baseUrl, 'POST', `/api/v1/offices/${office.officeId}/tickets`, { serviceId: office.services[0].id });
    const first = (await issue()).body;
    await issue();
    // The first came 40 minutes ago (the office's target is 30).
    const issuedAt = new Date(Date.now() - 40 * 60_000);
    await runStatement(app, 'UPDATE ticket SET issued_at = ?, sort_at = ? WHERE id = ?', [sqlInstant(issuedAt), sqlInstant(issuedAt), first.id]);

    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })).newPage();
    await page.goto(`${app.baseUrl}/counter`);
    await loginToConsole(page, office.officer.username, office.officer.password);
    const banner = page.getByTestId('long-wait');
    const since = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(issuedAt.getTime() + 30 * 60_000),
    );
    await waitForText(
      banner,
      `Antrean lama: nomor ${first.number} sudah menunggu lebih dari 30 menit (target kantor) sejak pukul ${since} WIB. Pertimbangkan membuka loket tambahan.`,
      15_000,
    );

    // Called, the longest wait is the second ticket's, seconds: the console says nothing on its next look.
    const select = page.getByTestId('counter-select');
    await select.locator(`option[value="${office.counters[0]!.id}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await select.selectOption(office.counters[0]!.id);
    await page.getByTestId('open').click();
    await page.getByTestId('call-next').click();
    await waitForText(page.getByTestId('current-number'), first.number);
    const asked = page.waitForResponse((r) => r.url().endsWith(`/offices/${office.officeId}/alerts`) && r.status() === 200);
    await page.reload();
    await asked;
    await page.waitForTimeout(300);
    expect(await banner.count()).toBe(1);
    expect(await banner.isHidden()).toBe(true);
  });
});
