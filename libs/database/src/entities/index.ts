import { Appointment } from './appointment.entity';
import { CounterEvent } from './counter-event.entity';
import { DailyBooking } from './daily-booking.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { SlotBooking } from './slot-booking.entity';
import { Counter } from './counter.entity';
import { DailySequence } from './daily-sequence.entity';
import { Holiday } from './holiday.entity';
import { Office } from './office.entity';
import { OpeningHours } from './opening-hours.entity';
import { ServiceEntity } from './service.entity';
import { StaffUser } from './staff-user.entity';
import { TicketEvent } from './ticket-event.entity';
import { Ticket } from './ticket.entity';

export { Appointment, Counter, CounterEvent, DailyBooking, IdempotencyRecord, SlotBooking, DailySequence, Holiday, Office, OpeningHours, ServiceEntity, StaffUser, Ticket, TicketEvent };
export const ENTITIES = [Office, OpeningHours, Holiday, ServiceEntity, Counter, StaffUser, Ticket, TicketEvent, DailySequence, CounterEvent, Appointment, SlotBooking, DailyBooking, IdempotencyRecord];
export type { AppointmentStatus } from './appointment.entity';
