import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { WaitlistJoined, WaitlistView } from '@giliran/contracts';
import { DomainError, PiiCipher, businessDateOf, isBusinessDate, startOfBusinessDate } from '@giliran/core';
import { type Appointment, type Office, type ServiceEntity, TransactionRunner, WaitlistEntry, insertRows, uniqueViolation } from '@giliran/database';
import { CapacityChanges, OfficeRepository } from '@giliran/offices';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { AppointmentEffects } from './appointment-effects';
import type { JoinWaitlistDto } from './booking.dto';
import { BookingRepository, manageTokenHash } from './booking.repository';
import { assertValidNik, newAppointment, sealCitizen } from './new-appointment';
import { officeAndService } from './office-and-service';
import { SlotCatalog } from './slot-catalog';

/**
 * The waitlist of a service's full days (API.md v1.1 "Waitlist"): a citizen waits for a day with
 * no place left; the moment a place of that day frees up, in the same transaction, the earliest
 * waiting entry is booked into it and told so by its channels. Entries expire when their day begins.
 */
@Injectable()
export class WaitlistService implements OnModuleInit {
  private readonly pii: PiiCipher;
  private readonly mysql: boolean;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
    private readonly repo: BookingRepository,
    private readonly offices: OfficeRepository,
    private readonly slots: SlotCatalog,
    private readonly effects: AppointmentEffects,
    private readonly capacity: CapacityChanges,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
    this.mysql = !tx.isSqlite;
  }

  onModuleInit(): void {
    // More places per slot ("more capacity", API.md v1.1): they go to the waitlists first.
    this.capacity.onRaised(async (officeId, serviceId) => {
      await this.fillOpenPlaces(officeId, serviceId);
    });
  }

  /**
   * Gives every free place of the days that have citizens waiting to them, earliest first, each
   * in a transaction of its own, and tells them. Called after a service's capacity was raised.
   */
  async fillOpenPlaces(officeId: string, serviceId: string, now = new Date()): Promise<number> {
    const { office, service } = await officeAndService(this.offices, officeId, serviceId, true);
    const today = businessDateOf(now, office.timezone);
    const rows: { business_date: string }[] = await this.ds.query(
      "SELECT DISTINCT business_date FROM waitlist_entry WHERE service_id = ? AND status = 'waiting' AND business_date > ? ORDER BY business_date",
      [service.id, today],
    );
    let given = 0;
    for (const { business_date: date } of rows) {
      const [day] = await this.slots.days(office, service, date, date, now);
      for (const slot of day?.slots ?? []) {
        for (let left = slot.remaining; left > 0; left--) {
          const booked = await this.tx.run((em) => this.fillFreedPlace(em, office, service, slot, now));
          if (!booked) break;
          given++;
          await this.effects.after('confirmation', office, booked);
        }
      }
    }
    return given;
  }

  async join(dto: JoinWaitlistDto, now = new Date()): Promise<WaitlistJoined> {
    assertValidNik(dto.citizen.nik, now);
    if (!isBusinessDate(dto.date)) throw new DomainError('VALIDATION_FAILED', 400, 'date: a real date YYYY-MM-DD');
    const { office, service } = await officeAndService(this.offices, dto.officeId, dto.serviceId);
    await this.assertDayFull(office, service, dto.date, now);
    const citizen = sealCitizen(this.pii, dto.citizen);
    if (await this.repo.hasActiveBooking(service.id, citizen.nikHash))
      throw new DomainError('DUPLICATE_BOOKING', 409, 'this NIK already holds an active booking for this service');
    const manageToken = randomBytes(16).toString('base64url');
    const entry = Object.assign(new WaitlistEntry(), {
      id: randomUUID(),
      officeId: office.id,
      serviceId: service.id,
      businessDate: dto.date,
      status: 'waiting' as const,
      joinOrder: 0,
      manageTokenHash: manageTokenHash(manageToken),
      ...citizen,
      activeNikKey: citizen.nikHash,
      locale: dto.locale ?? 'id',
      appointmentId: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.insertInOrder(entry);
    return { id: entry.id, manageToken, status: 'waiting', position: await this.positionOf(this.ds.manager, entry) };
  }

  async view(manageToken: string, now = new Date()): Promise<WaitlistView> {
    const entry = await this.byToken(manageToken);
    const office = await this.offices.findOffice(entry.officeId);
    const status = entry.status === 'waiting' && office && this.dayBegun(entry.businessDate, office, now) ? 'expired' : entry.status;
    const view: WaitlistView = {
      status,
      position: status === 'waiting' ? await this.positionOf(this.ds.manager, entry) : 0,
      date: entry.businessDate,
      officeId: entry.officeId,
      serviceId: entry.serviceId,
    };
    const a = entry.appointmentId ? await this.repo.findById(entry.appointmentId) : null;
    if (a && a.manageTokenSealed) view.appointment = { code: a.code, manageToken: this.pii.decrypt(a.manageTokenSealed), start: a.slotStart.toISOString() };
    return view;
  }

  async cancel(manageToken: string, now = new Date()): Promise<WaitlistView> {
    const found = await this.byToken(manageToken);
    await this.tx.run(async (em) => {
      const entry = await this.lockEntry(em, found.id);
      if (!entry || entry.status !== 'waiting')
        throw new DomainError('INVALID_TRANSITION', 409, `cannot cancel a waitlist entry that is ${entry?.status ?? 'gone'}`);
      await em.update(WaitlistEntry, { id: entry.id }, { status: 'cancelled', activeNikKey: null, updatedAt: now });
    });
    return this.view(manageToken, now);
  }

  /**
   * Inside the transaction that has just given back a place of `slot` (a cancel, a move away):
   * books the earliest waiting entry of that day into it, if there is one and the day has not
   * begun. The entry's row is locked first, so two places freed at once go to two entries.
   */
  async fillFreedPlace(em: EntityManager, office: Office, service: ServiceEntity, slot: { start: Date; end: Date }, now: Date): Promise<Appointment | null> {
    const date = businessDateOf(slot.start, office.timezone);
    if (this.dayBegun(date, office, now)) return null;
    for (;;) {
      const entry = await this.earliestWaiting(em, service.id, date);
      if (!entry) return null;
      if (await this.repo.hasActiveBooking(service.id, entry.nikHash, em)) {
        // Booked by other means meanwhile: this entry has nothing left to wait for.
        await em.update(WaitlistEntry, { id: entry.id }, { status: 'cancelled', activeNikKey: null, updatedAt: now });
        continue;
      }
      if (!(await this.repo.takePlace(em, office.id, service.id, slot.start, service.slotCapacity))) return null;
      if (service.dailyOnlineQuota != null && !(await this.repo.takeDailyPlace(em, office.id, service.id, date, service.dailyOnlineQuota))) {
        await this.repo.releasePlace(em, service.id, slot.start);
        return null;
      }
      const { nikHash, nikSealed, nameSealed, phoneSealed, emailSealed } = entry;
      const citizen = { nikHash, nikSealed, nameSealed, phoneSealed, emailSealed };
      const { appointment } = newAppointment(this.pii, { office, service, slot, citizen, locale: entry.locale, channel: 'online', now });
      await this.repo.insert(em, appointment);
      await this.effects.audit(em, 'booked', 'waitlist', appointment, null, now);
      await em.update(WaitlistEntry, { id: entry.id }, { status: 'booked', activeNikKey: null, appointmentId: appointment.id, updatedAt: now });
      return appointment;
    }
  }

  /**
   * Numbers the entry after the day's last (1, 2, 3…) and inserts it. Two joining at once may draw
   * the same number: the unique index refuses the second, which draws again.
   */
  private async insertInOrder(entry: WaitlistEntry): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        return await this.tx.run(async (em) => {
          const rows: { last: number | null }[] = await em.query(
            'SELECT MAX(join_order) AS last FROM waitlist_entry WHERE service_id = ? AND business_date = ?',
            [entry.serviceId, entry.businessDate],
          );
          entry.joinOrder = Number(rows[0]?.last ?? 0) + 1;
          await insertRows(em, WaitlistEntry, entry);
        });
      } catch (err) {
        const index = uniqueViolation(err);
        if (index === 'uq_waitlist_active_nik') throw new DomainError('DUPLICATE_BOOKING', 409, 'this NIK already waits for this service');
        if (index !== 'uq_waitlist_join_order' || tries >= 50) throw err;
      }
    }
  }

  /** Only a day of the booking window that is released and has no place left takes a waitlist. */
  private async assertDayFull(office: Office, service: ServiceEntity, date: string, now: Date): Promise<void> {
    if (!service.active) throw new DomainError('SERVICE_INACTIVE', 409, 'this service is not taking bookings');
    const [day] = await this.slots.days(office, service, date, date, now);
    if (day?.opensAt) throw new DomainError('NOT_YET_RELEASED', 409, `${date} is not open for booking yet`, { opensAt: day.opensAt.toISOString() });
    if (!day || day.slots.length === 0) throw new DomainError('SLOT_UNAVAILABLE', 400, `${date} has no bookable times`);
    const noOnlinePlace = (await this.slots.daysWithoutOnlinePlaces(office, service, date, date, now)).has(date);
    if (!noOnlinePlace && day.slots.some((s) => s.remaining > 0)) throw new DomainError('PLACES_AVAILABLE', 409, `${date} still has a free place: book it`);
  }

  private dayBegun(date: string, office: Office, now: Date): boolean {
    return now.getTime() >= startOfBusinessDate(date, office.timezone).getTime();
  }

  private earliestWaiting(em: EntityManager, serviceId: string, date: string): Promise<WaitlistEntry | null> {
    const qb = em
      .createQueryBuilder(WaitlistEntry, 'w')
      .where('w.serviceId = :serviceId AND w.businessDate = :date AND w.status = :status', { serviceId, date, status: 'waiting' })
      .orderBy('w.joinOrder', 'ASC')
      .limit(1);
    if (this.mysql) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  private lockEntry(em: EntityManager, id: string): Promise<WaitlistEntry | null> {
    const qb = em.createQueryBuilder(WaitlistEntry, 'w').where('w.id = :id', { id });
    if (this.mysql) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** 1 + the waiting entries of the same day that joined before it. */
  private async positionOf(em: EntityManager, entry: WaitlistEntry): Promise<number> {
    const ahead = await em.getRepository(WaitlistEntry).countBy({
      serviceId: entry.serviceId,
      businessDate: entry.businessDate,
      status: 'waiting',
      joinOrder: LessThan(entry.joinOrder),
    });
    return ahead + 1;
  }

  private async byToken(manageToken: string): Promise<WaitlistEntry> {
    const entry = /^[A-Za-z0-9_-]{16,64}$/.test(manageToken)
      ? await this.ds.getRepository(WaitlistEntry).findOneBy({ manageTokenHash: manageTokenHash(manageToken) })
      : null;
    if (!entry) throw new DomainError('NOT_FOUND', 404, 'waitlist entry not found');
    return entry;
  }
}
