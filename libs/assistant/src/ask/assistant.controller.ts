import { Public } from '@giliran/auth';
import type { AssistantAnswer } from '@giliran/contracts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InboundChannel } from '../channels/inbound-channel';
import { InboundSignatureGuard } from '../channels/inbound-signature.guard';
import { InboundMessageDto } from '../channels/inbound.dto';
import { AskDto } from './ask.dto';
import { AssistantThrottle } from './assistant-throttle';
import { AssistantService } from './assistant.service';

@ApiTags('assistant')
@Public()
@Controller('api/v1')
export class AssistantController {
  constructor(
    private readonly assistant: AssistantService,
    private readonly inbound: InboundChannel,
  ) {}

  @Post('assistant')
  @HttpCode(200)
  @UseGuards(AssistantThrottle)
  @ApiOperation({
    summary: "Ask the office's assistant (public; RATE_LIMIT_PER_MINUTE per address, on a budget apart from the other public writes)",
    description:
      'Answers in the language of the message (else `locale`) from the office’s own data: hours and holidays, requirements, the live queue, FAQs; ' +
      'the citizen’s own ticket or booking only through the token in `context`; otherwise the office’s contact (`handover`). ' +
      '`intent` ∈ greeting, hours, requirements, queue, ticket_status, booking_status, book, faq, handover; `sources` name what the answer was composed from; ' +
      '`basis` (extension) is the example or FAQ question the message was read as. 404 for an unknown office.',
  })
  ask(@Body() body: AskDto): Promise<AssistantAnswer> {
    return this.assistant.answer(body);
  }

  @Post('channels/inbound')
  @HttpCode(200)
  @UseGuards(InboundSignatureGuard)
  @ApiHeader({ name: 'x-giliran-signature', required: true, description: 'sha256=<hex HMAC-SHA256 of the raw body, keyed with WEBHOOK_SECRET>' })
  @ApiOperation({
    summary: 'A message from a WhatsApp/SMS gateway → the reply to send back',
    description:
      '"status <booking code> <last 4 NIK digits>" answers that booking’s day, time and status only (10 look-ups per sender and per code in 15 minutes); anything else gets the assistant’s answer as text.',
  })
  @ApiResponse({ status: 401, description: 'UNAUTHORIZED: unsigned or badly signed' })
  channel(@Body() body: InboundMessageDto): Promise<{ reply: string }> {
    return this.inbound.reply(body);
  }
}
