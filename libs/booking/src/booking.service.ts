import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { AppointmentView, Availability, TicketView } from '@giliran/contracts';
import {
  type AvailabilityDay,
  DomainError,
  PiiCipher,
  SortClass,
  businessDateOf,
  checkInWindow,
  isBookingCode,
  isBusinessDate,
  normaliseBookingCode,
} from '@giliran/core';
import {
  Appointment,
  type Deadline,
  type IdempotencyRecord,
  IdempotencyStore,
  type Office,
  type ServiceEntity,
  TransactionRunner,
  uniqueViolation,
} from '@giliran/database';
import { TicketService } from '@giliran/ticketing';
import { OfficeRepository } from '@giliran/offices';
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { BookingRepository } from './booking.repository';
import { AppointmentEffects } from './appointment-effects';
import { SlotCatalog } from './slot-catalog';
import { SlotGate } from './slot-gate';
import { appointmentView } from './appointment-view';
import { assertValidNik, newAppointment, sealCitizen } from './new-appointment';
import { officeAndService } from './office-and-service';
import { WaitlistService } from './waitlist';
import { WaitingRoomService } from './waiting-room/waiting-room.service';
import { AdmissionUses, admissionSpent } from './waiting-room/admission-uses';
import type { CreateAppointmentDto } from './booking.dto';

export type { AppointmentView };

const MAX_DAYS_PER_QUERY = 62;

/** Online booking, manage by secret link, and check-in at the kiosk (API.md "Booking"). */
@Injectable()
export class BookingService {
  private readonly pii: PiiCipher;

  constructor(
    private readonly repo: BookingRepository,
    private readonly offices: OfficeRepository,
    private readonly tickets: TicketService,
    private readonly tx: TransactionRunner,
    private readonly idempotency: IdempotencyStore,
    private readonly slots: SlotCatalog,
    private readonly effects: AppointmentEffects,
    private readonly waitlist: WaitlistService,
    private readonly waitingRoom: WaitingRoomService,
    private readonly admissions: AdmissionUses,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  async availability(officeId: string, serviceId: string, from: string, to: string, now = new Date()): Promise<Availability> {
    const { office, service } = await this.officeAndService(officeId, serviceId);
    if (!isBusinessDate(from) || !isBusinessDate(to) || from > to)
      throw new DomainError('VALIDATION_FAILED', 400, 'from, to: real dates YYYY-MM-DD, from not after to');
    if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days > MAX_DAYS_PER_QUERY)
      throw new DomainError('VALIDATION_FAILED', 400, `from, to: at most ${MAX_DAYS_PER_QUERY} days at once`);
    const [days, atQuota] = await Promise.all([
      this.slots.days(office, service, from, to, now),
      // A day whose online places are all booked shows no place left in any slot (API.md v1.1).
      this.slots.daysWithoutOnlinePlaces(office, service, from, to, now),
    ]);
    return availabilityView(office.timezone, days, atQuota);
  }

