import { BookingRepository, appointmentCalendar } from '@giliran/booking';
import type { Appointment, Office, ServiceEntity, Ticket } from '@giliran/database';
import { NotificationSources } from '@giliran/notifications';
import { OfficeRepository } from '@giliran/offices';
import { TicketRepository } from '@giliran/ticketing';
import { Injectable } from '@nestjs/common';

/** The notifications processor's port, bound to the repositories of the libs that own the data. */
@Injectable()
export class RepositorySources extends NotificationSources {
  constructor(
    private readonly appointments: BookingRepository,
    private readonly tickets: TicketRepository,
    private readonly offices: OfficeRepository,
  ) {
    super();
  }

  appointment(id: string): Promise<Appointment | null> {
    return this.appointments.findById(id);
  }

  ticket(officeId: string, ticketId: string): Promise<Ticket | null> {
    return this.tickets.findById(officeId, ticketId);
  }

  office(officeId: string): Promise<Office | null> {
    return this.offices.findOffice(officeId);
  }

  service(officeId: string, serviceId: string): Promise<ServiceEntity | null> {
    return this.offices.findService(officeId, serviceId);
  }

  calendar(a: Appointment, office: Office, service: ServiceEntity): string {
    return appointmentCalendar(a, office, service);
  }
}
