import { type AvailabilityDay, type Slot, DomainError, availability, businessDateOf, findSlot, releaseOf, rolledOver } from '@giliran/core';
import type { Office, ServiceEntity } from '@giliran/database';
import { OfficeRepository, channelQuota, releaseRule } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AvailabilityChanges } from './availability-changes';
import { BookingRepository } from './booking.repository';
import { SlotGate } from './slot-gate';

/** How long a slot seen full is answered full without reading it again. */
const FULL_MEMO_MS = 1000;
/** How old the booked counts shown by availability may be when no change was announced (Redis away). */
const AVAILABILITY_TTL_MS = 2000;

/**
 * The slots a service offers and what is left of them: laid out from the office's hours and the
 * service's rules, the booked counts kept briefly, and the gate that turns a crowd at a full slot
 * away without a transaction each. The booking itself is always the exact check.
 */
@Injectable()
export class SlotCatalog {
  readonly gate = new SlotGate(FULL_MEMO_MS);

  constructor(
    private readonly repo: BookingRepository,
    private readonly offices: OfficeRepository,
    private readonly changes: AvailabilityChanges,
  ) {}

  /**
   * `booked`: places taken per slot start, read for the range unless given. `release`: a day not
   * released yet has no slots (the booking's own check lays them out without it, to tell a slot
   * that will open from one that never will).
   */
  async days(
    office: Office,
    service: ServiceEntity,
    from: string,
    to: string,
    now: Date,
    booked?: ReadonlyMap<number, number>,
    release = true,
  ): Promise<AvailabilityDay[]> {
    const hours = await this.offices.hours(office.id);
    const holidays = await this.offices.holidaySet(office.id);
    const rangeStart = DateTime.fromISO(from, { zone: office.timezone }).startOf('day').toJSDate();
    const rangeEnd = DateTime.fromISO(to, { zone: office.timezone }).endOf('day').toJSDate();
    return availability({
      from,
      to,
      now,
      timeZone: office.timezone,
      week: hours,
      holidays,
      rules: {
        slotMinutes: service.slotMinutes,
        capacity: service.slotCapacity,
        minDaysAhead: service.bookingMinDaysAhead,
        maxDaysAhead: service.bookingWindowDays,
        leadMinutes: 0,
      },
      booked: booked ?? (await this.bookedPerSlot(service.id, rangeStart, rangeEnd)),
      release: release ? releaseRule(service) : null,
    });
  }

  /**
   * The places booked per slot of a service over a range, kept AVAILABILITY_TTL_MS: a crowd
   * reading the same days before a release costs the database one read a range every few seconds.
   * A booking, a cancellation or a move drops them at once, on this replica and by Redis on the
   * others (AvailabilityChanges). Only what is shown: the booking itself is the exact check.
   */
  private readonly booked = new Map<string, { at: number; generation: number; booked: Promise<ReadonlyMap<number, number>> }>();

  private bookedPerSlot(serviceId: string, from: Date, to: Date): Promise<ReadonlyMap<number, number>> {
    const key = `${serviceId}|${from.getTime()}|${to.getTime()}`;
    const generation = this.changes.generation(serviceId);
    const hit = this.booked.get(key);
    if (hit && hit.generation === generation && Date.now() - hit.at < AVAILABILITY_TTL_MS) return hit.booked;
    if (this.booked.size > 10_000) this.booked.clear();
    const booked = this.repo.bookedPerSlot(serviceId, from, to);
    const entry = { at: Date.now(), generation, booked };
    this.booked.set(key, entry);
    booked.catch(() => this.booked.get(key) === entry && this.booked.delete(key));
    return booked;
  }

  /**
   * The slots a service offers on a day, without what is booked, per minute of `now`. Kept on the
   * service object of the office's cached set-up, so any change to the set-up starts afresh. A
   * booking storm asks for the same few slots thousands of times a second; laying out the day
   * each time was most of a refused booking's cost.
   */
  private readonly layouts = new WeakMap<ServiceEntity, Map<string, Promise<AvailabilityDay[]>>>();

