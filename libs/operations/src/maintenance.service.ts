import { AuditTrail } from '@giliran/audit';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { businessDateOf } from '@giliran/core';
import { IdempotencyStore, inBatches } from '@giliran/database';
import { DeliveryRepository } from '@giliran/notifications';
import { type DayCloseResult, JobQueue, type MaintenanceTasks } from '@giliran/jobs';
import { OfficeRepository } from '@giliran/offices';
import { TicketService } from '@giliran/ticketing';
import { AdmissionUses, AppointmentDays, BookingRepository } from '@giliran/booking';
import { DayRollups, LongWaits, SurveyService } from '@giliran/insight';
import { Inject, Injectable } from '@nestjs/common';

/**
 * The nightly work (the end of each office's day, the purge of expired personal data), and the
 * reminders to put back after Redis lost its data.
 */
@Injectable()
export class MaintenanceService implements MaintenanceTasks {
  constructor(
    private readonly tickets: TicketService,
    private readonly days: AppointmentDays,
    private readonly repo: BookingRepository,
    private readonly admissions: AdmissionUses,
    private readonly survey: SurveyService,
    private readonly rollups: DayRollups,
    private readonly longWaits: LongWaits,
    private readonly offices: OfficeRepository,
    private readonly jobs: JobQueue,
    private readonly trail: AuditTrail,
    private readonly idempotency: IdempotencyStore,
    private readonly deliveries: DeliveryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Puts back the reminder jobs of every booked appointment whose reminders are still ahead: they
   * live only in Redis, and a Redis that restarted without its data has none. Jobs keep their
   * deterministic ids, so one that still exists is not added twice, and offsets already past are
   * skipped as when booking. Returns the number of jobs put back or found.
   */
  async restoreReminders(now = new Date()): Promise<number> {
    let jobs = 0;
    for (const office of await this.offices.listOffices()) {
      const booked = await this.repo.bookedFrom(office.id, businessDateOf(now, office.timezone));
      const offsetsMinutes = office.reminderOffsets ?? this.config.reminderOffsetsMinutes;
      jobs += await this.jobs.scheduleRemindersBulk(
        booked.map((a) => ({ appointmentId: a.id, slotStart: a.slotStart, offsetsMinutes })),
        now,
      );
    }
    return jobs;
  }

  async closeDay(officeId: string, now: Date): Promise<DayCloseResult> {
    const { closedTickets } = await this.tickets.closeDay(officeId, now);
    const noShowAppointments = await this.days.closeDay(officeId, now);
    // The days just settled are summed up for the analytics now, not by the first supervisor to look.
    const office = await this.offices.findOffice(officeId);
    if (office) await this.rollups.settle(office, businessDateOf(now, office.timezone));
    return { closedTickets, noShowAppointments };
  }

  watchWaits(now: Date): Promise<{ opened: number; closed: number }> {
    return this.longWaits.watch(now);
  }

  /**
   * Personal data of appointments whose day is more than RETENTION_DAYS ago is erased; the rows
   * stay (status, times, service) for anonymous statistics. Phones given at the kiosk, and the
   * citizens of waitlist entries whose day is over, go after a day.
   */
  async purgeExpired(now: Date): Promise<{ purgedAppointments: number }> {
    const before = new Date(now.getTime() - this.config.retentionDays * 86_400_000).toISOString().slice(0, 10);
    const purged = await inBatches(500, async (limit) => {
      const rows = await this.repo.purgeBefore(before, now, limit);
      await this.trail.recordAll(
        rows.map((r) => ({
          officeId: r.officeId,
          type: 'appointment.purged',
          actor: 'system',
          subject: `appointment:${r.id}`,
          after: { retentionDays: this.config.retentionDays },
          at: now,
        })),
      );
      return rows.length;
    });
    const phonesBefore = new Date(now.getTime() - 86_400_000);
    await inBatches(500, (limit) => this.repo.purgeTicketPhonesBefore(phonesBefore, limit));
    // A waitlist entry's citizen is needed until its day begins (then it is booked or over).
    await inBatches(500, (limit) => this.repo.purgeWaitlistBefore(phonesBefore.toISOString().slice(0, 10), limit));
    await this.idempotency.purgeBefore(new Date(now.getTime() - 86_400_000));
    // A spent admission only matters while its admission could still be used: minutes.
    await this.admissions.purgeBefore(new Date(now.getTime() - 2 * 86_400_000));
    // A survey's answers stay (the index of past periods); its comment goes with the rest of the citizen's data.
    await inBatches(1000, (limit) => this.survey.purgeCommentsBefore(before, limit));
    await this.deliveries.purgeErrorsBefore(new Date(now.getTime() - this.config.retentionDays * 86_400_000));
    return { purgedAppointments: purged };
  }
}
