export * from './insight.module';
export * from './survey/survey.service';
export * from './analytics/analytics.service';
export * from './analytics/performance.service';
export { DayRollups } from './analytics/day-rollups';
export { LongWaits } from './alerts/long-waits';