  private layout(office: Office, service: ServiceEntity, date: string, now: Date): Promise<AvailabilityDay[]> {
    let perDay = this.layouts.get(service);
    if (!perDay) this.layouts.set(service, (perDay = new Map()));
    const minute = Math.floor(now.getTime() / 60_000);
    const key = `${date}|${minute}`;
    let days = perDay.get(key);
    if (!days) {
      if (perDay.size > 100) perDay.clear();
      // Slots start on whole minutes: laid out as at the minute's last millisecond, a slot counts
      // as begun exactly when it would for any instant of that minute but its very first.
      days = this.days(office, service, date, date, new Date((minute + 1) * 60_000 - 1), new Map(), false);
      perDay.set(key, days);
      days.catch(() => perDay.delete(key));
    }
    return days;
  }

  /**
   * Whether the online places of `date` are gone to walk-ins: from the service's roll-over hour
   * on that day (API.md v1.1), today's online places nobody booked are walk-in places.
   */
  onlinePlacesRolledOver(office: Office, service: ServiceEntity, date: string, now: Date): boolean {
    const quota = channelQuota(service);
    return quota.online !== null && rolledOver(quota, now, office.timezone, date);
  }

  /**
   * The days of a range with no online place left: at the online quota, or rolled over to walk-ins.
   * Kept like the booked counts (a crowd before a release reads the same days again and again).
   */
  async daysWithoutOnlinePlaces(office: Office, service: ServiceEntity, from: string, to: string, now: Date): Promise<ReadonlySet<string>> {
    const quota = service.dailyOnlineQuota;
    if (quota === null) return new Set();
    const key = `${service.id}|${from}|${to}|${quota}`;
    const generation = this.changes.generation(service.id);
    let hit = this.fullDays.get(key);
    if (!hit || hit.generation !== generation || Date.now() - hit.at >= AVAILABILITY_TTL_MS) {
      if (this.fullDays.size > 10_000) this.fullDays.clear();
      hit = { at: Date.now(), generation, days: this.repo.daysAtOnlineQuota(service.id, from, to, quota) };
      const entry = hit;
      this.fullDays.set(key, entry);
      entry.days.catch(() => this.fullDays.get(key) === entry && this.fullDays.delete(key));
    }
    const today = businessDateOf(now, office.timezone);
    const atQuota = await hit.days;
    return today >= from && today <= to && this.onlinePlacesRolledOver(office, service, today, now) ? new Set([...atQuota, today]) : atQuota;
  }

  private readonly fullDays = new Map<string, { at: number; generation: number; days: Promise<Set<string>> }>();

  placeFreed(serviceId: string, slotStart: Date): void {
    this.gate.freed(SlotGate.key(serviceId, slotStart));
    this.changes.changed(serviceId);
  }

  /** The slot starting at `start`, if the service offers it now (open, in the window, not past), with what is left of it. */
  async slotAt(office: Office, service: ServiceEntity, start: string, now: Date): Promise<Slot> {
    const at = new Date(start);
    if (Number.isNaN(at.getTime())) throw new DomainError('VALIDATION_FAILED', 400, 'start: not a date');
    const date = businessDateOf(at, office.timezone);
    const slot = findSlot(await this.layout(office, service, date, now), at);
    if (!slot) throw new DomainError('SLOT_UNAVAILABLE', 400, 'that is not a bookable slot of this service');
    // A slot of a day not released yet: it will be bookable, from opensAt.
    const opensAt = releaseOf(date, releaseRule(service), office.timezone);
    if (opensAt && now.getTime() < opensAt.getTime()) {
      throw new DomainError('NOT_YET_RELEASED', 409, `the slots of ${date} open for booking at ${opensAt.toISOString()}`, { opensAt: opensAt.toISOString() });
    }
    const key = SlotGate.key(service.id, slot.start);
    if (this.gate.isFull(key)) return { ...slot, remaining: 0 };
    const { taken, generation } = await this.gate.taken(key, () => this.repo.bookedAt(service.id, slot.start));
    if (taken >= slot.capacity) this.gate.markFull(key, generation);
    return { ...slot, remaining: Math.max(0, slot.capacity - taken) };
  }
}
