import { CurrentUser, Roles, type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { DomainError, isBusinessDate } from '@giliran/core';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DateTime } from 'luxon';
import { AUDIT_PAGE, AuditTrail } from './audit-trail';

export class AuditQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'first business date (office time); today by default' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'last business date; `from` by default' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
  @ApiPropertyOptional({
    example: 'appointment',
    description: 'a type (`appointment.cancelled`) or the first part of one (`appointment`, `staff`, `service`, `auth`)',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,20}(\.[a-z_]{1,20})?$/)
  type?: string;
}

const MAX_DAYS = 92;

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1/offices/:officeId/audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @ApiOperation({
    summary: `The office audit trail, oldest first (at most ${AUDIT_PAGE} entries): appointments booked, rescheduled, cancelled, checked in, no-show and purged; every staff change to the office, services, counters, hours, holidays and staff; failed logins. NIK and contact data masked.`,
  })
  async list(@CurrentUser() user: StaffPrincipal, @Param('officeId', new ParseUUIDPipe()) officeId: string, @Query() q: AuditQuery) {
    assertOfficeAccess(user, officeId);
    const zone = await this.trail.officeTimezone(officeId);
    if (!zone) throw new DomainError('NOT_FOUND', 404, 'office not found');
    const today = DateTime.now().setZone(zone).toISODate()!;
    const from = q.from ?? today;
    const to = q.to ?? from;
    if (!isBusinessDate(from) || !isBusinessDate(to) || from > to)
      throw new DomainError('VALIDATION_FAILED', 400, 'from, to: real dates YYYY-MM-DD, from not after to');
    const start = DateTime.fromISO(from, { zone }).startOf('day');
    const end = DateTime.fromISO(to, { zone }).endOf('day');
    if (end.diff(start, 'days').days > MAX_DAYS) throw new DomainError('VALIDATION_FAILED', 400, `from, to: at most ${MAX_DAYS} days at once`);
    return this.trail.list(officeId, start.toJSDate(), end.toJSDate(), q.type);
  }
}
