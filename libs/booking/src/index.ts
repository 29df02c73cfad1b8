export * from './booking.module';
export * from './booking.service';
export * from './booking.repository';
export * from './booking.dto';
export * from './calendar';
export * from './appointment-days';
export * from './waitlist';
