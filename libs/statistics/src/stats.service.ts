import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { MyDay, OfficeStats, StatsSummary } from '@giliran/contracts';
import { DomainError, businessDateOf, computeStats, csvCell, isBusinessDate, startOfBusinessDate } from '@giliran/core';
import { StaffUser } from '@giliran/database';
import { BookingRepository } from '@giliran/booking';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { OfficeRepository } from '@giliran/offices';
import { CounterRepository, TicketHistory } from '@giliran/ticketing';

const MAX_DAYS = 366;

/** Statistics computed from the audit trail (API.md "Statistics"). */
@Injectable()
export class StatsService {
  constructor(
    private readonly offices: OfficeRepository,
    private readonly history: TicketHistory,
    private readonly counters: CounterRepository,
    private readonly appointments: BookingRepository,
    private readonly ds: DataSource,
  ) {}

  async officeStats(user: StaffPrincipal, officeId: string, fromDate: string, toDate: string): Promise<OfficeStats> {
    assertOfficeAccess(user, officeId);
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    if (!isBusinessDate(fromDate) || !isBusinessDate(toDate)) throw new DomainError('VALIDATION_FAILED', 400, 'from, to: must be real dates YYYY-MM-DD');
    if (fromDate > toDate) throw new DomainError('VALIDATION_FAILED', 400, 'from, to: from must not be after to');
    const from = startOfBusinessDate(fromDate, office.timezone);
    const dayAfter = new Date(Date.parse(`${toDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const to = startOfBusinessDate(dayAfter, office.timezone);
    if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000)
      throw new DomainError('VALIDATION_FAILED', 400, `from, to: a period of at most ${MAX_DAYS} days`);
    const end = new Date(Math.min(to.getTime(), Date.now()));

    const [rows, sessions, services, counters, appointmentCounts] = await Promise.all([
      this.history.auditRowsOfTicketsIssued(officeId, from, to),
      this.counters.counterEvents(officeId, from, to),
      this.offices.services(officeId),
      this.offices.counters(officeId),
      this.appointments.countByStatus(officeId, fromDate, toDate),
    ]);
    const appointmentCount = (status: string) => appointmentCounts.get(status) ?? 0;
    const s = computeStats(rows, sessions, { from, to: end < from ? from : end, timeZone: office.timezone });
    const staff = s.byOfficer.size ? await this.ds.getRepository(StaffUser).findBy({ id: In([...s.byOfficer.keys()]) }) : [];
    const username = new Map(staff.map((u) => [u.id, u.username]));
    const counterName = new Map(counters.map((c) => [c.id, c.name]));
    const summary = (x: StatsSummary): StatsSummary => ({
      issued: x.issued,
      served: x.served,
      noShow: x.noShow,
      cancelled: x.cancelled,
      transferred: x.transferred,
      avgWaitSeconds: x.avgWaitSeconds,
      p90WaitSeconds: x.p90WaitSeconds,
      avgServiceSeconds: x.avgServiceSeconds,
    });
    return {
      officeId,
      from: fromDate,
      to: toDate,
      timezone: office.timezone,
      ...summary(s),
      byService: services.flatMap((svc) => {
        const x = s.byService.get(svc.id);
        return x ? [{ serviceId: svc.id, prefix: svc.prefix, name: svc.name, ...summary(x) }] : [];
      }),
      byHour: [...s.byHour].sort(([a], [b]) => a - b).map(([hour, x]) => ({ hour, ...summary(x) })),
      byOfficer: [...s.byOfficer].map(([officerId, o]) => ({ officerId, username: username.get(officerId) ?? '', ...o })).sort((a, b) => b.served - a.served),
      byCounter: [...s.byCounter]
        .map(([counterId, c]) => ({ counterId, name: counterName.get(counterId) ?? '', ...c }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      appointments: {
        booked: appointmentCount('booked'),
        checkedIn: appointmentCount('checked_in'),
        noShow: appointmentCount('no_show'),
        cancelled: appointmentCount('cancelled'),
      },
    };
  }

  /** An officer's own figures for today, for the console. */
  async myDay(user: StaffPrincipal): Promise<MyDay> {
    if (!user.officeId) throw new DomainError('VALIDATION_FAILED', 400, 'this account belongs to no office');
    const office = await this.offices.findOffice(user.officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    const businessDate = businessDateOf(new Date(), office.timezone);
    const mine = await this.history.eventsByActor(office.id, `staff:${user.id}`, startOfBusinessDate(businessDate, office.timezone));
    const completed = mine.filter((e) => e.type === 'completed');
    const trails = await this.history.eventsOfTickets(
      office.id,
      completed.map((e) => e.ticketId),
    );
    const durations = completed.flatMap((c) => {
      const start = trails.filter((e) => e.ticketId === c.ticketId && e.type === 'started' && e.at <= c.at).pop();
      return start ? [(c.at.getTime() - start.at.getTime()) / 1000] : [];
    });
    return {
      businessDate,
      called: mine.filter((e) => e.type === 'called').length,
      served: completed.length,
      noShow: mine.filter((e) => e.type === 'no_show').length,
      transferred: mine.filter((e) => e.type === 'transferred').length,
      avgServiceSeconds: durations.length ? Math.round((durations.reduce((a, b) => a + b, 0) / durations.length) * 10) / 10 : null,
    };
  }
}

/** CSV of the statistics: one row per scope (total, service, hour, officer, counter). */
export function statsCsv(s: OfficeStats): string {
  const cols = ['issued', 'served', 'noShow', 'cancelled', 'transferred', 'avgWaitSeconds', 'p90WaitSeconds', 'avgServiceSeconds'] as const;
  const lines = [['scope', 'key', 'name', ...cols, 'called', 'openSeconds', 'busySeconds', 'idleSeconds'].join(',')];
  const row = (scope: string, key: string, name: string, x: object) => {
    const v = x as Record<string, unknown>;
    lines.push([scope, key, name, ...cols.map((c) => v[c]), v.called, v.openSeconds, v.busySeconds, v.idleSeconds].map(csvCell).join(','));
  };
  row('total', `${s.from}..${s.to}`, '', s);
  for (const x of s.byService) row('service', x.prefix, x.name, x);
  for (const x of s.byHour) row('hour', String(x.hour).padStart(2, '0'), '', x);
  for (const x of s.byOfficer) row('officer', x.officerId, x.username, x);
  for (const x of s.byCounter)
    row('counter', x.counterId, x.name, { served: x.served, openSeconds: x.openSeconds, busySeconds: x.busySeconds, idleSeconds: x.idleSeconds });
  for (const [status, n] of Object.entries(s.appointments)) row('appointments', status, '', { issued: n });
  return lines.join('\r\n') + '\r\n';
}
