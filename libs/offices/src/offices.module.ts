import { JobsModule } from '@giliran/jobs';
import { Module } from '@nestjs/common';
import { AdminOfficeController, NationalHolidaysController, PublicOfficeController } from './office.controller';
import { CapacityChanges } from './capacity-changes';
import { OfficeRepository } from './office.repository';
import { OfficeService } from './office.service';

/** Offices and their set-up: services, counters, opening hours, holidays, the set-up cache. */
@Module({
  imports: [JobsModule],
  controllers: [PublicOfficeController, AdminOfficeController, NationalHolidaysController],
  providers: [OfficeRepository, OfficeService, CapacityChanges],
  exports: [OfficeRepository, OfficeService, CapacityChanges],
})
export class OfficesModule {}
