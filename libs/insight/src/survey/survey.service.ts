import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { CounterSurveyPending, SurveyComment, SurveyQuestion, SurveyResults } from '@giliran/contracts';
import { DomainError, IKM_ELEMENTS, PiiCipher, businessDateOf, ikmOf, isBusinessDate, nextOpenDate, surveyClosesAt } from '@giliran/core';
import { SurveyResponse, Ticket, uniqueViolation } from '@giliran/database';
import { OfficeRepository } from '@giliran/offices';
import { TicketRepository } from '@giliran/ticketing';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { QUESTIONS } from './questions';

/** How long after a visit the counter's tablet still offers (and takes) its survey. */
export const COUNTER_SURVEY_MINUTES = 10;
/** A period read at once: a year and a bit. */
const MAX_DAYS = 400;
const ANSWERS = IKM_ELEMENTS.map((_, i) => `a${i + 1}` as const);

export interface SurveyAnswers {
  answers: Record<string, number>;
  comment?: string;
}

type SumRow = { n: string | number; key?: string | null } & Record<string, string | number | null>;

/** The IKM survey (API.md v1.1 "The citizens' voice"): asked of a finished ticket, read by staff. */
@Injectable()
export class SurveyService {
  private readonly pii: PiiCipher;

  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketRepository,
    private readonly offices: OfficeRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  questions(locale: 'id' | 'en' = 'id'): SurveyQuestion[] {
    return IKM_ELEMENTS.map((key, i) => {
      const texts = QUESTIONS[locale][key];
      return { element: i + 1, key, question: texts.question, options: texts.options.map((label, j) => ({ value: j + 1, label })) };
    });
  }

  /** A citizen's answers, by their ticket's tracking token: once, when done, until the end of the next business day. */
  async submit(trackingToken: string, body: SurveyAnswers, now = new Date()): Promise<void> {
    const ticket = /^[A-Za-z0-9_-]{16,64}$/.test(trackingToken) ? await this.tickets.findByToken(trackingToken) : null;
    if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    await this.record(ticket, body, now);
  }

