import { businessDateOf } from '@giliran/core';
import { AuditTrail } from '@giliran/audit';
import { MaintenanceService } from '@giliran/operations';
import { AppointmentDays } from '@giliran/booking';
import { Appointment, CounterEvent, IdempotencyRecord, Ticket, TicketEvent } from '@giliran/database';
import { DateTime } from 'luxon';
import { randomBytes, randomUUID } from 'node:crypto';
import { StatsService } from '@giliran/statistics';
import { type Statement, capture } from '../../../test/support/statements';
import { createIntHarness, type IntHarness, officeFixture, type OfficeFixture } from '../../../test/support/int-harness';

/** The tables that grow with the history of every office: no request may walk them whole. */
const HISTORY_TABLES = ['ticket', 'ticket_event', 'counter_event', 'appointment', 'audit_event', 'notification_delivery', 'idempotency_record'];
/** The indexes of history tables that begin (office, time): looked up by the office alone, they give all of its past. */
const OFFICE_TIME_INDEXES = [
  'ix_ticket_event_office_at',
  'ix_counter_event_office_at',
  'ix_audit_office_at',
  'ix_ticket_office_date',
  'ix_appointment_office_date',
];
/** Another office's history, enough that a plan walking it stands out from one office's day. */
const OTHER_TICKETS = 6000;
/** More rows than one office's busy day here (this office has about a thousand events today). */
const ONE_OFFICE_DAY = 2000;

/**
 * Issue #13: every statement of the request paths is served by an index bounded by one office
 * (and mostly one day), whatever the history of the others: no full scan of a history table, and
 * no sort of more than one office's rows. The statements are those the services really send,
 * captured at the query runner, and each is asked for its plan (EXPLAIN on MySQL, EXPLAIN QUERY
 * PLAN on SQLite) with its own parameters, over a database holding another office's history.
 */
