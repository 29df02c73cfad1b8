import { BookingModule } from '@giliran/booking';
import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { AnalyticsController, PerformanceController } from './analytics/analytics.controller';
import { AnalyticsService } from './analytics/analytics.service';
import { DayRollups } from './analytics/day-rollups';
import { PerformanceService } from './analytics/performance.service';
import { SurveyController, SurveyResultsController } from './survey/survey.controller';
import { SurveyService } from './survey/survey.service';

/** The citizens' voice (the IKM survey) and the office's foresight (demand, forecast, staffing, public performance). */
@Module({
  imports: [TicketingModule, BookingModule],
  controllers: [SurveyController, SurveyResultsController, AnalyticsController, PerformanceController],
  providers: [SurveyService, AnalyticsService, PerformanceService, DayRollups],
  exports: [SurveyService, AnalyticsService, PerformanceService, DayRollups],
})
export class InsightModule {}
