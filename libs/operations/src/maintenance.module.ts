import { BookingModule } from '@giliran/booking';
import { InsightModule } from '@giliran/insight';
import { JobsModule } from '@giliran/jobs';
import { NotificationsModule } from '@giliran/notifications';
import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { MaintenanceService } from './maintenance.service';
import { RedisLossWatch } from './redis-loss';

/**
 * What keeps the system in order over time: each office's end of day, the nightly retention purge,
 * and the recovery after Redis came back empty (schedules, reminders and screens put back).
 */
@Module({
  imports: [BookingModule, TicketingModule, NotificationsModule, JobsModule, InsightModule],
  providers: [MaintenanceService, RedisLossWatch],
  exports: [MaintenanceService, RedisLossWatch],
})
export class MaintenanceModule {}