describe('query plans of the request paths', () => {
  let h: IntHarness;
  let f: OfficeFixture;
  beforeAll(async () => {
    // Its own database: plans depend on the tables' statistics, which other files would move.
    h = await createIntHarness('query-plans', { privateDatabase: true });
    f = await officeFixture(h, { services: 2, counters: 2 });
    other = await officeFixture(h, { services: 2 });
    await fillHistory(h, other, { days: 30, tickets: OTHER_TICKETS });
    // This office's own past too: a read of today (or of a week) must not walk its whole history.
    await fillHistory(h, f, { days: 30, tickets: 2400 });
    await fillAppointments(h, other, { fromDay: -30, days: 44, count: OTHER_TICKETS });
  }, 120_000);
  let other: OfficeFixture;

  /**
   * After the statements ran, and before they are explained: the day goes on, in this office (a
   * thousand waiting) and in the other (busier, and later: the newest rows are not this office's). Once.
   */
  let busy: Promise<void> | undefined;
  const busyDay = (): Promise<void> =>
    (busy ??= (async () => {
      await fillHistory(h, f, { days: 0, tickets: 1000, status: 'waiting' });
      await fillHistory(h, other, { days: 0, tickets: OTHER_TICKETS / 2 });
      await fillAppointments(h, other, { fromDay: 0, days: 2, count: OTHER_TICKETS / 2 });
      await fillIdempotency(h, OTHER_TICKETS / 2);
      if (h.dataSource.options.type === 'mysql') await h.dataSource.query('ANALYZE TABLE ticket, ticket_event, counter_event, appointment, idempotency_record');
    })());
  afterAll(() => h.close());

  /** Every statement seen, explained once the day has gone on: none walks beyond one office's day. */
  async function expectBounded(seen: Statement[], opts: { period?: boolean } = {}): Promise<void> {
    await busyDay();
    const bad = [];
    for (const s of seen) bad.push(...(await problemsOf(h, s, opts)));
    expect(bad).toEqual([]);
  }

  it('walk-in issuance, call-next, recall, transitions, the board, tracking and positions', async () => {
    const seen = await capture(h, async () => {
      const issued = [];
      for (let i = 0; i < 6; i++) issued.push(await h.tickets.issue(f.officeId, { serviceId: f.services[i % 2].id }, 'kiosk'));
      await Promise.all(f.counters.map((c, i) => h.counters.open(f.officers[i], c.id)));
      const called = await h.counters.callNext(f.officers[0], f.counters[0].id);
      await h.counters.recall(f.officers[0], f.counters[0].id);
      await h.tickets.transition(f.officers[0], called!.ticket.id, 'start');
      await h.tickets.transition(f.officers[0], called!.ticket.id, 'complete');
      await h.counters.callNext(f.officers[1], f.counters[1].id);
      await h.board.officeBoard(f.officeId);
      await h.board.tracking(issued[5].trackingToken);
    });
    expect(seen.length).toBeGreaterThan(10);
    await expectBounded(seen);
  });

  it('availability, booking, the citizen’s link, reschedule, cancel and check-in', async () => {
    const tomorrow = DateTime.now().setZone(f.timezone).plus({ days: 1 }).startOf('day');
    const slot = (hour: number) => tomorrow.set({ hour }).toUTC().toISO()!;
    const citizen = (n: number) => ({ name: `Warga ${n}`, nik: `3201011505900${String(n).padStart(3, '0')}` });
    const serviceId = f.services[0].id;
    const seen = await capture(h, async () => {
      await h.booking.availability(f.officeId, serviceId, tomorrow.toISODate()!, tomorrow.plus({ days: 6 }).toISODate()!);
      const kept = (await h.booking.book({ officeId: f.officeId, serviceId, start: slot(9), citizen: citizen(1) }, {})).body;
      const moved = (await h.booking.book({ officeId: f.officeId, serviceId, start: slot(10), citizen: citizen(2) }, { idempotencyKey: 'plans-2' })).body;
      await h.booking.get(kept.manageToken!);
      await h.booking.reschedule(moved.manageToken!, slot(11));
      await h.booking.cancel(moved.manageToken!);
      await h.booking.checkIn(f.officeId, kept.code, new Date(Date.parse(slot(9)) - 10 * 60_000));
    });
    expect(seen.length).toBeGreaterThan(10);
    await expectBounded(seen);
  });

  it('a supervisor’s and an officer’s reads: the day’s statistics, the audit trail, the appointments, my day', async () => {
    const today = businessDateOf(new Date(), f.timezone);
    const seen = await capture(h, async () => {
      await h.app.get(StatsService).officeStats(h.admin, f.officeId, today, today);
      await h.app.get(StatsService).myDay(f.officers[0]);
      await h.app.get(AuditTrail).list(f.officeId, new Date(Date.now() - 24 * 3600_000), new Date(Date.now() + 3600_000));
      await h.app.get(AppointmentDays).listOfDay(h.admin, f.officeId, today);
    });
    expect(seen.length).toBeGreaterThan(3);
    await expectBounded(seen);
  });

  it('a week’s statistics read the week, not the office’s whole history', async () => {
    const [weekAgo, today] = [businessDateOf(new Date(Date.now() - 7 * 86_400_000), f.timezone), businessDateOf(new Date(), f.timezone)];
    const seen = await capture(h, async () => void (await h.app.get(StatsService).officeStats(h.admin, f.officeId, weekAgo, today)));
    // A week of one office is more than a day's rows: what may not be read is the rest of its month.
    await expectBounded(seen, { period: true });
  });

  it('the nightly jobs: the end of each office’s day, the retention purge, the reminders put back', async () => {
    const maintenance = h.app.get(MaintenanceService);
    const tomorrowNoon = DateTime.now().setZone(f.timezone).plus({ days: 1 }).set({ hour: 12 }).toJSDate();
    // Far enough ahead that the other office's older appointments are past the retention.
    const purgeAt = new Date(Date.now() + (h.config.retentionDays - 10) * 86_400_000);
    const seen = await capture(h, async () => {
      for (const o of [f, other]) await maintenance.closeDay(o.officeId, tomorrowNoon);
      await maintenance.purgeExpired(purgeAt);
      await maintenance.restoreReminders(new Date());
    });
    expect(seen.filter((s) => /^\s*UPDATE/i.test(s.sql)).length).toBeGreaterThan(2);
    // The purge emptied the idempotency records: a day's worth again, or an empty table's plan is explained.
    await fillIdempotency(h, 10_000);
    if (h.dataSource.options.type === 'mysql') await h.dataSource.query('ANALYZE TABLE idempotency_record');
    // The analytics' roll-up of a settled day reads that one day of one office whole, once: by the
    // (office, day) index, never beyond it, however busy the day was.
    const dayRollup = (st: Statement) => /^SELECT business_date, status, service_id, appointment_id\b/.test(st.sql);
    expect(seen.filter(dayRollup).length).toBeGreaterThan(0);
    await expectBounded(seen.filter((st) => !dayRollup(st)));
    await expectBounded(seen.filter(dayRollup), { period: true });
  });
});

