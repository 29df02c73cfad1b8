/**
 * API.md "Citizen assistant", its FAQs as written: `POST /offices/:officeId/faqs`
 * `{question, answer, keywords?, locale?}` (supervisor) → 201; `GET` (public), `PATCH`, `DELETE
 * .../faqs/:faqId`.
 */
import type { AppProcess } from '../support/app-process';
import { ADMIN, Api, expectError, expectValidation, login, ok, seed, startContractApp } from './support/contract';

jest.setTimeout(60_000);

type Faq = { id: string; question: string; answer: string; keywords?: string[]; locale?: string };

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

describe('office FAQs', () => {
  it('a supervisor adds, changes and deletes them; anyone reads them', async () => {
    const o = await seed(admin);
    const sup = pub.as(o.supervisor.token);
    const created = await sup.post<Faq>(`/offices/${o.officeId}/faqs`, {
      question: 'Apakah bisa bayar dengan kartu?',
      answer: 'Bisa, di loket 1.',
      keywords: ['bayar', 'debit'],
      locale: 'id',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ question: 'Apakah bisa bayar dengan kartu?', answer: 'Bisa, di loket 1.' });
    const id = created.body.id;
    ok(await sup.post(`/offices/${o.officeId}/faqs`, { question: 'Is there parking?', answer: 'Yes, behind the building.', locale: 'en' }), 'second', 201);

    const listed = await pub.get<Faq[]>(`/offices/${o.officeId}/faqs`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((f) => f.question)).toEqual(['Apakah bisa bayar dengan kartu?', 'Is there parking?']);

    const changed = await sup.patch<Faq>(`/offices/${o.officeId}/faqs/${id}`, { answer: 'Bisa, di semua loket.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, answer: 'Bisa, di semua loket.' });

    expect((await sup.del(`/offices/${o.officeId}/faqs/${id}`)).status).toBeLessThan(300);
    expect((await pub.get<Faq[]>(`/offices/${o.officeId}/faqs`)).body.map((f) => f.question)).toEqual(['Is there parking?']);
    expectError(await sup.patch(`/offices/${o.officeId}/faqs/${id}`, { answer: 'x' }), 404, 'NOT_FOUND');
  });

  it('refuses writes without a supervisor’s token, and bad input, changing nothing', async () => {
    const o = await seed(admin);
    const path = `/offices/${o.officeId}/faqs`;
    expectError(await pub.post(path, { question: 'Jam buka?', answer: 'Pagi.' }), 401, 'UNAUTHORIZED');
    expectError(await pub.as(o.officers[0].token).post(path, { question: 'Jam buka?', answer: 'Pagi.' }), 403, 'FORBIDDEN');
    const sup = pub.as(o.supervisor.token);
    expectValidation(await sup.post(path, { question: 'Jam buka?' }), ['answer']);
    expectValidation(await sup.post(path, { question: 'Jam buka?', answer: 'Pagi.', locale: 'fr' }), ['locale']);
    expect((await pub.get<Faq[]>(path)).body).toEqual([]);
  });
});
