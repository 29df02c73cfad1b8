import type { Appointment, Office, ServiceEntity, Ticket } from '@giliran/database';

/**
 * What the notifications processor reads: bookings, tickets and office set-up belong to libs above
 * this one, so the processor asks through this port and the process wiring (libs/operations) binds
 * it to their repositories.
 */
export abstract class NotificationSources {
  abstract appointment(id: string): Promise<Appointment | null>;
  abstract ticket(officeId: string, ticketId: string): Promise<Ticket | null>;
  abstract office(officeId: string): Promise<Office | null>;
  abstract service(officeId: string, serviceId: string): Promise<ServiceEntity | null>;
  /** The booking as an RFC 5545 file, attached to its e-mails. */
  abstract calendar(a: Appointment, office: Office, service: ServiceEntity): string;
}