/**
 * Tickets of an office with their issued, called and completed events, bulk-inserted: over `days`
 * past days (done), or today (`days` 0) from a high number on, so as not to meet the real ones.
 */
async function fillHistory(h: IntHarness, other: OfficeFixture, o: { days: number; tickets: number; status?: 'done' | 'waiting' }): Promise<void> {
  const day = 24 * 3600_000;
  const start = Date.now() - o.days * day;
  const perDay = Math.ceil(o.tickets / Math.max(1, o.days));
  const first = o.days === 0 ? 5000 : 1;
  const status = o.status ?? 'done';
  for (let done = 0; done < o.tickets;) {
    const tickets: Partial<Ticket>[] = [];
    const events: Partial<TicketEvent>[] = [];
    const counterEvents: Partial<CounterEvent>[] = [];
    for (let i = 0; i < 500 && done < o.tickets; i++, done++) {
      const d = Math.floor(done / perDay);
      const at = o.days === 0 ? new Date() : new Date(start + d * day + (done % perDay) * 10_000);
      const service = other.services[done % 2];
      const id = randomUUID();
      const sequence = Math.floor((done % perDay) / 2) + first;
      tickets.push({
        ...{
          id,
          officeId: other.officeId,
          serviceId: service.id,
          originServiceId: service.id,
          businessDate: businessDateOf(new Date(start + d * day), 'Asia/Jakarta'),
        },
        ...{ sequence, number: `${service.prefix}-${String(sequence).padStart(3, '0')}`, priority: 'regular', channel: 'kiosk', status, sortClass: 2 },
        ...{
          sortAt: at,
          issuedAt: at,
          calledAt: at,
          startedAt: at,
          finishedAt: at,
          counterId: null,
          recallCount: 0,
          trackingToken: randomBytes(32).toString('base64url'),
        },
        ...{ appointmentId: null, phoneSealed: null },
      });
      counterEvents.push({ counterId: randomUUID(), officeId: other.officeId, at, type: done % 2 ? 'opened' : 'closed', actor: 'staff:history' });
      for (const type of status === 'done' ? ['issued', 'called', 'completed'] : ['issued']) {
        events.push({
          ticketId: id,
          officeId: other.officeId,
          at,
          type,
          actor: 'kiosk',
          fromStatus: null,
          toStatus: null,
          counterId: type === 'called' ? randomUUID() : null,
          serviceId: service.id,
        });
      }
    }
    await h.dataSource.createQueryBuilder().insert().into(Ticket).values(tickets).execute();
    await h.dataSource.createQueryBuilder().insert().into(TicketEvent).values(events).execute();
    await h.dataSource.createQueryBuilder().insert().into(CounterEvent).values(counterEvents).execute();
  }
}

/** Appointments of an office, `count` spread over `days` from `fromDay` (0: today), as if booked and kept. */
async function fillAppointments(h: IntHarness, other: OfficeFixture, o: { fromDay: number; days: number; count: number }): Promise<void> {
  const day = 24 * 3600_000;
  const start = Date.now() + o.fromDay * day;
  for (let done = 0; done < o.count;) {
    const rows: Partial<Appointment>[] = [];
    for (let i = 0; i < 500 && done < o.count; i++, done++) {
      const slotStart = new Date(start + (done % o.days) * day + (done % 32) * 15 * 60_000);
      const hex = (n: number) => randomBytes(n).toString('hex');
      rows.push({
        ...{
          id: randomUUID(),
          officeId: other.officeId,
          serviceId: other.services[done % 2].id,
          slotStart,
          slotEnd: new Date(slotStart.getTime() + 15 * 60_000),
        },
        ...{
          businessDate: businessDateOf(slotStart, 'Asia/Jakarta'),
          code: hex(4).toUpperCase(),
          manageTokenHash: hex(32),
          manageTokenSealed: null,
          status: 'checked_in',
        },
        ...{ nikHash: hex(32), activeNikKey: null, nikSealed: null, nameSealed: null, phoneSealed: null, emailSealed: null, locale: 'id', channel: 'online' },
        ...{ createdAt: slotStart, updatedAt: slotStart, ticketId: null, purgedAt: null },
      });
    }
    await h.dataSource.createQueryBuilder().insert().into(Appointment).values(rows).execute();
  }
}

