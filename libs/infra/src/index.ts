export * from './redis';
export * from './redis.module';
export * from './http-errors';
export * from './operations.module';
export * from './counting-throttler.storage';
export * from './rate-counter';
export * from './rate-limit';
export * from './idempotency-key';
