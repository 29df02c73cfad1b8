import { ALL_SERVICES, type DayRollup, FINAL_STATUSES, type VisitFacts, rollUp, rollUpDay, startOfBusinessDate } from '@giliran/core';
import { DayRollupRow, type Office, Ticket } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';

/** A ticket as the analytics read it, straight from the driver (SQLite gives times as text). */
interface RawRow {
  business_date: string;
  status: Ticket['status'];
  service_id: string;
  appointment_id: string | null;
  issued_at: Date | string;
  called_at: Date | string | null;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

/** How far back the nightly roll-up reaches: the longest period an analytics answer covers, and a little. */
const BACKFILL_DAYS = 400;
/** Days the end of an office's day rolls up at most (each one read alone). */
const NIGHTLY_DAYS = 62;
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
   * The end of each office's day: rolls up the past days of the office not rolled up yet, newest
   * first, back to its first ticket (at most BACKFILL_DAYS), NIGHTLY_DAYS of them a night, each
   * read alone (one office's day: the nightly jobs stay bounded whatever the history). The night
   * after an upgrade a year is begun, and finished within a week; reads roll what they miss.
   */
  async settle(office: Office, today: string): Promise<void> {
    const first = await firstDay(this.ds, office.id);
    if (!first) return;
    const earliest = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: BACKFILL_DAYS }).toISODate()!;
    const from = first > earliest ? first : earliest;
    const to = dayBefore(today);
    if (from > to) return;
    const { missing } = await this.stored(office, from, to);
    for (const date of missing.slice(-NIGHTLY_DAYS).reverse()) await this.rollUpDays(office, [date]);
  }

  /** Every rollup of the past days [from, to]: stored ones read, missing ones made from the tickets (and kept once settled). */
  private async past(office: Office, from: string, to: string): Promise<DayRollup[]> {
    const { days, missing } = await this.stored(office, from, to);
    // A month of tickets at a time: the first read of a long period must not hold a year of tickets.
    for (let i = 0; i < missing.length; i += 31) days.push(...(await this.rollUpDays(office, missing.slice(i, i + 31))));
    return days;
  }

  /** The stored rollups of [from, to], and the days among them not rolled up yet. */
  private async stored(office: Office, from: string, to: string): Promise<{ days: DayRollup[]; missing: string[] }> {
    const rows = await this.ds
      .getRepository(DayRollupRow)
      .createQueryBuilder('r')
      .where('r.officeId = :officeId AND r.businessDate >= :from AND r.businessDate <= :to', { officeId: office.id, from, to })
      .getMany();
    const rolled = new Set(rows.filter((r) => r.serviceId === ALL_SERVICES).map((r) => r.businessDate));
    const missing: string[] = [];
    for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 }))
      if (!rolled.has(d.toISODate()!)) missing.push(d.toISODate()!);
    return { days: rows.map((r) => JSON.parse(r.figures) as DayRollup), missing };
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
      if (list.every((v) => FINAL_STATUSES.includes(v.status)))
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
    // By the (office, day) index, forced: MariaDB may think a busy office's day a large share of a
    // young table and read it whole. One day by equality, a period by range.
    const mysql = this.ds.options.type === 'mysql';
    const rows: RawRow[] = await this.ds.query(
      'SELECT business_date, status, service_id, appointment_id, issued_at, called_at, started_at, finished_at ' +
        `FROM ticket${mysql ? ' FORCE INDEX (ix_ticket_office_date)' : ''} ` +
        `WHERE office_id = ? AND ${from === to ? 'business_date = ?' : 'business_date BETWEEN ? AND ?'}`,
      from === to ? [office.id, from] : [office.id, from, to],
    );
    const dayStart = new Map<string, number>();
    const startOf = (date: string) => {
      let s = dayStart.get(date);
      if (s === undefined) dayStart.set(date, (s = startOfBusinessDate(date, office.timezone).getTime()));
      return s;
    };
    return rows.map((r) => {
      const issued = time(r.issued_at)!;
      const called = time(r.called_at);
      const started = time(r.started_at) ?? called;
      const finished = time(r.finished_at);
      return {
        date: r.business_date,
        hour: Math.min(23, Math.max(0, Math.floor((issued - startOf(r.business_date)) / 3_600_000))),
        status: r.status,
        waitSeconds: called !== null ? Math.max(0, Math.round((called - issued) / 1000)) : null,
        serviceSeconds: r.status === 'done' && finished !== null && started !== null ? Math.max(0, Math.round((finished - started) / 1000)) : null,
        serviceId: r.service_id,
        walkIn: r.appointment_id === null,
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
