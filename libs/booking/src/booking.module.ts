import { JobsModule } from '@giliran/jobs';
import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { BookingController, StaffBookingController } from './booking.controller';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { AvailabilityChanges } from './availability-changes';
import { SlotCatalog } from './slot-catalog';
import { AppointmentDays } from './appointment-days';
import { AppointmentEffects } from './appointment-effects';
import { WaitlistService } from './waitlist';
import { WaitlistController } from './waitlist.controller';
import { NotificationsModule } from '@giliran/notifications';

@Module({
  imports: [TicketingModule, NotificationsModule, JobsModule],
  controllers: [BookingController, StaffBookingController, WaitlistController],
  providers: [AvailabilityChanges, BookingRepository, SlotCatalog, AppointmentEffects, WaitlistService, BookingService, AppointmentDays],
  exports: [BookingService, BookingRepository, AppointmentDays, NotificationsModule],
})
export class BookingModule {}
