import type { DayCloseResult, DayCloser } from '@giliran/jobs';
import { TicketService } from '@giliran/ticketing';
import { Injectable } from '@nestjs/common';
import { BookingService } from './booking.service';

/** The whole end of day: unfinished tickets closed, bookings never checked in marked no-show. */
@Injectable()
export class EndOfDayService implements DayCloser {
  constructor(
    private readonly tickets: TicketService,
    private readonly booking: BookingService,
  ) {}

  async closeDay(officeId: string, now: Date): Promise<DayCloseResult> {
    const { closedTickets } = await this.tickets.closeDay(officeId, now);
    const noShowAppointments = await this.booking.closeDay(officeId, now);
    return { closedTickets, noShowAppointments };
  }
}
