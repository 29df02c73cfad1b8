import { AdmissionUse } from './admission-use.entity';
import { Appointment } from './appointment.entity';
import { AuditEvent } from './audit-event.entity';
import { CounterEvent } from './counter-event.entity';
import { DailyBooking } from './daily-booking.entity';
import { DayRollupRow } from './day-rollup.entity';
import { Faq } from './faq.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import { SlotBooking } from './slot-booking.entity';
import { Counter } from './counter.entity';
import { DailySequence } from './daily-sequence.entity';
import { QueueCount } from './queue-count.entity';
import { Holiday } from './holiday.entity';
import { Office } from './office.entity';
import { OpeningHours } from './opening-hours.entity';
import { ServiceEntity } from './service.entity';
import { StaffUser } from './staff-user.entity';
import { SurveyResponse } from './survey-response.entity';
import { TicketEvent } from './ticket-event.entity';
import { Ticket } from './ticket.entity';
import { WaitlistEntry } from './waitlist-entry.entity';

export {
  AdmissionUse,
  Appointment,
  AuditEvent,
  Counter,
  CounterEvent,
  DailyBooking,
  DayRollupRow,
  Faq,
  IdempotencyRecord,
  NotificationDelivery,
  SlotBooking,
  DailySequence,
  Holiday,
  Office,
  OpeningHours,
  QueueCount,
  ServiceEntity,
  StaffUser,
  SurveyResponse,
  Ticket,
  TicketEvent,
  WaitlistEntry,
};
export const ENTITIES = [
  Office,
  OpeningHours,
  Holiday,
  ServiceEntity,
  Counter,
  StaffUser,
  Ticket,
  TicketEvent,
  DailySequence,
  QueueCount,
  CounterEvent,
  Appointment,
  SlotBooking,
  DailyBooking,
  IdempotencyRecord,
  NotificationDelivery,
  AuditEvent,
  WaitlistEntry,
  AdmissionUse,
  SurveyResponse,
  DayRollupRow,
  Faq,
];
export type { AppointmentStatus } from './appointment.entity';
export type { DeliveryStatus } from './notification-delivery.entity';
export type { WaitlistStatus } from './waitlist-entry.entity';
