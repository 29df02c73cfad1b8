import { AuditModule } from '@giliran/audit';
import { OfficesModule } from '@giliran/offices';
import { Module } from '@nestjs/common';
import { FaqController } from './faqs/faq.controller';
import { FaqService } from './faqs/faq.service';

/** The citizen assistant (API.md v1.1 "Citizen assistant"): the offices' FAQs so far. */
@Module({
  imports: [OfficesModule, AuditModule],
  controllers: [FaqController],
  providers: [FaqService],
  exports: [FaqService],
})
export class AssistantModule {}