  /**
   * Books a slot. Everything that can refuse happens in one transaction: the one-active-booking
   * rule (unique index), the slot's capacity (conditional update), the daily online quota, the
   * waiting room's admission (spent once); a retry with the same Idempotency-Key gets the first answer.
   * Staff booking on behalf of a citizen needs no admission.
   */
  async book(
    dto: CreateAppointmentDto,
    opts: { idempotencyKey?: string; staff?: StaffPrincipal; deadline?: Deadline; admissionToken?: string },
    now = new Date(),
  ): Promise<{ status: number; body: AppointmentView }> {
    if (opts.staff) assertOfficeAccess(opts.staff, dto.officeId);
    assertValidNik(dto.citizen.nik, now);
    const { office, service } = await this.officeAndService(dto.officeId, dto.serviceId);
    if (!service.active) throw new DomainError('SERVICE_INACTIVE', 409, 'this service is not taking bookings');
    const slot = await this.slots.slotAt(office, service, dto.start, now);
    if (this.slots.onlinePlacesRolledOver(office, service, businessDateOf(slot.start, office.timezone), now))
      throw new DomainError('QUOTA_REACHED', 409, 'the online places of today have gone to walk-ins');
    const admission = opts.staff ? null : this.waitingRoom.admissionFor(office, service, businessDateOf(slot.start, office.timezone), opts.admissionToken, now);
    const requestHash = this.idempotency.requestHash(dto);
    const key = opts.idempotencyKey ? this.idempotency.id('booking', opts.idempotencyKey) : null;
    // A spent admission is refused as such, not as a full slot; a retry of its own booking replays.
    if (admission && (await this.admissions.isSpent(admission)) && !(key && (await this.tx.read((em) => this.idempotency.find(em, key)))))
      throw admissionSpent();
    // Seen full a moment ago: answer at once rather than queue for the slot's row lock. A retry of
    // a booking that was made still gets its first answer (the booking pages always send a key).
    // (Only a shortcut: the conditional update below is what keeps capacity exact.)
    if (slot.remaining <= 0) {
      const previous = key ? await this.tx.read((em) => this.idempotency.find(em, key)) : null;
      if (previous && previous.statusCode > 0) return this.replay(previous, requestHash);
      throw new DomainError('SLOT_FULL', 409, 'this slot is fully booked');
    }

    const attempt = () =>
      this.tx.run(
        async (em) => {
          if (key) {
            const previous = await this.idempotency.find(em, key);
            if (previous) return this.replay(previous, requestHash);
            // Taken first: a concurrent retry waits on this row and then replays our answer.
            await this.idempotency.insert(em, key, requestHash, now);
          }
          const { appointment: a, manageToken } = newAppointment(this.pii, {
            office,
            service,
            slot,
            citizen: sealCitizen(this.pii, dto.citizen),
            locale: dto.locale ?? 'id',
            channel: opts.staff ? 'staff' : 'online',
            now,
          });
          await this.repo.insert(em, a);
          if (admission) await this.admissions.spend(em, { ...admission, appointmentId: a.id }, now);
          await this.effects.audit(em, 'booked', opts.staff ? `staff:${opts.staff.id}` : 'citizen', a, null, now);
          if (!(await this.repo.takePlace(em, office.id, service.id, slot.start, service.slotCapacity))) {
            this.slots.gate.markFull(slotKey, generation);
            throw new DomainError('SLOT_FULL', 409, 'this slot has just been fully booked');
          }
          if (service.dailyOnlineQuota != null && !(await this.repo.takeDailyPlace(em, office.id, service.id, a.businessDate, service.dailyOnlineQuota))) {
            throw new DomainError('QUOTA_REACHED', 409, 'the online bookings for that day are all taken');
          }
          const body = appointmentView(this.pii, office, service, a, { manageToken });
          // The answer carries the manage token: sealed, it reads only with PII_KEY.
          if (key) await this.idempotency.saveResponse(em, key, 201, this.idempotency.seal(JSON.stringify(body)));
          return { status: 201, body, created: a };
        },
        { deadline: opts.deadline },
      );

    const slotKey = SlotGate.key(service.id, slot.start);
    const generation = this.slots.gate.generation(slotKey);
    type Outcome = { status: number; body: AppointmentView; created?: Appointment };
    const result = await this.slots.gate.admit(slotKey, slot.remaining, async (): Promise<Outcome> => {
      // Filled while this request waited its turn: no transaction needed to say so.
      if (!key && this.slots.gate.isFull(slotKey)) throw new DomainError('SLOT_FULL', 409, 'this slot is fully booked');
      for (let tries = 0; ; tries++) {
        try {
          return await attempt();
        } catch (err) {
          const index = uniqueViolation(err);
          if (index === 'uq_appointment_active_nik')
            throw new DomainError('DUPLICATE_BOOKING', 409, 'this NIK already holds an active booking for this service');
          if (index === 'PRIMARY' && key) return this.tx.read(async (em) => this.replay((await this.idempotency.find(em, key))!, requestHash));
          if (index === 'uq_appointment_code' && tries < 3) continue; // a code collision: draw another
          throw err;
        }
      }
    });
    if (result.created) await this.effects.after('confirmation', office, result.created);
    return { status: result.status, body: result.body };
  }

  async get(manageToken: string): Promise<AppointmentView> {
    const a = await this.byToken(manageToken);
    const { office, service } = await this.officeAndService(a.officeId, a.serviceId);
    return appointmentView(this.pii, office, service, a, { withCitizen: true });
  }

