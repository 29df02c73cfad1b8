import { ALL_SERVICES, type DayRollup, type VisitFacts, rollUp, rollUpDay, startOfBusinessDate } from '@giliran/core';
import { DayRollupRow, type Office, Ticket } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';

type Row = Pick<Ticket, 'businessDate' | 'status' | 'serviceId' | 'appointmentId'> & {
  issuedAt: Date | string;
  calledAt: Date | string | null;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
};

/** How far back the nightly roll-up reaches: the longest period an analytics answer covers, and a little. */
const BACKFILL_DAYS = 400;
const OPEN = new Set(['waiting', 'called', 'serving']);
const time = (v: Date | string | null): number | null =>
  v == null ? null : v instanceof Date ? v.getTime() : Date.parse(v.includes('T') ? v : `${v.replace(' ', 'T')}Z`);
const dayBefore = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;

/**
 * The analytics' source: each day of an office summed up once (libs/core `DayRollup`), so a year
 * of a busy office is a few hundred rows, not a million tickets. A past day is rolled up from its
 * tickets by the end of the office's day, or by the first read that finds it missing, and stored
 * only once it is settled (no ticket of it still open). Today is always summed live.
 */
@Injectable()
export class DayRollups {
  constructor(private readonly ds: DataSource) {}

  /** The rollups of the days [from, to] of one service (ALL_SERVICES: the office); `today` live. Days without tickets are absent. */
  async read(office: Office, from: string, to: string, today: string, serviceId = ALL_SERVICES): Promise<DayRollup[]> {
    const out: DayRollup[] = [];
    const lastPast = to < today ? to : dayBefore(today);
    if (from <= lastPast) out.push(...(await this.past(office, from, lastPast)).filter((d) => d.serviceId === serviceId));
    if (from <= today && today <= to) {
      const live = rollUp(
        today,
        serviceId,
        (await this.visits(office, today, today)).filter((v) => serviceId === ALL_SERVICES || v.serviceId === serviceId),
      );
      if (live.issued) out.push(live);
    }
    return out;
  }

  /**
   * Rolls up every past day of the office not rolled up yet, up to yesterday and back to its first
   * ticket (at most BACKFILL_DAYS): the end of each office's day calls this, so the first night
   * after an upgrade sums up the history, and each later night the day just settled.
   */
  async settle(office: Office, today: string): Promise<void> {
    const first = await firstDay(this.ds, office.id);
    if (!first) return;
    const earliest = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: BACKFILL_DAYS }).toISODate()!;
    const from = first > earliest ? first : earliest;
    const to = dayBefore(today);
    if (from <= to) await this.past(office, from, to);
  }

  /** Every rollup of the past days [from, to]: stored ones read, missing ones made from the tickets (and kept once settled). */
  private async past(office: Office, from: string, to: string): Promise<DayRollup[]> {
    const stored = await this.ds
      .getRepository(DayRollupRow)
      .createQueryBuilder('r')
      .where('r.officeId = :officeId AND r.businessDate >= :from AND r.businessDate <= :to', { officeId: office.id, from, to })
      .getMany();
    const rolled = new Set(stored.filter((r) => r.serviceId === ALL_SERVICES).map((r) => r.businessDate));
    const days = stored.map((r) => JSON.parse(r.figures) as DayRollup);
    const missing: string[] = [];
    for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 }))
      if (!rolled.has(d.toISODate()!)) missing.push(d.toISODate()!);
    // A month of tickets at a time: the first read of a long period must not hold a year of tickets.
    for (let i = 0; i < missing.length; i += 31) days.push(...(await this.rollUpDays(office, missing.slice(i, i + 31))));
    return days;
  }

  /** The rollups of these past days (in order) from their tickets; each kept once it is settled. */
  private async rollUpDays(office: Office, dates: string[]): Promise<DayRollup[]> {
    const visits = await this.visits(office, dates[0]!, dates.at(-1)!);
    const byDate = new Map<string, VisitFacts[]>(dates.map((d) => [d, []]));
    for (const v of visits) byDate.get(v.date)?.push(v);
    const days: DayRollup[] = [];
    const settled: DayRollupRow[] = [];
    for (const [date, list] of byDate) {
      const rollups = rollUpDay(date, list);
      days.push(...rollups);
      if (!list.some((v) => OPEN.has(v.status)))
        settled.push(
          ...rollups.map((r) =>
            Object.assign(new DayRollupRow(), { officeId: office.id, businessDate: date, serviceId: r.serviceId, figures: JSON.stringify(r) }),
          ),
        );
    }
    // Two readers may roll the same day at once: both sums are the same, the second is ignored.
    for (let i = 0; i < settled.length; i += 500)
      await this.ds
        .createQueryBuilder()
        .insert()
        .into(DayRollupRow)
        .values(settled.slice(i, i + 500))
        .orIgnore()
        .execute();
    return days;
  }

  /** An office's tickets of days [from, to] as facts: one bounded read by the (office, day) index. */
  private async visits(office: Office, from: string, to: string): Promise<VisitFacts[]> {
    const rows = (await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.businessDate', 't.status', 't.serviceId', 't.appointmentId', 't.issuedAt', 't.calledAt', 't.startedAt', 't.finishedAt'])
      .where('t.officeId = :officeId AND t.businessDate >= :from AND t.businessDate <= :to', { officeId: office.id, from, to })
      .getMany()) as unknown as Row[];
    const dayStart = new Map<string, number>();
    const startOf = (date: string) => {
      let s = dayStart.get(date);
      if (s === undefined) dayStart.set(date, (s = startOfBusinessDate(date, office.timezone).getTime()));
      return s;
    };
    return rows.map((r) => {
      const issued = time(r.issuedAt)!;
      const called = time(r.calledAt);
      const started = time(r.startedAt) ?? called;
      const finished = time(r.finishedAt);
      return {
        date: r.businessDate,
        hour: Math.min(23, Math.max(0, Math.floor((issued - startOf(r.businessDate)) / 3_600_000))),
        status: r.status,
        waitSeconds: called !== null ? Math.max(0, Math.round((called - issued) / 1000)) : null,
        serviceSeconds: r.status === 'done' && finished !== null && started !== null ? Math.max(0, Math.round((finished - started) / 1000)) : null,
        serviceId: r.serviceId,
        walkIn: r.appointmentId === null,
      };
    });
  }
}

/** The office's first business day with a ticket (by the office-and-day index), or null. */
export async function firstDay(ds: DataSource, officeId: string): Promise<string | null> {
  const row = await ds
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .select('MIN(t.businessDate)', 'first')
    .where('t.officeId = :officeId', { officeId })
    .getRawOne<{ first: string | null }>();
  return row?.first ?? null;
}
