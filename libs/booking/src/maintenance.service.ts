import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { DayCloseResult, MaintenanceTasks } from '@giliran/jobs';
import { TicketService } from '@giliran/ticketing';
import { Inject, Injectable } from '@nestjs/common';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';

/** The nightly work: the end of each office's day, and the purge of expired personal data. */
@Injectable()
export class MaintenanceService implements MaintenanceTasks {
  constructor(
    private readonly tickets: TicketService,
    private readonly booking: BookingService,
    private readonly repo: BookingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async closeDay(officeId: string, now: Date): Promise<DayCloseResult> {
    const { closedTickets } = await this.tickets.closeDay(officeId, now);
    const noShowAppointments = await this.booking.closeDay(officeId, now);
    return { closedTickets, noShowAppointments };
  }

  /**
   * Personal data of appointments whose day is more than RETENTION_DAYS ago is erased; the rows
   * stay (status, times, service) for anonymous statistics. Phones given at the kiosk go after a day.
   */
  async purgeExpired(now: Date): Promise<{ purgedAppointments: number }> {
    const before = new Date(now.getTime() - this.config.retentionDays * 86_400_000).toISOString().slice(0, 10);
    let purged = 0;
    for (;;) {
      const n = await this.repo.purgeBefore(before, now, 500);
      purged += n;
      if (n < 500) break;
    }
    await this.repo.purgeTicketPhonesBefore(new Date(now.getTime() - 86_400_000));
    return { purgedAppointments: purged };
  }
}
