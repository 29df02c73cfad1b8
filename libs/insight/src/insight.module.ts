import { TicketingModule } from '@giliran/ticketing';
import { Module } from '@nestjs/common';
import { SurveyController, SurveyResultsController } from './survey/survey.controller';
import { SurveyService } from './survey/survey.service';

/** The citizens' voice (the IKM survey) and the office's foresight (demand, forecast, staffing, public performance). */
@Module({
  imports: [TicketingModule],
  controllers: [SurveyController, SurveyResultsController],
  providers: [SurveyService],
  exports: [SurveyService],
})
export class InsightModule {}