/** A day and a half of requests sent with an Idempotency-Key, every office's. */
async function fillIdempotency(h: IntHarness, count: number): Promise<void> {
  for (let done = 0; done < count; done += 500) {
    const rows = Array.from({ length: Math.min(500, count - done) }, (_, i) => ({
      ...{ key: randomBytes(32).toString('hex'), requestHash: randomBytes(32).toString('hex'), statusCode: 201, response: '{}' },
      createdAt: new Date(Date.now() - ((done + i) / count) * 36 * 3600_000),
    }));
    await h.dataSource.createQueryBuilder().insert().into(IdempotencyRecord).values(rows).execute();
  }
}

/** What is wrong with a statement's plan: a history table walked whole, or sorted beyond one office. */
async function problemsOf(h: IntHarness, s: Statement, opts: { period?: boolean }): Promise<string[]> {
  const where = `${s.sql.slice(0, 160)}…`;
  if (h.dataSource.options.type === 'mysql') {
    const rows: { table: string | null; type: string | null; key: string | null; ref: string | null; rows: number | string | null; Extra: string | null }[] =
      await h.dataSource.query(`EXPLAIN ${s.sql}`, s.params);
    // A batch (`SELECT … LIMIT n`) stops at n rows found, which the estimate does not count: such a
    // read is run (ANALYZE, read-only) and judged by the rows it really read.
    const actual: { rows: number | string | null }[] | undefined = /^\s*SELECT\b[\s\S]*\bLIMIT\s+\d+/i.test(s.sql)
      ? ((await h.dataSource.query(`ANALYZE ${s.sql}`, s.params)) as { r_rows: number | string | null }[]).map((a) => ({
          rows: a.r_rows === null ? null : Math.ceil(Number(a.r_rows)),
        }))
      : undefined;
    const out: string[] = [];
    for (const r of rows) {
      const table = baseTable(s.sql, r.table);
      if (!table || !HISTORY_TABLES.includes(table)) continue;
      const examined = Number((actual?.[rows.indexOf(r)] ?? r).rows ?? 0);
      if (r.type === 'ALL' || r.type === 'index') out.push(`${table}: ${r.type} scan (${examined} rows) in ${where}`);
      // More than one office's day read, or sorted (a sort of fewer is one office's rows: allowed).
      // An index of (office, time) looked up by the office alone: every row the office ever had.
      else if (r.type === 'ref' && OFFICE_TIME_INDEXES.includes(r.key ?? '') && (r.ref ?? '').split(',').length === 1)
        out.push(`${table}: the office's whole history by ${r.key} in ${where}`);
      else if (!opts.period && examined > ONE_OFFICE_DAY)
        out.push(`${table}: ${examined} rows by ${r.key}${(r.Extra ?? '').includes('filesort') ? ', sorted' : ''} in ${where}`);
    }
    return out;
  }
  const plan: { detail: string }[] = await h.dataSource.query(`EXPLAIN QUERY PLAN ${s.sql}`, s.params);
  return plan
    .filter((p) => /^SCAN (\w+)/.test(p.detail) && HISTORY_TABLES.includes(baseTable(s.sql, /^SCAN (\w+)/.exec(p.detail)![1]) ?? ''))
    .map((p) => `${p.detail} in ${where}`);
}

/** The table behind an alias of the statement (`ticket t`, `ticket_event e`…). */
function baseTable(sql: string, alias: string | null): string | null {
  if (!alias) return null;
  if (HISTORY_TABLES.includes(alias)) return alias;
  const m = new RegExp(`[\`"]?(\\w+)[\`"]?\\s+(?:AS\\s+)?[\`"]?${alias}[\`"]?(?:\\s|$|,)`, 'i').exec(sql.replace(/FORCE INDEX \(\w+\)/gi, ''));
  return m ? m[1] : alias;
}
