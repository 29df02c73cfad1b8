export * from './process-wiring';
export * from './maintenance.module';
export * from './maintenance.service';
export * from './redis-loss';
