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
import { AdmissionUses } from './waiting-room/admission-uses';
import { WaitingRoomService } from './waiting-room/waiting-room.service';
import { ReleaseLiveController, WaitingRoomController } from './waiting-room/waiting-room.controller';

@Module({
  imports: [TicketingModule, NotificationsModule, JobsModule],
  controllers: [BookingController, StaffBookingController, WaitlistController, WaitingRoomController, ReleaseLiveController],
  providers: [
    AvailabilityChanges,
    BookingRepository,
    SlotCatalog,
    AppointmentEffects,
    WaitlistService,
    AdmissionUses,
    WaitingRoomService,
    BookingService,
    AppointmentDays,
  ],
  exports: [BookingService, BookingRepository, AppointmentDays, AdmissionUses, WaitingRoomService, NotificationsModule],
})
export class BookingModule {}
