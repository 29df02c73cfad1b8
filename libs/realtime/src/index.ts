export * from './realtime.publisher';
export * from './queue.gateway';
export * from './redis-io.adapter';
export * from './realtime.module';
