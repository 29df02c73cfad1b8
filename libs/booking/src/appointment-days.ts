import { AuditTrail } from '@giliran/audit';
import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { AppointmentView } from '@giliran/contracts';
import { DomainError, PiiCipher, businessDateOf } from '@giliran/core';
import { TransactionRunner, inBatches } from '@giliran/database';
import { OfficeRepository } from '@giliran/offices';
import { Inject, Injectable } from '@nestjs/common';
import { appointmentView } from './appointment-view';
import { BookingRepository } from './booking.repository';

/** An office's appointments of a day: the staff's list, and the end of day's no-shows. */
@Injectable()
export class AppointmentDays {
  private readonly pii: PiiCipher;

  constructor(
    private readonly repo: BookingRepository,
    private readonly offices: OfficeRepository,
    private readonly tx: TransactionRunner,
    private readonly trail: AuditTrail,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
  }

  /** End of day: bookings of earlier days never checked in become no-shows. */
  async closeDay(officeId: string, now: Date): Promise<number> {
    const office = await this.offices.findOffice(officeId);
    if (!office) return 0;
    const today = businessDateOf(now, office.timezone);
    return inBatches(500, (limit) =>
      this.tx.run(async (em) => {
        const batch = await this.repo.lockUncheckedBefore(em, officeId, today, limit);
        for (const a of batch) await this.repo.update(em, a.id, { status: 'no_show', activeNikKey: null, updatedAt: now });
        await this.trail.recordAll(
          batch.map((a) => ({
            officeId,
            type: 'appointment.no_show',
            actor: 'system',
            subject: `appointment:${a.id}`,
            before: { status: a.status },
            after: { status: 'no_show' },
            at: now,
          })),
          em,
        );
        return batch.length;
      }),
    );
  }

  async listOfDay(user: StaffPrincipal, officeId: string, date: string | undefined): Promise<AppointmentView[]> {
    assertOfficeAccess(user, officeId);
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    const services = new Map((await this.offices.services(officeId)).map((s) => [s.id, s]));
    const day = date ?? businessDateOf(new Date(), office.timezone);
    return (await this.repo.listOfDay(officeId, day)).map((a) => appointmentView(this.pii, office, services.get(a.serviceId)!, a, { withCitizen: true }));
  }
}
