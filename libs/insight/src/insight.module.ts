import { BookingModule } from '@giliran/booking';
import { JobsModule } from '@giliran/jobs';
import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { AnalyticsController, PerformanceController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { LongWaits } from './alerts/long-waits';
import { DayRollups } from './analytics/day-rollups';
import { PerformanceService } from './analytics/performance.service';
import { CounterSurveyController, SurveyController, SurveyResultsController } from './survey/survey.controller';
import { SurveyService } from './survey/survey.service';

/** The citizens' voice (the IKM survey) and the office's foresight (demand, forecast, staffing, public performance). */
@Module({
  imports: [TicketingModule, BookingModule, JobsModule],
  controllers: [SurveyController, CounterSurveyController, SurveyResultsController, AnalyticsController, PerformanceController],
  providers: [SurveyService, AnalyticsService, PerformanceService, DayRollups, LongWaits],
  exports: [SurveyService, AnalyticsService, PerformanceService, DayRollups, LongWaits],
})
export class InsightModule {}
