export * from './booking.module';
export * from './booking.service';
export * from './booking.repository';
export * from './end-of-day.service';
export * from './booking.dto';
export * from './calendar';
