import type { Browser } from 'playwright-core';
import { api, seedOffice, startApp, type AppProcess, type SeededOffice } from '../support/app-process';
import { launchChromium, loginToConsole, waitForText } from '../support/browser';

jest.setTimeout(120_000);

// Issue #18 in a real browser: a supervisor writes the office's FAQs in the back office; the
// public reads them; one is changed in place, then deleted after a confirmation.
describe('back office: FAQs', () => {
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

  it('adds a question with its keywords, shows it to the public, changes it, and deletes it after asking', async () => {
    const supervisor = { username: `faq-sup-${office.officeId.slice(0, 6)}`, password: 'faq-supervisor-password' };
    expect((await api(app.baseUrl, 'POST', '/api/v1/staff', { ...supervisor, role: 'supervisor', officeId: office.officeId }, office.adminToken)).status).toBe(
      201,
    );
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${app.baseUrl}/counter#/office/faqs`);
    await loginToConsole(page, supervisor.username, supervisor.password);
    await waitForText(page.getByTestId('faq-list'), 'Belum ada tanya jawab.', 15_000);

    await page.getByTestId('faq-question').fill('Apakah ada tempat parkir motor?');
    await page.getByTestId('faq-answer').fill('Ada, gratis, di belakang gedung.');
    await page.getByTestId('faq-keywords').fill('parkir, motor,  ');
    await page.getByTestId('faq-add').click();
    await waitForText(page.getByTestId('flash'), 'Tanya jawab ditambahkan.');
    const listed = await api<{ id: string; question: string; answer: string; keywords: string[]; locale: string }[]>(
      app.baseUrl,
      'GET',
      `/api/v1/offices/${office.officeId}/faqs`,
    );
    expect(listed.body).toEqual([
      expect.objectContaining({
        question: 'Apakah ada tempat parkir motor?',
        answer: 'Ada, gratis, di belakang gedung.',
        keywords: ['parkir', 'motor'],
        locale: 'id',
      }),
    ]);
    const id = listed.body[0]!.id;
    await page.getByTestId(`faq-${id}`).waitFor();

    // Changed in place: the dialog holds the FAQ as it is, and saves what was changed.
    await page.getByTestId(`faq-edit-${id}`).click();
    const editAnswer = page.getByTestId('faq-edit-answer');
    expect(await editAnswer.inputValue()).toBe('Ada, gratis, di belakang gedung.');
    expect(await page.getByTestId('faq-edit-keywords').inputValue()).toBe('parkir, motor');
    await editAnswer.fill('Ada, di basement, gratis.');
    await page.getByTestId('faq-edit-dialog-submit').click();
    await waitForText(page.getByTestId(`faq-${id}`).locator('.faq-answer'), 'Ada, di basement, gratis.');
    expect((await api<{ answer: string }[]>(app.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/faqs`)).body[0]).toMatchObject({
      question: 'Apakah ada tempat parkir motor?',
      answer: 'Ada, di basement, gratis.',
      keywords: ['parkir', 'motor'],
    });

    await page.getByTestId(`faq-delete-${id}`).click();
    await page.getByTestId('faq-delete-dialog-submit').click();
    await waitForText(page.getByTestId('faq-list'), 'Belum ada tanya jawab.');
    expect((await api(app.baseUrl, 'GET', `/api/v1/offices/${office.officeId}/faqs`)).body).toEqual([]);
    expect(errors).toEqual([]);
  });
});