  async cancel(manageToken: string, now = new Date(), opts: { deadline?: Deadline } = {}): Promise<AppointmentView> {
    const found = await this.byToken(manageToken);
    const { office, service } = await this.officeAndService(found.officeId, found.serviceId);
    const { a, promoted } = await this.tx.run(async (em) => {
      const a = await this.repo.lock(em, found.id);
      if (!a || a.status !== 'booked') throw new DomainError('INVALID_TRANSITION', 409, `cannot cancel an appointment that is ${a?.status ?? 'gone'}`);
      await this.repo.update(em, a.id, { status: 'cancelled', activeNikKey: null, updatedAt: now });
      await this.repo.releasePlace(em, a.serviceId, a.slotStart);
      await this.repo.releaseDailyPlace(em, a.serviceId, a.businessDate);
      const before = { ...a };
      Object.assign(a, { status: 'cancelled' as const, activeNikKey: null, updatedAt: now });
      await this.effects.audit(em, 'cancelled', 'citizen', a, before, now);
      // The place goes to the first citizen waiting for that day, if any, before anyone else sees it.
      return { a, promoted: await this.waitlist.fillFreedPlace(em, office, service, { start: a.slotStart, end: a.slotEnd }, now) };
    }, opts);
    await this.placeFreedOrTaken(office, found, promoted);
    await this.effects.after('cancellation', office, a);
    return appointmentView(this.pii, office, service, a, { withCitizen: true });
  }

  /** Moves a booking; atomic: if the new slot cannot be had, the old one is kept. */
  async reschedule(
    manageToken: string,
    start: string,
    now = new Date(),
    opts: { deadline?: Deadline; admissionToken?: string } = {},
  ): Promise<AppointmentView> {
    const found = await this.byToken(manageToken);
    const { office, service } = await this.officeAndService(found.officeId, found.serviceId);
    const slot = await this.slots.slotAt(office, service, start, now);
    if (slot.start.getTime() === found.slotStart.getTime()) throw new DomainError('VALIDATION_FAILED', 400, 'start: that is the current slot');
    // Moving into a day just released takes one of its places: the same admission as booking it.
    const admission = this.waitingRoom.admissionFor(office, service, businessDateOf(slot.start, office.timezone), opts.admissionToken, now);
    const { a, promoted } = await this.tx.run(async (em) => {
      const a = await this.repo.lock(em, found.id);
      if (!a || a.status !== 'booked') throw new DomainError('INVALID_TRANSITION', 409, `cannot reschedule an appointment that is ${a?.status ?? 'gone'}`);
      const newDate = businessDateOf(slot.start, office.timezone);
      if (!(await this.repo.takePlace(em, office.id, service.id, slot.start, service.slotCapacity)))
        throw new DomainError('SLOT_FULL', 409, 'that slot is fully booked');
      if (admission) await this.admissions.spend(em, { ...admission, appointmentId: a.id }, now);
      await this.repo.releasePlace(em, a.serviceId, a.slotStart);
      const freed = { start: a.slotStart, end: a.slotEnd };
      if (service.dailyOnlineQuota != null && newDate !== a.businessDate) {
        if (this.slots.onlinePlacesRolledOver(office, service, newDate, now))
          throw new DomainError('QUOTA_REACHED', 409, 'the online places of that day have gone to walk-ins');
        if (!(await this.repo.takeDailyPlace(em, office.id, service.id, newDate, service.dailyOnlineQuota)))
          throw new DomainError('QUOTA_REACHED', 409, 'the online bookings for that day are all taken');
        await this.repo.releaseDailyPlace(em, a.serviceId, a.businessDate);
      }
      const patch = { slotStart: slot.start, slotEnd: slot.end, businessDate: newDate, updatedAt: now };
      await this.repo.update(em, a.id, patch);
      const before = { ...a };
      Object.assign(a, patch);
      await this.effects.audit(em, 'rescheduled', 'citizen', a, before, now);
      return { a, promoted: await this.waitlist.fillFreedPlace(em, office, service, freed, now) };
    }, opts);
    await this.placeFreedOrTaken(office, found, promoted);
    await this.effects.after('reschedule', office, a);
    return appointmentView(this.pii, office, service, a, { withCitizen: true });
  }

