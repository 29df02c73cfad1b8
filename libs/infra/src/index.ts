export * from './redis';
export * from './redis.module';
export * from './http-errors';
export * from './operations.module';
export * from './redis-throttler.storage';
export * from './rate-limit';
