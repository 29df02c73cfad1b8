export * from './booking.module';
export * from './booking.service';
export * from './booking.repository';
export * from './maintenance.service';
export * from './redis-loss';
export * from './notifications.processor';
export * from './booking.dto';
export * from './calendar';
