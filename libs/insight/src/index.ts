export * from './insight.module';
export * from './survey/survey.service';
