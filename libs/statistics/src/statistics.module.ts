import { BookingModule } from '@giliran/booking';
import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** An office's statistics and an officer's own figures, read from the audit trail and the bookings. */
@Module({
  imports: [TicketingModule, BookingModule],
  controllers: [StatsController],
  providers: [StatsService],
  exports: [StatsService],
})
export class StatisticsModule {}
