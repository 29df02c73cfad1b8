/**
 * API.md "The citizens' voice: satisfaction survey (IKM, PermenPANRB 14/2017)", as written: the
 * nine questions in order, a rating by tracking token (all nine answers, once, only when done),
 * the staff results with the index and grade, comments for staff only, and CSV.
 * `SURVEY_CLOSED` needs the next business day to end: libs/insight survey.int-spec.ts.
 */
import type { AppProcess } from '../support/app-process';
import { ADMIN, Api, businessDate, expectError, expectValidation, login, ok, seed, startContractApp } from './support/contract';

jest.setTimeout(60_000);

type Question = { element: number; key: string; question: string; options: { value: number; label: string }[] };
type Results = {
  responses: number;
  elements: { element: number; key: string; average: number | null }[];
  ikm: number | null;
  grade: string | null;
  label: string | null;
  byService: { serviceId: string; responses: number; ikm: number | null }[];
  byCounter: { counterId: string; responses: number; ikm: number | null }[];
};
const KEYS = ['requirements', 'procedure', 'time', 'cost', 'product', 'competence', 'conduct', 'complaints', 'facilities'];

let app: AppProcess;
let pub: Api;
let admin: Api;

beforeAll(async () => {
  app = await startContractApp();
  pub = new Api(app.baseUrl);
  admin = pub.as((await login(app.baseUrl, ADMIN.username, ADMIN.password)).accessToken);
});
afterAll(() => app?.stop());

const answers = (n: number, last = n) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [String(i + 1), i === 8 ? last : n]));

/** A visit issued at the kiosk; served at counter 1 unless `serve` is false. */
async function visit(o: Awaited<ReturnType<typeof seed>>, serve = true): Promise<{ id: string; trackingToken: string }> {
  const t = ok(await pub.post<{ id: string; trackingToken: string }>(`/offices/${o.officeId}/tickets`, { serviceId: o.services[0].id }), 'ticket', 201);
  if (serve) await served(o, t.id);
  return t;
}

async function served(o: Awaited<ReturnType<typeof seed>>, ticketId: string): Promise<void> {
  const officer = pub.as(o.officers[0].token);
  await officer.post(`/counters/${o.counters[0].id}/open`);
  ok(await officer.post(`/counters/${o.counters[0].id}/call-next`), 'call');
  ok(await officer.post(`/tickets/${ticketId}/complete`), 'complete');
}

describe('IKM survey', () => {
  it('gives the nine questions in order, each answered 1..4, in Indonesian and English', async () => {
    for (const locale of ['id', 'en']) {
      const qs = ok(await pub.get<Question[]>(`/survey/questions?locale=${locale}`), `questions ${locale}`);
      expect(qs.map((q) => [q.element, q.key])).toEqual(KEYS.map((k, i) => [i + 1, k]));
      for (const q of qs) {
        expect(q.question.length).toBeGreaterThan(10);
        expect(q.options.map((o) => o.value)).toEqual([1, 2, 3, 4]);
      }
    }
    expectValidation(await pub.get('/survey/questions?locale=fr'), ['locale']);
  });

  it('takes all nine answers of a finished visit once, and refuses one not served yet with 409 SURVEY_NOT_OPEN', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }], supervisor: false });
    const ticket = await visit(o, false);
    const done = ticket.trackingToken;
    expectError(await pub.post(`/tracking/${done}/survey`, { answers: answers(4) }), 409, 'SURVEY_NOT_OPEN');
    await served(o, ticket.id);
    for (const bad of [{ answers: { ...answers(4), '9': 5 } }, { answers: { '1': 4 } }, { answers: answers(4), comment: 'x'.repeat(501) }, {}]) {
      expect((await pub.post(`/tracking/${done}/survey`, bad)).status).toBe(400);
    }
    expect((await pub.post(`/tracking/${done}/survey`, { answers: answers(4), comment: 'Ramah' })).status).toBe(201);
    expectError(await pub.post(`/tracking/${done}/survey`, { answers: answers(3) }), 409, 'SURVEY_ALREADY_SUBMITTED');
    expectError(await pub.post(`/tracking/${'x'.repeat(22)}/survey`, { answers: answers(3) }), 404, 'NOT_FOUND');
  });

  it('shows staff the index, grade, element averages and per service and counter, with comments to staff only, and CSV', async () => {
    const o = await seed(admin, { services: [{ prefix: 'A' }], counters: [{ name: 'Loket 1' }] });
    for (const [n, last, comment] of [
      [4, 4, undefined],
      [3, 3, 'Antre lama'],
      [4, 3, undefined],
    ] as const) {
      const { trackingToken: token } = await visit(o);
      ok(await pub.post(`/tracking/${token}/survey`, { answers: answers(n, last), ...(comment ? { comment } : {}) }), 'rating', 201);
    }
    const today = businessDate(o.timezone);
    const sup = pub.as(o.supervisor.token);
    const r = ok(await sup.get<Results>(`/offices/${o.officeId}/survey?from=${today}&to=${today}`), 'results');
    // Elements 1–8 average 11/3, element 9 10/3: 25 × mean = 90.74 → A "Sangat Baik".
    expect(r).toMatchObject({ responses: 3, ikm: 90.74, grade: 'A', label: 'Sangat Baik' });
    expect(r.elements.map((e) => e.key)).toEqual(KEYS);
    expect(r.elements[0]!.average).toBeCloseTo(11 / 3, 2);
    expect(r.byService).toEqual([{ serviceId: o.services[0].id, responses: 3, ikm: 90.74 }]);
    expect(r.byCounter).toEqual([{ counterId: o.counters[0].id, responses: 3, ikm: 90.74 }]);
    const comments = ok(await sup.get<{ comment: string }[]>(`/offices/${o.officeId}/survey/comments?from=${today}&to=${today}`), 'comments');
    expect(comments.map((c) => c.comment)).toEqual(['Antre lama']);
    expectError(await pub.get(`/offices/${o.officeId}/survey/comments?from=${today}&to=${today}`), 401, 'UNAUTHORIZED');
    expectError(await pub.as(o.officers[0].token).get(`/offices/${o.officeId}/survey?from=${today}&to=${today}`), 403, 'FORBIDDEN');
    const csv = await sup.get(`/offices/${o.officeId}/survey?from=${today}&to=${today}`, { Accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('90.74');
    // No response in a period: no index, no grade.
    const empty = ok(await sup.get<Results>(`/offices/${o.officeId}/survey?from=2020-01-01&to=2020-01-31`), 'empty');
    expect(empty).toMatchObject({ responses: 0, ikm: null, grade: null });
  });
});
