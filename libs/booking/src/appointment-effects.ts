import { AuditTrail } from '@giliran/audit';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { Appointment, Office } from '@giliran/database';
import { JobQueue } from '@giliran/jobs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AvailabilityChanges } from './availability-changes';

export type AppointmentChange = 'confirmation' | 'cancellation' | 'reschedule' | 'checked_in';

/**
 * What every change of an appointment brings with it, wherever it is made (a booking, a cancel, a
 * move, a waitlist entry booked into a freed place): its audit entry in the change's transaction,
 * and after commit the availability caches told, the reminders and the citizen's notice.
 */
@Injectable()
export class AppointmentEffects {
  private readonly logger = new Logger('BookingService');

  constructor(
    private readonly trail: AuditTrail,
    private readonly jobs: JobQueue,
    private readonly changes: AvailabilityChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An appointment's audit entry, written in the transaction of its change. No personal data. */
  audit(em: EntityManager, type: string, actor: string, a: Appointment, before: Partial<Appointment> | null, now: Date): Promise<void> {
    const facts = (x: Partial<Appointment>) => ({ status: x.status, start: x.slotStart?.toISOString(), serviceId: x.serviceId, code: x.code });
    return this.trail.record(
      {
        officeId: a.officeId,
        type: `appointment.${type}`,
        actor,
        subject: `appointment:${a.id}`,
        before: before ? facts(before) : null,
        after: facts(a),
        at: now,
      },
      em,
    );
  }

  /**
   * After commit: reminders at the office's offsets (deterministic ids) and a notice. A failure
   * here is logged and left to the job's own checks: the booking itself stands.
   */
  async after(kind: AppointmentChange, office: Office, a: Appointment): Promise<void> {
    this.changes.changed(a.serviceId);
    const offsets = office.reminderOffsets ?? this.config.reminderOffsetsMinutes;
    try {
      if (kind !== 'confirmation') await this.jobs.removeReminders(a.id, offsets);
      if (kind === 'confirmation' || kind === 'reschedule') await this.jobs.scheduleReminders(a.id, a.slotStart, offsets);
      if (kind !== 'checked_in')
        await this.jobs.notify(kind, { officeId: a.officeId, appointmentId: a.id, deliveryKey: `${kind}:${a.id}:${a.updatedAt.getTime()}` });
    } catch (err) {
      this.logger.error(`could not queue the ${kind} jobs of appointment ${a.id}: ${(err as Error).message}`);
    }
  }
}