  /**
   * The visit the counter's tablet offers the survey for (`/survey?counter=`): the ticket this
   * counter finished last, while it is unrated and finished at most COUNTER_SURVEY_MINUTES ago.
   */
  async pendingAtCounter(user: StaffPrincipal, counterId: string, now = new Date()): Promise<CounterSurveyPending> {
    const counter = await this.offices.findCounterById(counterId);
    if (!counter) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    assertOfficeAccess(user, counter.officeId);
    const office = await this.offices.findOffice(counter.officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    const last = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.number', 't.finishedAt'])
      .where('t.officeId = :officeId AND t.businessDate = :today AND t.counterId = :counterId AND t.status = :done', {
        officeId: office.id,
        today: businessDateOf(now, office.timezone),
        counterId,
        done: 'done',
      })
      .orderBy('t.finishedAt', 'DESC')
      .limit(1)
      .getOne();
    if (!last?.finishedAt || now.getTime() - last.finishedAt.getTime() > COUNTER_SURVEY_MINUTES * 60_000) return { pending: null };
    if (await this.ds.getRepository(SurveyResponse).existsBy({ ticketId: last.id })) return { pending: null };
    return { pending: { ticketId: last.id, number: last.number, finishedAt: last.finishedAt.toISOString() } };
  }

  /** Answers given on the counter's tablet, for a visit that counter finished (the tracking page's rules, and the tablet's window). */
  async submitAtCounter(user: StaffPrincipal, counterId: string, ticketId: string, body: SurveyAnswers, now = new Date()): Promise<void> {
    const ticket = await this.tickets.findByIdAnyOffice(ticketId);
    if (!ticket || ticket.counterId !== counterId) throw new DomainError('NOT_FOUND', 404, 'no visit of this counter with this id');
    assertOfficeAccess(user, ticket.officeId);
    if (ticket.status === 'done' && ticket.finishedAt && now.getTime() - ticket.finishedAt.getTime() > COUNTER_SURVEY_MINUTES * 60_000)
      throw new DomainError('SURVEY_CLOSED', 409, 'the counter tablet takes a visit’s answers only in the minutes after it');
    await this.record(ticket, body, now);
  }

  private async record(ticket: Ticket, body: SurveyAnswers, now: Date): Promise<void> {
    if (ticket.status !== 'done') throw new DomainError('SURVEY_NOT_OPEN', 409, 'the survey opens once the ticket has been served');
    const office = await this.offices.findOffice(ticket.officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    const [hours, holidays] = await Promise.all([this.offices.hours(office.id), this.offices.holidaySet(office.id)]);
    const closesAt = surveyClosesAt(ticket.businessDate, nextOpenDate(ticket.businessDate, hours, holidays), office.timezone);
    if (now >= closesAt) throw new DomainError('SURVEY_CLOSED', 409, 'the survey of this visit has closed', { closesAt: closesAt.toISOString() });
    const row: SurveyResponse = Object.assign(new SurveyResponse(), {
      id: randomUUID(),
      officeId: ticket.officeId,
      serviceId: ticket.serviceId,
      counterId: ticket.counterId,
      ticketId: ticket.id,
      businessDate: ticket.businessDate,
      ...Object.fromEntries(ANSWERS.map((a, i) => [a, body.answers[String(i + 1)]])),
      commentSealed: body.comment?.trim() ? this.pii.encrypt(body.comment.trim()) : null,
      createdAt: now,
    });
    try {
      await this.ds.getRepository(SurveyResponse).insert(row);
    } catch (err) {
      if (uniqueViolation(err) === 'uq_survey_ticket') throw new DomainError('SURVEY_ALREADY_SUBMITTED', 409, 'this visit has been rated already');
      throw err;
    }
  }

  /** The office's index of a period, for its public page: no comment, no person. */
  async summary(officeId: string, from: string, to: string): Promise<{ responses: number; ikm: number | null; grade: string | null }> {
    const [row] = await this.sums(officeId, from, to, null);
    const r = ikmOf(
      Number(row?.n ?? 0),
      ANSWERS.map((a) => Number(row?.[a] ?? 0)),
    );
    return { responses: r.responses, ikm: r.ikm, grade: r.grade };
  }

  private sums(officeId: string, from: string, to: string, group: 'service_id' | 'counter_id' | null): Promise<SumRow[]> {
    const q = this.ds
      .getRepository(SurveyResponse)
      .createQueryBuilder('s')
      .select('COUNT(*)', 'n')
      .where('s.officeId = :officeId AND s.businessDate >= :from AND s.businessDate <= :to', { officeId, from, to });
    for (const a of ANSWERS) q.addSelect(`SUM(s.${a})`, a);
    if (group) q.addSelect(`s.${group}`, 'key').groupBy(`s.${group}`);
    return q.getRawMany<SumRow>();
  }

  async results(user: StaffPrincipal, officeId: string, from: string, to: string): Promise<SurveyResults> {
    await this.period(user, officeId, from, to);
    const sums = (group: 'service_id' | 'counter_id' | null) => this.sums(officeId, from, to, group);
    const [[total], byService, byCounter] = await Promise.all([sums(null), sums('service_id'), sums('counter_id')]);
    const ikm = (r: SumRow | undefined) =>
      ikmOf(
        Number(r?.n ?? 0),
        ANSWERS.map((a) => Number(r?.[a] ?? 0)),
      );
    const all = ikm(total);
    return {
      responses: all.responses,
      elements: IKM_ELEMENTS.map((key, i) => ({ element: i + 1, key, average: all.averages[i] === null ? null : round2(all.averages[i]!) })),
      ikm: all.ikm,
      grade: all.grade,
      label: all.label,
      byService: byService.map((r) => ({ serviceId: String(r.key), responses: Number(r.n), ikm: ikm(r).ikm })),
      byCounter: byCounter.filter((r) => r.key).map((r) => ({ counterId: String(r.key), responses: Number(r.n), ikm: ikm(r).ikm })),
      from,
      to,
    };
  }

  async comments(user: StaffPrincipal, officeId: string, from: string, to: string): Promise<SurveyComment[]> {
    await this.period(user, officeId, from, to);
    const rows = await this.ds
      .getRepository(SurveyResponse)
      .createQueryBuilder('s')
      .where('s.officeId = :officeId AND s.businessDate >= :from AND s.businessDate <= :to AND s.commentSealed IS NOT NULL', { officeId, from, to })
      .orderBy('s.businessDate', 'ASC')
      .addOrderBy('s.createdAt', 'ASC')
      .limit(5000)
      .getMany();
    return rows.map((r) => ({
      date: r.businessDate,
      serviceId: r.serviceId,
      counterId: r.counterId,
      comment: this.pii.decrypt(r.commentSealed!),
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** The nightly purge: comments of visits before `beforeDate`, a batch at a time. */
  async purgeCommentsBefore(beforeDate: string, limit: number): Promise<number> {
    const rows = await this.ds
      .getRepository(SurveyResponse)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.businessDate < :beforeDate AND s.commentSealed IS NOT NULL', { beforeDate })
      .limit(limit)
      .getRawMany<{ id: string }>();
    if (rows.length) await this.ds.getRepository(SurveyResponse).update({ id: In(rows.map((r) => r.id)) }, { commentSealed: null });
    return rows.length;
  }

  private async period(user: StaffPrincipal, officeId: string, from: string, to: string): Promise<void> {
    assertOfficeAccess(user, officeId);
    if (!isBusinessDate(from) || !isBusinessDate(to) || from > to)
      throw new DomainError('VALIDATION_FAILED', 400, 'from, to: real dates YYYY-MM-DD, from not after to');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new DomainError('VALIDATION_FAILED', 400, `from, to: at most ${MAX_DAYS} days`);
    if (!(await this.offices.findOffice(officeId))) throw new DomainError('NOT_FOUND', 404, 'office not found');
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
