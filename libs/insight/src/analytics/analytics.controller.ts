import { CurrentUser, Public, Roles, type StaffPrincipal } from '@giliran/auth';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DemandQuery, ErlangCQuery, ForecastQuery, StaffingQuery } from './analytics.dto';
import { AnalyticsService } from './analytics.service';
import type { OfficeAlert, PerformanceView } from '@giliran/contracts';
import { LongWaits } from '../alerts/long-waits';
import { PerformanceService } from './performance.service';

const uuid = new ParseUUIDPipe();

@ApiTags('insight (staff)')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly longWaits: LongWaits,
  ) {}

  @Get('offices/:officeId/alerts')
  @Roles('admin', 'supervisor', 'officer')
  @ApiOperation({ summary: "What the office's staff must know now: the longest wait of today when it is past the office's targetWaitMinutes" })
  alerts(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string): Promise<OfficeAlert[]> {
    return this.longWaits.alerts(user, officeId);
  }

  @Get('offices/:officeId/analytics/demand')
  @ApiOperation({ summary: 'Arrivals by weekday and hour (averaged over open days), daily figures with p90, and the share called within the target wait' })
  demand(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Query() q: DemandQuery) {
    return this.analytics.demand(user, officeId, q.from, q.to, q.serviceId);
  }

  @Get('offices/:officeId/analytics/forecast')
  @ApiOperation({
    summary: 'Expected walk-ins per hour of a date from the same weekday of the last weeks (holidays left out), with a band, and the bookings made',
  })
  forecast(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Query() q: ForecastQuery) {
    return this.analytics.forecast(user, officeId, q.date, q.serviceId);
  }

  @Get('offices/:officeId/staffing')
  @ApiOperation({ summary: 'Counters needed per hour of a date (Erlang C on the forecast and the measured service times)' })
  staffing(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Query() q: StaffingQuery) {
    return this.analytics.staffing(user, officeId, q.date, { serviceId: q.serviceId, targetWaitMinutes: q.targetWaitMinutes, serviceLevel: q.serviceLevel });
  }

  @Get('staffing/erlang-c')
  @Roles('admin', 'supervisor', 'officer')
  @ApiOperation({ summary: 'Erlang C: the probability of waiting, the average wait and the share served within a target, for a load and a number of counters' })
  erlangC(@Query() q: ErlangCQuery) {
    return this.analytics.erlangC(q.arrivalsPerHour, q.avgServiceSeconds, q.counters, q.targetWaitSeconds);
  }
}

@ApiTags('insight (public)')
@Public()
@Controller('api/v1')
export class PerformanceController {
  constructor(private readonly performance: PerformanceService) {}

  @Get('offices/:officeId/performance')
  @ApiOperation({ summary: "How the office does: today's served and waiting, the last 30 days' waits, no-shows, share within target, IKM (no personal data)" })
  read(@Param('officeId', uuid) officeId: string, @Res({ passthrough: true }) res: FastifyReply): Promise<PerformanceView> {
    res.header('Cache-Control', 'public, max-age=30');
    return this.performance.performance(officeId);
  }
}
