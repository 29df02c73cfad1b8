import { CurrentUser, Roles, type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { DeliveryView } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import { JobQueue, type NotificationJob } from '@giliran/jobs';
import { DeliveryRepository } from './delivery.repository';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

class DeliveriesQuery {
  @ApiPropertyOptional({ enum: ['dead', 'failed', 'sent', 'sending'], default: 'dead' }) @IsOptional() @IsIn(['dead', 'failed', 'sent', 'sending']) status?:
    'dead' | 'failed' | 'sent' | 'sending';
}

const uuid = new ParseUUIDPipe();

/** The delivery log and its dead letters, for supervisors: see what failed, send it again. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1')
export class NotificationsController {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly jobs: JobQueue,
  ) {}

  @Get('offices/:officeId/notifications')
  @ApiOperation({ summary: 'Deliveries of an office by status (dead letters by default); ids and kinds only, no personal data' })
  async list(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Query() q: DeliveriesQuery): Promise<DeliveryView[]> {
    assertOfficeAccess(user, officeId);
    return (await this.deliveries.list(officeId, q.status ?? 'dead')).map((d) => ({
      id: d.id,
      kind: d.kind,
      channel: d.channel,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      appointmentId: d.appointmentId,
      ticketId: d.ticketId,
      updatedAt: d.updatedAt.toISOString(),
    }));
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a dead letter again' })
  async retry(@CurrentUser() user: StaffPrincipal, @Param('id', uuid) id: string) {
    const d = await this.deliveries.findById(id);
    if (!d) throw new DomainError('NOT_FOUND', 404, 'delivery not found');
    assertOfficeAccess(user, d.officeId);
    if (!(await this.deliveries.revive(id))) throw new DomainError('INVALID_TRANSITION', 409, `only a dead letter can be retried (this one is ${d.status})`);
    const job = JSON.parse(d.job) as { name: NotificationJob['name']; data: NotificationJob['data'] };
    await this.jobs.retryNotification(job.data, job.name);
    return { id, status: 'failed', retried: true };
  }
}
