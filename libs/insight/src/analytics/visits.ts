import { type VisitFacts, startOfBusinessDate } from '@giliran/core';
import { type Office, Ticket } from '@giliran/database';
import type { DataSource } from 'typeorm';

export interface Visit extends VisitFacts {
  serviceId: string;
  /** A walk-in (not a checked-in booking): what the forecast predicts. */
  walkIn: boolean;
}

type Row = Pick<Ticket, 'businessDate' | 'status' | 'serviceId' | 'appointmentId'> & {
  issuedAt: Date | string;
  calledAt: Date | string | null;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
};

const time = (v: Date | string | null): number | null =>
  v == null ? null : v instanceof Date ? v.getTime() : Date.parse(v.includes('T') ? v : `${v.replace(' ', 'T')}Z`);

/**
 * An office's tickets of days [from, to] as facts for the analytics: one bounded read by the
 * (office, day) index, a local hour each from its day's start (one time-zone sum per day).
 */
export async function visitsOf(ds: DataSource, office: Office, from: string, to: string, serviceId?: string): Promise<Visit[]> {
  const q = ds
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .select(['t.businessDate', 't.status', 't.serviceId', 't.appointmentId', 't.issuedAt', 't.calledAt', 't.startedAt', 't.finishedAt'])
    .where('t.officeId = :officeId AND t.businessDate >= :from AND t.businessDate <= :to', { officeId: office.id, from, to });
  if (serviceId) q.andWhere('t.serviceId = :serviceId', { serviceId });
  const rows = (await q.getMany()) as unknown as Row[];
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
