import { Public } from '@giliran/auth';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { DomainError } from '@giliran/core';
import { PublicWriteThrottle } from '@giliran/infra';
import { PushChannel, PushSubscriptions, checkPushEndpoint, checkPushKeys } from '@giliran/notifications';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { OfficeRepository } from '@giliran/offices';
import { PushKeyView, PushSubscriptionDto } from './push.dto';
import { TicketRepository } from './ticket.repository';

/**
 * Web Push for the tracking page (an extension beyond API.md v1.1): the page subscribes its
 * ticket, and "your turn is near" reaches the phone with the page closed. Paths follow the
 * tracking routes: the tracking token is the only way the public reaches a ticket.
 */
@ApiTags('tickets (public)')
@Public()
@Controller('api/v1')
export class PushController {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly offices: OfficeRepository,
    private readonly subscriptions: PushSubscriptions,
    private readonly channel: PushChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('push/key')
  @ApiOperation({ summary: "The server's VAPID public key, for PushManager.subscribe({applicationServerKey})" })
  @ApiOkResponse({ type: PushKeyView })
  key(): PushKeyView {
    return { publicKey: this.channel.publicKey };
  }

  @Post('tracking/:trackingToken/push')
  @HttpCode(204)
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary:
      'Subscribe a waiting ticket to Web Push (the body is PushSubscription.toJSON()): "your turn is near" then reaches the browser with the page closed, once. ' +
      'Replaces an earlier subscription of the ticket; kept until the message is sent or the ticket’s day ends. ' +
      '404 NOT_FOUND, 400 INVALID_PUSH_SUBSCRIPTION, 400 PUSH_ENDPOINT_NOT_ALLOWED (not https, or a loopback, private, link-local or metadata address), 409 TICKET_NOT_WAITING.',
  })
  @ApiNoContentResponse({ description: 'subscribed' })
  async subscribe(@Param('trackingToken') token: string, @Body() body: PushSubscriptionDto): Promise<void> {
    const ticket = await this.tickets.findByToken(token);
    if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    checkPushKeys(body.keys);
    await checkPushEndpoint(body.endpoint, this.config.pushAllowLocal, { whenSending: false });
    if (ticket.status !== 'waiting') throw new DomainError('TICKET_NOT_WAITING', 409, `the ticket is ${ticket.status}: there is no turn left to be told of`);
    const office = await this.offices.findOffice(ticket.officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    const endOfDay = DateTime.fromISO(ticket.businessDate, { zone: office.timezone }).plus({ days: 1 }).startOf('day').toJSDate();
    await this.subscriptions.save(ticket.id, { endpoint: body.endpoint, keys: { p256dh: body.keys.p256dh, auth: body.keys.auth } }, endOfDay);
  }

  @Delete('tracking/:trackingToken/push')
  @HttpCode(204)
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({ summary: 'Unsubscribe the ticket from Web Push (204 whether or not it was subscribed). 404 NOT_FOUND' })
  @ApiNoContentResponse({ description: 'unsubscribed' })
  async unsubscribe(@Param('trackingToken') token: string): Promise<void> {
    const ticket = await this.tickets.findByToken(token);
    if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    await this.subscriptions.remove(ticket.id);
  }
}
