import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { BookingRepository } from '@giliran/booking';
import type { ForecastView, StaffingView } from '@giliran/contracts';
import {
  type DayRollup,
  type Demand,
  DomainError,
  FORECAST_WEEKS,
  businessDateOf,
  countersNeeded,
  demandOf,
  erlangC,
  forecastArrivals,
  isBusinessDate,
} from '@giliran/core';
import type { Office } from '@giliran/database';
import { OfficeRepository } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DayRollups, firstDay } from './day-rollups';

/** A period read at once: a year and a bit. */
const MAX_DAYS = 400;

/** Demand, forecast and staffing advice of an office (API.md v1.1 "Office insight"). */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly offices: OfficeRepository,
    private readonly bookings: BookingRepository,
    private readonly rollups: DayRollups,
  ) {}

  async demand(user: StaffPrincipal, officeId: string, from: string, to: string, serviceId?: string, now = new Date()): Promise<Demand> {
    const office = await this.office(user, officeId);
    assertPeriod(from, to);
    const today = businessDateOf(now, office.timezone);
    const last = minDate(to, today);
    const [days, open] = await Promise.all([this.rollups.read(office, from, last, today, serviceId), this.openDays(office, from, last)]);
    return demandOf(days, open, office.targetWaitMinutes);
  }

  /** Expected walk-ins per hour of `date` from the same weekday of the last weeks, and the bookings already made. */
  async forecast(user: StaffPrincipal, officeId: string, date: string, serviceId?: string, now = new Date()): Promise<ForecastView> {
    const office = await this.office(user, officeId);
    return (await this.forecastOf(office, date, serviceId, now)).view;
  }

  /** The forecast, and the days it was drawn from (staffing measures its service times on them too). */
  private async forecastOf(office: Office, date: string, serviceId: string | undefined, now: Date): Promise<{ view: ForecastView; days: DayRollup[] }> {
    if (!isBusinessDate(date)) throw new DomainError('VALIDATION_FAILED', 400, 'date: a real date YYYY-MM-DD');
    const today = businessDateOf(now, office.timezone);
    const basis = await this.pastSameWeekdays(office, date, today);
    const inBasis = new Set(basis);
    const days = (basis.length ? await this.rollups.read(office, basis.at(-1)!, basis[0]!, today, serviceId) : []).filter((d) => inBasis.has(d.date));
    const byDate = new Map(days.map((d) => [d.date, d]));
    const perDay = basis.map((d) => byDate.get(d)?.walkIns ?? Array<number>(24).fill(0));
    const booked = await this.bookedByHour(office, date, serviceId);
    const view = {
      date,
      byHour: forecastArrivals(perDay).map((h) => ({ ...h, booked: booked[h.hour] ?? 0 })),
      basis: { weeks: basis.length, method: `mean of the same weekday over the last ${FORECAST_WEEKS} open weeks, ± 1.28 standard deviations`, dates: basis },
    };
    return { view, days };
  }

  /** For each hour of `date`: the fewest counters that serve `serviceLevel` of citizens within the target wait. */
  async staffing(
    user: StaffPrincipal,
    officeId: string,
    date: string,
    opts: { serviceId?: string; targetWaitMinutes?: number; serviceLevel?: number },
    now = new Date(),
  ): Promise<StaffingView> {
    const office = await this.office(user, officeId);
    const { view: forecast, days } = await this.forecastOf(office, date, opts.serviceId, now);
    const service = await this.measuredServiceSeconds(office, days, opts.serviceId);
    const target = opts.targetWaitMinutes ?? office.targetWaitMinutes;
    const level = opts.serviceLevel ?? 0.8;
    return {
      date,
      targetWaitMinutes: target,
      serviceLevel: level,
      byHour: forecast.byHour.map((h) => {
        const arrivals = h.expectedArrivals + h.booked;
        const { counters, result } = countersNeeded(arrivals, service, target * 60, level);
        return {
          hour: h.hour,
          expectedArrivals: Math.round(arrivals * 10) / 10,
          avgServiceSeconds: service,
          countersNeeded: counters,
          probabilityOfWaiting: round4(result.probabilityOfWaiting),
          averageWaitSeconds: result.averageWaitSeconds === null ? null : Math.round(result.averageWaitSeconds * 10) / 10,
          serviceLevel: round4(result.serviceLevel),
        };
      }),
    };
  }

  erlangC(arrivalsPerHour: number, avgServiceSeconds: number, counters: number, targetWaitSeconds: number) {
    const r = erlangC(arrivalsPerHour, avgServiceSeconds, counters, targetWaitSeconds);
    return {
      stable: r.stable,
      occupancy: round4(r.occupancy),
      probabilityOfWaiting: round4(r.probabilityOfWaiting),
      averageWaitSeconds: r.averageWaitSeconds === null ? null : Math.round(r.averageWaitSeconds * 100) / 100,
      serviceLevel: round4(r.serviceLevel),
    };
  }

  /** The days of [from, to] the office was open: a weekday with hours and not a holiday. */
  async openDays(office: Office, from: string, to: string): Promise<{ date: string; weekday: number }[]> {
    const [hours, holidays] = await Promise.all([this.offices.hours(office.id), this.offices.holidaySet(office.id)]);
    const open = new Set(hours.map((h) => h.weekday));
    const days = [];
    for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) {
      const date = d.toISODate()!;
      if (open.has(d.weekday) && !holidays.has(date)) days.push({ date, weekday: d.weekday });
    }
    return days;
  }

  /**
   * The same weekday as `date` in the weeks before it (and before today), open days only, newest
   * first, from the office's first ticket on: days before Giliran was used say nothing of demand.
   */
  private async pastSameWeekdays(office: Office, date: string, today: string): Promise<string[]> {
    const first = await firstDay(this.ds, office.id);
    if (!first) return [];
    const day = DateTime.fromISO(date, { zone: 'UTC' });
    const from = day.minus({ weeks: FORECAST_WEEKS * 2 }).toISODate()!;
    const open = new Set((await this.openDays(office, from, day.minus({ days: 1 }).toISODate()!)).map((d) => d.date));
    const dates: string[] = [];
    for (let w = 1; w <= FORECAST_WEEKS * 2 && dates.length < FORECAST_WEEKS; w++) {
      const d = day.minus({ weeks: w }).toISODate()!;
      if (d < today && d >= first && open.has(d)) dates.push(d);
    }
    return dates;
  }

  private async bookedByHour(office: Office, date: string, serviceId?: string): Promise<number[]> {
    const services = serviceId ? [serviceId] : (await this.offices.services(office.id)).map((s) => s.id);
    const start = DateTime.fromISO(date, { zone: office.timezone }).startOf('day');
    const hours = Array<number>(24).fill(0);
    for (const id of services) {
      for (const [slotStart, n] of await this.bookings.bookedPerSlot(id, start.toJSDate(), start.plus({ days: 1 }).toJSDate())) {
        const hour = Math.floor((slotStart - start.toMillis()) / 3_600_000);
        if (hour >= 0 && hour < 24) hours[hour]! += n;
      }
    }
    return hours;
  }

  /** The mean of the service times measured on the days the forecast looked at; the services' expected time without any. */
  private async measuredServiceSeconds(office: Office, days: DayRollup[], serviceId?: string): Promise<number> {
    const count = days.reduce((n, d) => n + d.measuredCount, 0);
    if (count) return Math.round(days.reduce((n, d) => n + d.measuredSum, 0) / count);
    const services = (await this.offices.services(office.id)).filter((s) => !serviceId || s.id === serviceId);
    return Math.round((services.reduce((n, s) => n + s.expectedServiceMinutes, 0) / Math.max(1, services.length)) * 60) || 300;
  }

  private async office(user: StaffPrincipal, officeId: string): Promise<Office> {
    assertOfficeAccess(user, officeId);
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    return office;
  }
}

function assertPeriod(from: string, to: string): void {
  if (!isBusinessDate(from) || !isBusinessDate(to) || from > to)
    throw new DomainError('VALIDATION_FAILED', 400, 'from, to: real dates YYYY-MM-DD, from not after to');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new DomainError('VALIDATION_FAILED', 400, `from, to: at most ${MAX_DAYS} days`);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
