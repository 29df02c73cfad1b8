import { AuditModule } from '@giliran/audit';
import { BookingModule } from '@giliran/booking';
import { OfficesModule } from '@giliran/offices';
import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { AssistantController } from './ask/assistant.controller';
import { AssistantThrottle } from './ask/assistant-throttle';
import { AssistantService } from './ask/assistant.service';
import { InboundChannel } from './channels/inbound-channel';
import { InboundSignatureGuard } from './channels/inbound-signature.guard';
import { FaqController } from './faqs/faq.controller';
import { FaqService } from './faqs/faq.service';
import { OfficeKnowledge } from './knowledge/office-knowledge';

/** The citizen assistant (API.md v1.1 "Citizen assistant"): FAQs, `POST /assistant`, and the messaging channel. */
@Module({
  imports: [OfficesModule, AuditModule, TicketingModule, BookingModule],
  controllers: [FaqController, AssistantController],
  providers: [FaqService, OfficeKnowledge, AssistantService, InboundChannel, InboundSignatureGuard, AssistantThrottle],
  exports: [FaqService, AssistantService],
})
export class AssistantModule {}
