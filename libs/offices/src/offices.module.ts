import { JobsModule } from '@giliran/jobs';
import { Module } from '@nestjs/common';
import { AdminOfficeController, NationalHolidaysController, PublicOfficeController } from './office.controller';
import { OfficeRepository } from './office.repository';
import { OfficeService } from './office.service';

/** Offices and their set-up: services, counters, opening hours, holidays, the set-up cache. */
@Module({
  imports: [JobsModule],
  controllers: [PublicOfficeController, AdminOfficeController, NationalHolidaysController],
  providers: [OfficeRepository, OfficeService],
  exports: [OfficeRepository, OfficeService],
})
export class OfficesModule {}