  /**
   * Check-in at the kiosk: within the window around the slot, the appointment becomes a ticket
   * placed ahead of regular walk-ins (class "appointment", at its slot time).
   */
  async checkIn(officeId: string, rawCode: string, now = new Date(), opts: { deadline?: Deadline } = {}): Promise<TicketView> {
    const code = normaliseBookingCode(rawCode);
    const found = isBookingCode(code) ? await this.repo.findByCode(officeId, code) : null;
    if (!found || found.status === 'cancelled' || found.status === 'no_show')
      throw new DomainError('APPOINTMENT_NOT_FOUND', 404, 'no booking with that code at this office');
    if (found.status === 'checked_in') throw new DomainError('ALREADY_CHECKED_IN', 409, 'this booking has already been checked in');
    const { office, service } = await this.officeAndService(found.officeId, found.serviceId);
    const window = checkInWindow(found.slotStart, service.checkInEarlyMinutes, service.checkInLateMinutes);
    const times = { opensAt: window.opens.toISOString(), closesAt: window.closes.toISOString() };
    if (now < window.opens) throw new DomainError('CHECK_IN_TOO_EARLY', 409, `check-in opens at ${times.opensAt}`, times);
    if (now > window.closes) throw new DomainError('CHECK_IN_TOO_LATE', 409, 'the check-in window of this booking has closed', times);
    const ticket = await this.tx.run(async (em) => {
      const a = await this.repo.lock(em, found.id);
      if (!a || a.status !== 'booked') throw new DomainError('ALREADY_CHECKED_IN', 409, 'this booking has already been checked in');
      const t = await this.tickets.issueWithin(em, office, service, {
        priority: 'regular',
        channel: 'kiosk',
        actor: 'kiosk',
        now,
        sortClass: SortClass.Appointment,
        sortAt: a.slotStart,
        appointmentId: a.id,
      });
      await this.repo.update(em, a.id, { status: 'checked_in', activeNikKey: null, ticketId: t.id, updatedAt: now });
      await this.effects.audit(em, 'checked_in', 'kiosk', { ...a, status: 'checked_in' }, a, now);
      return t;
    }, opts);
    await this.effects.after('checked_in', office, found);
    return this.tickets.afterIssue(ticket);
  }

  private replay(record: IdempotencyRecord, requestHash: string): { status: number; body: AppointmentView } {
    if (record.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422, 'this Idempotency-Key was used for a different request');
    return { status: record.statusCode, body: JSON.parse(this.idempotency.open(record.response)) as AppointmentView };
  }

  private async byToken(manageToken: string): Promise<Appointment> {
    const a = /^[A-Za-z0-9_-]{16,64}$/.test(manageToken) ? await this.repo.findByToken(manageToken) : null;
    if (!a) throw new DomainError('NOT_FOUND', 404, 'appointment not found');
    return a;
  }

  /** After a place was given back: free for all (the gate forgets it was full), or a waitlist entry's booking. */
  private async placeFreedOrTaken(office: Office, freed: Appointment, promoted: Appointment | null): Promise<void> {
    if (promoted) await this.effects.after('confirmation', office, promoted);
    else this.slots.placeFreed(freed.serviceId, freed.slotStart);
  }

  private officeAndService(officeId: string, serviceId: string): Promise<{ office: Office; service: ServiceEntity }> {
    return officeAndService(this.offices, officeId, serviceId);
  }

  /** For the calendar file. */
  async forCalendar(manageToken: string) {
    const a = await this.byToken(manageToken);
    const { office, service } = await this.officeAndService(a.officeId, a.serviceId);
    return { a, office, service };
  }
}

/** The answer of `GET .../availability`: a day at its online quota shows no place in any slot. */
function availabilityView(timezone: string, days: AvailabilityDay[], atQuota: ReadonlySet<string>): Availability {
  return {
    timezone,
    days: days.map((d) => ({
      date: d.date,
      ...(d.opensAt ? { opensAt: d.opensAt.toISOString() } : {}),
      slots: d.slots.map((s) => ({
        start: s.start.toISOString(),
        end: s.end.toISOString(),
        capacity: s.capacity,
        remaining: atQuota.has(d.date) ? 0 : s.remaining,
      })),
    })),
  };
}
