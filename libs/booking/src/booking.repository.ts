import { Appointment, SlotBooking, Ticket, TransactionRunner, WaitlistEntry, insertRows } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Between, DataSource, type EntityManager, In, MoreThanOrEqual } from 'typeorm';

/** Appointments and the counters that keep slot capacity exact. Every query takes the office or service. */
@Injectable()
export class BookingRepository {
  private readonly mysql: boolean;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {
    this.mysql = !tx.isSqlite;
  }

  /** Appointments of an office's days [fromDate, toDate] by status, for statistics. */
  async countByStatus(officeId: string, fromDate: string, toDate: string): Promise<Map<string, number>> {
    const rows = await this.ds
      .getRepository(Appointment)
      .createQueryBuilder('a')
      .select('a.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('a.officeId = :officeId AND a.businessDate >= :fromDate AND a.businessDate <= :toDate', { officeId, fromDate, toDate })
      .groupBy('a.status')
      .getRawMany<{ status: string; n: string | number }>();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * Takes one place in a slot, or returns false when it is full. The slot row is created on first
   * use (its capacity follows the service, never below what is booked), then bumped only while
   * booked < capacity; a CHECK constraint backs this up.
   */
  async takePlace(em: EntityManager, officeId: string, serviceId: string, slotStart: Date, capacity: number): Promise<boolean> {
    // The common case is one statement holding the slot's row lock until commit.
    if (await this.bump(em, serviceId, slotStart)) return true;
    // First booking of the slot (or capacity raised since): create or adjust the row, then try again.
    if (this.mysql) {
      await em.query(
        'INSERT INTO slot_booking (service_id, slot_start, office_id, capacity, booked) VALUES (?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE capacity = GREATEST(booked, VALUES(capacity))',
        [serviceId, slotStart, officeId, capacity],
      );
    } else {
      await em.query(
        'INSERT INTO slot_booking (service_id, slot_start, office_id, capacity, booked) VALUES (?, ?, ?, ?, 0) ON CONFLICT (service_id, slot_start) DO UPDATE SET capacity = MAX(booked, excluded.capacity)',
        [serviceId, sqliteTime(slotStart), officeId, capacity],
      );
    }
    return this.bump(em, serviceId, slotStart);
  }

  /** booked + 1 only while booked < capacity: the guarantee of invariant 3. */
  private async bump(em: EntityManager, serviceId: string, slotStart: Date): Promise<boolean> {
    if (this.mysql) {
      const res: { affectedRows: number } = await em.query(
        'UPDATE slot_booking SET booked = booked + 1 WHERE service_id = ? AND slot_start = ? AND booked < capacity',
        [serviceId, slotStart],
      );
      return res.affectedRows === 1;
    }
    const rows: unknown[] = await em.query(
      'UPDATE slot_booking SET booked = booked + 1 WHERE service_id = ? AND slot_start = ? AND booked < capacity RETURNING booked',
      [serviceId, sqliteTime(slotStart)],
    );
    return rows.length === 1;
  }

  async releasePlace(em: EntityManager, serviceId: string, slotStart: Date): Promise<void> {
    await em.query('UPDATE slot_booking SET booked = booked - 1 WHERE service_id = ? AND slot_start = ? AND booked > 0', [
      serviceId,
      this.mysql ? slotStart : sqliteTime(slotStart),
    ]);
  }

  /** The optional daily online quota, counted like slot places. */
  async takeDailyPlace(em: EntityManager, officeId: string, serviceId: string, businessDate: string, quota: number): Promise<boolean> {
    if (this.mysql) {
      await em.query('INSERT IGNORE INTO daily_booking (service_id, business_date, office_id, booked) VALUES (?, ?, ?, 0)', [
        serviceId,
        businessDate,
        officeId,
      ]);
      const res: { affectedRows: number } = await em.query(
        'UPDATE daily_booking SET booked = booked + 1 WHERE service_id = ? AND business_date = ? AND booked < ?',
        [serviceId, businessDate, quota],
      );
      return res.affectedRows === 1;
    }
    await em.query('INSERT OR IGNORE INTO daily_booking (service_id, business_date, office_id, booked) VALUES (?, ?, ?, 0)', [
      serviceId,
      businessDate,
      officeId,
    ]);
    const rows: unknown[] = await em.query(
      'UPDATE daily_booking SET booked = booked + 1 WHERE service_id = ? AND business_date = ? AND booked < ? RETURNING booked',
      [serviceId, businessDate, quota],
    );
    return rows.length === 1;
  }

  /** The days of a range whose online bookings have reached the service's daily online quota. */
  async daysAtOnlineQuota(serviceId: string, from: string, to: string, quota: number): Promise<Set<string>> {
    const rows: { business_date: string }[] = await this.ds.query(
      'SELECT business_date FROM daily_booking WHERE service_id = ? AND business_date >= ? AND business_date <= ? AND booked >= ?',
      [serviceId, from, to, quota],
    );
    return new Set(rows.map((r) => r.business_date));
  }

  async releaseDailyPlace(em: EntityManager, serviceId: string, businessDate: string): Promise<void> {
    await em.query('UPDATE daily_booking SET booked = booked - 1 WHERE service_id = ? AND business_date = ? AND booked > 0', [serviceId, businessDate]);
  }

  /** Places taken per slot start (ms) of a service between two instants. */
  async bookedPerSlot(serviceId: string, from: Date, to: Date): Promise<Map<number, number>> {
    const rows = await this.ds.getRepository(SlotBooking).find({ where: { serviceId, slotStart: Between(from, to) } });
    return new Map(rows.map((r) => [r.slotStart.getTime(), r.booked]));
  }

  /** Places taken in one slot (a primary-key read; on SQLite never inside another request's transaction). */
  async bookedAt(serviceId: string, slotStart: Date): Promise<number> {
    const row = await this.tx.read((em) => em.findOne(SlotBooking, { where: { serviceId, slotStart }, select: { booked: true } }));
    return row?.booked ?? 0;
  }

  /** Whether a NIK holds an active booking of a service (the rule of one per NIK and service). */
  async hasActiveBooking(serviceId: string, nikHash: string, em: EntityManager = this.ds.manager): Promise<boolean> {
    return (await em.getRepository(Appointment).countBy({ serviceId, activeNikKey: nikHash })) > 0;
  }

  insert(em: EntityManager, appointment: Appointment): Promise<void> {
    return insertRows(em, Appointment, appointment);
  }

  async update(em: EntityManager, id: string, patch: Partial<Appointment>): Promise<void> {
    await em.update(Appointment, { id }, patch);
  }

  async lock(em: EntityManager, id: string): Promise<Appointment | null> {
    const qb = em.createQueryBuilder(Appointment, 'a').where('a.id = :id', { id });
    if (this.mysql) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  findByToken(manageToken: string): Promise<Appointment | null> {
    return this.ds.getRepository(Appointment).findOneBy({ manageTokenHash: manageTokenHash(manageToken) });
  }

  findByCode(officeId: string, code: string): Promise<Appointment | null> {
    return this.ds.getRepository(Appointment).findOneBy({ officeId, code });
  }

  listOfDay(officeId: string, businessDate: string): Promise<Appointment[]> {
    return this.ds.getRepository(Appointment).find({ where: { officeId, businessDate }, order: { slotStart: 'ASC' } });
  }

  /** Still booked on a business day before `beforeDate`: they did not come. */
  async lockUncheckedBefore(em: EntityManager, officeId: string, beforeDate: string, limit: number): Promise<Appointment[]> {
    const qb = em
      .createQueryBuilder(Appointment, 'a')
      .where('a.officeId = :officeId AND a.status = :status AND a.businessDate < :beforeDate', { officeId, status: 'booked', beforeDate })
      .orderBy('a.id', 'ASC')
      .limit(limit);
    if (this.mysql) qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /** The booked appointments of an office from a business day on (reminders still to come). */
  bookedFrom(officeId: string, fromDate: string): Promise<Pick<Appointment, 'id' | 'slotStart'>[]> {
    return this.ds.getRepository(Appointment).find({
      select: { id: true, slotStart: true },
      where: { officeId, businessDate: MoreThanOrEqual(fromDate), status: 'booked' },
    });
  }

  /** Erases the personal data of appointments of days before `beforeDate` (one batch); returns those erased. */
  async purgeBefore(beforeDate: string, now: Date, limit: number): Promise<{ id: string; officeId: string }[]> {
    // ix_appointment_purge holds the rows not yet purged first, by day: the batch never reads those already done.
    return this.tx.run(async (em) => {
      const rows = await em
        .createQueryBuilder(Appointment, 'a')
        .select('a.id', 'id')
        .addSelect('a.officeId', 'officeId')
        .where('a.purgedAt IS NULL AND a.businessDate < :beforeDate', { beforeDate })
        .limit(limit)
        .getRawMany<{ id: string; officeId: string }>();
      if (rows.length === 0) return [];
      await em.update(
        Appointment,
        { id: In(rows.map((r) => r.id)) },
        {
          nikSealed: null,
          nameSealed: null,
          phoneSealed: null,
          emailSealed: null,
          manageTokenSealed: null,
          nikHash: 'purged',
          activeNikKey: null,
          purgedAt: now,
        },
      );
      return rows;
    });
  }

  /**
   * Forgets the phones given at the kiosk for tickets issued before `before` (one batch, by the
   * index of tickets still holding one); returns how many.
   */
  /**
   * The personal data of waitlist entries whose day is over (it is needed only until the day
   * begins, or in the booking it became), a batch at a time.
   */
  async purgeWaitlistBefore(beforeDate: string, limit: number): Promise<number> {
    return this.tx.run(async (em) => {
      const rows = await em
        .createQueryBuilder(WaitlistEntry, 'w')
        .select('w.id', 'id')
        .where("w.nikHash <> 'purged' AND w.businessDate < :beforeDate", { beforeDate })
        .limit(limit)
        .getRawMany<{ id: string }>();
      if (rows.length === 0) return 0;
      await em.update(
        WaitlistEntry,
        { id: In(rows.map((r) => r.id)) },
        { nikSealed: null, nameSealed: null, phoneSealed: null, emailSealed: null, nikHash: 'purged', activeNikKey: null },
      );
      return rows.length;
    });
  }

  async purgeTicketPhonesBefore(before: Date, limit: number): Promise<number> {
    return this.tx.run(async (em) => {
      const rows = await em
        .createQueryBuilder(Ticket, 't')
        .select('t.id', 'id')
        .where('t.phoneSealed IS NOT NULL AND t.issuedAt < :before', { before })
        .limit(limit)
        .getRawMany<{ id: string }>();
      if (rows.length > 0) await em.update(Ticket, { id: In(rows.map((r) => r.id)) }, { phoneSealed: null });
      return rows.length;
    });
  }

  findById(id: string): Promise<Appointment | null> {
    return this.ds.getRepository(Appointment).findOneBy({ id });
  }
}

/** How the SQLite driver stores a Date (UTC, milliseconds). */
function sqliteTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** How a manage token is kept: its SHA-256, hex (a token carries 128 random bits). */
export function manageTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
