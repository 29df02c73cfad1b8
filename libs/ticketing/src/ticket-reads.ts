import { type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { StaffTicketView, TicketEventView } from '@giliran/contracts';
import { DomainError, SortClass, businessDateOf, compareForCounter, effectiveClass, isBusinessDate } from '@giliran/core';
import { OfficeRepository } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { BoardService } from './board.service';
import type { ListTicketsQuery } from './ticket.dto';
import { TicketRepository } from './ticket.repository';
import { staffTicketView, ticketEventView } from './views';

/** What staff read of tickets: a day's list (the waiting in call order) and a ticket's audit trail. */
@Injectable()
export class TicketReads {
  constructor(
    private readonly offices: OfficeRepository,
    private readonly tickets: TicketRepository,
    private readonly board: BoardService,
  ) {}

  async list(user: StaffPrincipal, officeId: string, query: ListTicketsQuery): Promise<StaffTicketView[]> {
    assertOfficeAccess(user, officeId);
    const office = await this.board.office(officeId);
    if (query.date && !isBusinessDate(query.date)) throw new DomainError('VALIDATION_FAILED', 400, 'date: must be a real date YYYY-MM-DD');
    const businessDate = query.date ?? businessDateOf(new Date(), office.timezone);
    const counter = query.counterId ? await this.offices.findCounter(officeId, query.counterId) : null;
    if (query.counterId && !counter) throw new DomainError('NOT_FOUND', 404, 'counter not found');
    const rows = await this.tickets.list(officeId, { businessDate, status: query.status, serviceId: query.serviceId }, 2000);
    if (query.status !== 'waiting') return rows.map((t) => staffTicketView(t));
    // Waiting: in the order counters call them (class, then time: checked-in appointments and
    // tickets past the starvation guard first), each with its place in its service and why. For
    // one counter: its services only, in its own call order (class, its service preference, time).
    const guard = { now: new Date(), minutes: office.starvationGuardMinutes };
    const places = new Map<string, number>();
    const seen = new Map<string, number>();
    for (const t of [...rows].sort(compareForCounter([], guard))) {
      const position = (seen.get(t.serviceId) ?? 0) + 1;
      seen.set(t.serviceId, position);
      places.set(t.id, position);
    }
    const preference = counter?.serviceIds ?? [];
    const listed = counter ? rows.filter((t) => preference.includes(t.serviceId)) : rows;
    return listed.sort(compareForCounter(preference, guard)).map((t) => ({
      ...staffTicketView(t, places.get(t.id)),
      appointment: t.appointmentId !== null,
      longWait: t.sortClass !== SortClass.Priority && effectiveClass(t, guard) === SortClass.Priority,
    }));
  }

  async events(user: StaffPrincipal, ticketId: string): Promise<TicketEventView[]> {
    const ticket = await this.tickets.findByIdAnyOffice(ticketId);
    if (!ticket) throw new DomainError('NOT_FOUND', 404, 'ticket not found');
    assertOfficeAccess(user, ticket.officeId);
    return (await this.tickets.events(ticket.officeId, ticket.id)).map(ticketEventView);
  }
}
