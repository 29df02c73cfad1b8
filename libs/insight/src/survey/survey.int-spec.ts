import { SurveyResponse } from '@giliran/database';
import { MaintenanceService } from '@giliran/operations';
import { createIntHarness, type IntHarness, officeFixture } from '../../../../test/support/int-harness';
import { SurveyService } from './survey.service';

// API.md v1.1 "The citizens' voice", on MariaDB and SQLite (TEST_DB), with an injected clock for
// the survey's window. The fixture's office is open every day, so the next business day after a
// visit is the day after it; the survey closes at its end.
describe('IKM survey', () => {
  let h: IntHarness;
  let survey: SurveyService;
  beforeAll(async () => {
    h = await createIntHarness('survey');
    survey = h.app.get(SurveyService);
  });
  afterAll(() => h.close());

  const all = (n: number) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [String(i + 1), n]));

  /** A visit served at counter 1 (and, with `counter`, at another one). */
  async function served(f: Awaited<ReturnType<typeof officeFixture>>, counter = 0, issued?: { id: string; trackingToken: string }) {
    const ticket = issued ?? (await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk'));
    await h.counters.open(f.officers[counter], f.counters[counter].id).catch(() => undefined);
    const called = await h.counters.callNext(f.officers[counter], f.counters[counter].id);
    expect(called?.ticket.id).toBe(ticket.id);
    await h.tickets.transition(f.officers[counter], ticket.id, 'complete');
    return ticket;
  }

  it('opens once the visit is served, takes one rating per visit, and closes at the end of the next business day', async () => {
    const f = await officeFixture(h);
    const waiting = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    await expect(survey.submit(waiting.trackingToken, { answers: all(4) })).rejects.toMatchObject({ code: 'SURVEY_NOT_OPEN', status: 409 });
    const ticket = await served(f, 0, waiting);
    // Closed: past the end of the day after the visit (office time).
    const visitDay = new Intl.DateTimeFormat('en-CA', { timeZone: f.timezone }).format(new Date());
    const closes = new Date(new Date(`${visitDay}T00:00:00+07:00`).getTime() + 2 * 86_400_000);
    await expect(survey.submit(ticket.trackingToken, { answers: all(4) }, closes)).rejects.toMatchObject({ code: 'SURVEY_CLOSED' });
    await survey.submit(ticket.trackingToken, { answers: all(4), comment: 'Petugas ramah sekali' }, new Date(closes.getTime() - 1000));
    await expect(survey.submit(ticket.trackingToken, { answers: all(3) })).rejects.toMatchObject({ code: 'SURVEY_ALREADY_SUBMITTED' });
    await expect(survey.submit('x'.repeat(22), { answers: all(3) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.dataSource.getRepository(SurveyResponse).countBy({ officeId: f.officeId })).toBe(1);
  });

  it('computes the index per office, service and counter, and keeps comments sealed for staff', async () => {
    const f = await officeFixture(h, { counters: 2 });
    const ratings = [all(4), all(3), { ...all(4), '9': 3 }];
    const tickets = [await served(f, 0), await served(f, 0), await served(f, 1)];
    for (const [i, t] of tickets.entries()) await survey.submit(t.trackingToken, { answers: ratings[i]!, comment: i === 1 ? 'Antre terlalu lama' : undefined });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: f.timezone }).format(new Date());
    const r = await survey.results(h.admin, f.officeId, today, today);
    // Element averages 11/3 for 1–8 and 10/3 for 9: mean 98/27 → 25 × 3.6296 = 90.74, A.
    expect(r).toMatchObject({ responses: 3, ikm: 90.74, grade: 'A', label: 'Sangat Baik' });
    expect(r.elements[8]).toEqual({ element: 9, key: 'facilities', average: 3.33 });
    expect(r.byCounter.sort((a, b) => b.responses - a.responses)).toEqual([
      { counterId: f.counters[0].id, responses: 2, ikm: 87.5 },
      { counterId: f.counters[1].id, responses: 1, ikm: 97.22 },
    ]);
    expect(r.byService).toEqual([{ serviceId: f.services[0].id, responses: 3, ikm: 90.74 }]);
    expect((await survey.comments(h.admin, f.officeId, today, today)).map((c) => c.comment)).toEqual(['Antre terlalu lama']);
    // At rest the comment is sealed.
    const stored = await h.dataSource.getRepository(SurveyResponse).findBy({ officeId: f.officeId });
    expect(stored.some((s) => s.commentSealed?.includes('Antre'))).toBe(false);
    // Another office's staff read nothing of it.
    const other = { id: f.officers[0].id, username: 'x', role: 'supervisor' as const, officeId: (await officeFixture(h)).officeId };
    await expect(survey.results(other, f.officeId, today, today)).rejects.toMatchObject({ status: 403 });
  });

  it('keeps the answers but erases the comment with the retention purge', async () => {
    const f = await officeFixture(h);
    const ticket = await served(f);
    await survey.submit(ticket.trackingToken, { answers: all(2), comment: 'Nama saya Budi, telepon 0812' });
    const later = new Date(Date.now() + (h.config.retentionDays + 2) * 86_400_000);
    await h.app.get(MaintenanceService).purgeExpired(later);
    const [row] = await h.dataSource.getRepository(SurveyResponse).findBy({ officeId: f.officeId });
    expect(row).toMatchObject({ a1: 2, a9: 2, commentSealed: null });
  });

  it("offers the counter's tablet the visit it finished last, for ten minutes, once, and only to that office's staff", async () => {
    const f = await officeFixture(h, { counters: 2 });
    const counter = f.counters[0].id;
    expect(await survey.pendingAtCounter(f.officers[0], counter)).toEqual({ pending: null });
    const issued = await h.tickets.issue(f.officeId, { serviceId: f.services[0].id }, 'kiosk');
    const ticket = await served(f, 0, issued);
    const { pending } = await survey.pendingAtCounter(f.officers[0], counter);
    expect(pending).toMatchObject({ ticketId: ticket.id, number: issued.number });
    const finished = new Date(pending!.finishedAt);
    // Not the other counter's, and not for another office's staff.
    expect(await survey.pendingAtCounter(f.officers[1], f.counters[1].id)).toEqual({ pending: null });
    await expect(survey.submitAtCounter(f.officers[1], f.counters[1].id, ticket.id, { answers: all(4) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stranger = { id: f.officers[0].id, username: 'x', role: 'officer' as const, officeId: (await officeFixture(h)).officeId };
    await expect(survey.pendingAtCounter(stranger, counter)).rejects.toMatchObject({ status: 403 });
    await expect(survey.submitAtCounter(stranger, counter, ticket.id, { answers: all(4) })).rejects.toMatchObject({ status: 403 });
    // Ten minutes after the visit the tablet no longer offers it, nor takes it.
    expect(await survey.pendingAtCounter(f.officers[0], counter, new Date(finished.getTime() + 10 * 60_000 + 1000))).toEqual({ pending: null });
    await expect(
      survey.submitAtCounter(f.officers[0], counter, ticket.id, { answers: all(4) }, new Date(finished.getTime() + 10 * 60_000 + 1000)),
    ).rejects.toMatchObject({ code: 'SURVEY_CLOSED' });
    // Within them: once, counted for that counter; then nothing is offered.
    await survey.submitAtCounter(f.officers[0], counter, ticket.id, { answers: all(3) });
    await expect(survey.submitAtCounter(f.officers[0], counter, ticket.id, { answers: all(3) })).rejects.toMatchObject({ code: 'SURVEY_ALREADY_SUBMITTED' });
    await expect(survey.submit(ticket.trackingToken, { answers: all(3) })).rejects.toMatchObject({ code: 'SURVEY_ALREADY_SUBMITTED' });
    expect(await survey.pendingAtCounter(f.officers[0], counter)).toEqual({ pending: null });
    expect(await h.dataSource.getRepository(SurveyResponse).findOneBy({ ticketId: ticket.id })).toMatchObject({ counterId: counter, a1: 3 });
  });
});
