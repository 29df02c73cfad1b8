import { CurrentUser, Roles, type StaffPrincipal } from '@giliran/auth';
import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { StatsQuery } from './stats.dto';
import { StatsService, statsCsv } from './stats.service';

const uuid = new ParseUUIDPipe();

/** An office's statistics (JSON or CSV) and an officer's own figures of the day. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('offices/:officeId/stats')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Statistics of the tickets issued from `from` to `to` (business dates); CSV with Accept: text/csv or ?format=csv' })
  @ApiProduces('application/json', 'text/csv')
  async officeStats(
    @CurrentUser() user: StaffPrincipal,
    @Param('officeId', uuid) officeId: string,
    @Query() query: StatsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const stats = await this.stats.officeStats(user, officeId, query.from, query.to);
    if (query.format === 'csv' || (query.format !== 'json' && accept?.includes('text/csv'))) {
      res.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="giliran-stats-${query.from}-${query.to}.csv"`);
      return statsCsv(stats);
    }
    return stats;
  }

  @Get('me/today')
  @Roles('admin', 'supervisor', 'officer')
  @ApiOperation({ summary: 'The signed-in officer’s own figures for today' })
  myDay(@CurrentUser() user: StaffPrincipal) {
    return this.stats.myDay(user);
  }
}
