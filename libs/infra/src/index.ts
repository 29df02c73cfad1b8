export * from './redis';
export * from './redis.module';
export * from './http-errors';
export * from './operations.module';
