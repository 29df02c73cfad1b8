import { CurrentUser, Public, Roles, type StaffPrincipal } from '@giliran/auth';
import { PublicWriteThrottle, RequestDeadlineAt, idempotencyKeyOf } from '@giliran/infra';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BoardService } from './board.service';
import { CounterService } from './counter.service';
import { CallSpecificDto, IssueTicketDto, ListTicketsQuery, TransferDto } from './ticket.dto';
import { TicketService } from './ticket.service';
import { TicketReads } from './ticket-reads';

const uuid = new ParseUUIDPipe();

@ApiTags('tickets (public)')
@Public()
@Controller('api/v1')
export class PublicTicketController {
  constructor(
    private readonly tickets: TicketService,
    private readonly board: BoardService,
  ) {}

  @Post('offices/:officeId/tickets')
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary:
      'Take a walk-in ticket (kiosk). 409 OFFICE_CLOSED, SERVICE_INACTIVE, QUOTA_REACHED. The public may use channel kiosk or remote; staff needs a staff token (else 403 FORBIDDEN).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the same ticket (its current place) and issues nothing more; 422 IDEMPOTENCY_KEY_REUSED for another request',
  })
  issue(
    @Param('officeId', uuid) officeId: string,
    @Body() body: IssueTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: { user?: StaffPrincipal },
    @RequestDeadlineAt() deadline: number | undefined,
  ) {
    return this.tickets.issue(officeId, body, req.user ?? 'kiosk', new Date(), { idempotencyKey: idempotencyKeyOf(key), deadline });
  }

  @Get('tracking/:trackingToken')
  @ApiOperation({ summary: 'A ticket as its holder follows it' })
  tracking(@Param('trackingToken') token: string) {
    return this.board.tracking(token);
  }
}

@ApiTags('counter work')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'officer')
@Controller('api/v1')
export class CounterWorkController {
  constructor(
    private readonly tickets: TicketService,
    private readonly counters: CounterService,
    private readonly reads: TicketReads,
  ) {}

  @Post('counters/:counterId/open')
  @HttpCode(200)
  open(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string) {
    return this.counters.open(user, counterId);
  }

  @Post('counters/:counterId/close')
  @HttpCode(200)
  close(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string) {
    return this.counters.close(user, counterId);
  }

  @Post('counters/:counterId/pause')
  @HttpCode(200)
  pause(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string) {
    return this.counters.pause(user, counterId);
  }

  @Post('counters/:counterId/call-next')
  @ApiOperation({ summary: '200 {ticket} now called here, or 204 when nothing waits. 409 COUNTER_BUSY, COUNTER_CLOSED' })
  async callNext(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.counters.callNext(user, counterId);
    res.status(result ? 200 : 204);
    return result ?? undefined;
  }

  @Post('counters/:counterId/resume')
  @HttpCode(200)
  resume(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string) {
    return this.counters.resume(user, counterId);
  }

  @Post('counters/:counterId/call')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call one particular waiting ticket, out of order; the reason goes into the audit trail' })
  callSpecific(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string, @Body() body: CallSpecificDto) {
    return this.counters.callSpecific(user, counterId, body.ticketId, body.reason);
  }

  @Post('counters/:counterId/complete-and-next')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the ticket in hand (starting it if only called) and call the next: {completed, ticket}' })
  completeAndNext(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string) {
    return this.counters.completeAndNext(user, counterId);
  }

  @Post('counters/:counterId/recall')
  @HttpCode(200)
  recall(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string) {
    return this.counters.recall(user, counterId);
  }

  @Post('tickets/:ticketId/start')
  @HttpCode(200)
  start(@CurrentUser() user: StaffPrincipal, @Param('ticketId', uuid) ticketId: string) {
    return this.tickets.transition(user, ticketId, 'start');
  }

  @Post('tickets/:ticketId/complete')
  @HttpCode(200)
  complete(@CurrentUser() user: StaffPrincipal, @Param('ticketId', uuid) ticketId: string) {
    return this.tickets.transition(user, ticketId, 'complete');
  }

  @Post('tickets/:ticketId/no-show')
  @HttpCode(200)
  noShow(@CurrentUser() user: StaffPrincipal, @Param('ticketId', uuid) ticketId: string) {
    return this.tickets.transition(user, ticketId, 'no_show');
  }

  @Post('tickets/:ticketId/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: StaffPrincipal, @Param('ticketId', uuid) ticketId: string) {
    return this.tickets.transition(user, ticketId, 'cancel');
  }

  @Post('tickets/:ticketId/transfer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back to waiting in another service, keeping its number and its place in time' })
  transfer(@CurrentUser() user: StaffPrincipal, @Param('ticketId', uuid) ticketId: string, @Body() body: TransferDto) {
    return this.tickets.transfer(user, ticketId, body.serviceId, body.reason);
  }

  @Get('offices/:officeId/tickets')
  list(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Query() query: ListTicketsQuery) {
    return this.reads.list(user, officeId, query);
  }

  @Get('tickets/:ticketId/events')
  @ApiOperation({ summary: 'The append-only audit trail of a ticket' })
  events(@CurrentUser() user: StaffPrincipal, @Param('ticketId', uuid) ticketId: string) {
    return this.reads.events(user, ticketId);
  }
}
