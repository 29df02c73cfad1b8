import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { BookingController, StaffBookingController } from './booking.controller';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { EndOfDayService } from './end-of-day.service';

@Module({
  imports: [TicketingModule],
  controllers: [BookingController, StaffBookingController],
  providers: [BookingRepository, BookingService, EndOfDayService],
  exports: [BookingService, EndOfDayService],
})
export class BookingModule {}
