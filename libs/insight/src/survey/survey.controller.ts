import { CurrentUser, Public, Roles, type StaffPrincipal } from '@giliran/auth';
import type { CounterSurveyPending, SurveyComment, SurveyQuestion, SurveyResults } from '@giliran/contracts';
import { IKM_ELEMENTS, csv } from '@giliran/core';
import { PublicWriteThrottle } from '@giliran/infra';
import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SubmitCounterSurveyDto, SubmitSurveyDto, SurveyPeriodQuery, SurveyQuestionsQuery } from './survey.dto';
import { SurveyService } from './survey.service';

const uuid = new ParseUUIDPipe();

const wantsCsv = (q: SurveyPeriodQuery, accept: string | undefined) => q.format === 'csv' || (q.format !== 'json' && !!accept?.includes('text/csv'));

@ApiTags('survey (public)')
@Public()
@Controller('api/v1')
export class SurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get('survey/questions')
  @ApiOperation({ summary: 'The nine IKM questions (PermenPANRB 14/2017), each answered 1 (worst) to 4 (best)' })
  questions(@Query() q: SurveyQuestionsQuery): SurveyQuestion[] {
    return this.survey.questions(q.locale);
  }

  @Post('tracking/:trackingToken/survey')
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({ summary: 'Rate a finished visit: all nine answers. 409 SURVEY_NOT_OPEN, SURVEY_CLOSED, SURVEY_ALREADY_SUBMITTED' })
  async submit(@Param('trackingToken') token: string, @Body() body: SubmitSurveyDto): Promise<{ status: 'received' }> {
    await this.survey.submit(token, { answers: { ...body.answers }, comment: body.comment });
    return { status: 'received' };
  }
}

/**
 * The counter-side tablet (`/survey?counter=<id>`): signed in as the counter's staff, it offers
 * the survey of the visit the counter just finished, and sends the answers for that visit.
 */
@ApiTags('survey (counter tablet)')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'officer')
@Controller('api/v1/counters/:counterId/survey')
export class CounterSurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get()
  @ApiOperation({ summary: 'The visit this counter finished last, while unrated and at most 10 minutes ago: what its tablet asks about' })
  pending(@CurrentUser() user: StaffPrincipal, @Param('counterId', uuid) counterId: string): Promise<CounterSurveyPending> {
    return this.survey.pendingAtCounter(user, counterId);
  }

  @Post()
  @ApiOperation({
    summary:
      "A visit's answers from the counter's tablet: a ticket this counter finished, within 10 minutes. 409 SURVEY_NOT_OPEN, SURVEY_CLOSED, SURVEY_ALREADY_SUBMITTED",
  })
  async submit(
    @CurrentUser() user: StaffPrincipal,
    @Param('counterId', uuid) counterId: string,
    @Body() body: SubmitCounterSurveyDto,
  ): Promise<{ status: 'received' }> {
    await this.survey.submitAtCounter(user, counterId, body.ticketId, { answers: { ...body.answers }, comment: body.comment });
    return { status: 'received' };
  }
}

@ApiTags('survey (staff)')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1/offices/:officeId/survey')
export class SurveyResultsController {
  constructor(private readonly survey: SurveyService) {}

  @Get()
  @ApiOperation({ summary: 'The IKM of a period: element averages, index and grade, per service and per counter; CSV with Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  async results(
    @CurrentUser() user: StaffPrincipal,
    @Param('officeId', uuid) officeId: string,
    @Query() q: SurveyPeriodQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SurveyResults | string> {
    const r = await this.survey.results(user, officeId, q.from, q.to);
    if (!wantsCsv(q, accept)) return r;
    res.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="giliran-ikm-${q.from}-${q.to}.csv"`);
    return csv([
      ['scope', 'key', 'responses', ...IKM_ELEMENTS, 'ikm', 'grade', 'label'],
      ['office', `${r.from}..${r.to}`, r.responses, ...r.elements.map((e) => e.average), r.ikm, r.grade, r.label],
      ...r.byService.map((s) => ['service', s.serviceId, s.responses, ...IKM_ELEMENTS.map(() => ''), s.ikm, '', '']),
      ...r.byCounter.map((c) => ['counter', c.counterId, c.responses, ...IKM_ELEMENTS.map(() => ''), c.ikm, '', '']),
    ]);
  }

  @Get('comments')
  @ApiOperation({ summary: "The citizens' comments of a period (staff only); CSV with Accept: text/csv" })
  @ApiProduces('application/json', 'text/csv')
  async comments(
    @CurrentUser() user: StaffPrincipal,
    @Param('officeId', uuid) officeId: string,
    @Query() q: SurveyPeriodQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SurveyComment[] | string> {
    const list = await this.survey.comments(user, officeId, q.from, q.to);
    if (!wantsCsv(q, accept)) return list;
    res.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="giliran-ikm-comments-${q.from}-${q.to}.csv"`);
    return csv([['date', 'serviceId', 'counterId', 'comment'], ...list.map((c) => [c.date, c.serviceId, c.counterId, c.comment])]);
  }
}
