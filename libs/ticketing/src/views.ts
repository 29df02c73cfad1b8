import type { StaffTicketView, TicketEventView, TicketStatus, TicketView } from '@giliran/contracts';
import type { Ticket, TicketEvent } from '@giliran/database';

export const staffTicketView = (t: Ticket, position = 0, estimatedWaitMinutes: number | null = 0): StaffTicketView => ({
  id: t.id,
  number: t.number,
  serviceId: t.serviceId,
  status: t.status,
  priority: t.priority,
  channel: t.channel,
  position,
  estimatedWaitMinutes,
  issuedAt: t.issuedAt.toISOString(),
  businessDate: t.businessDate,
  counterId: t.counterId,
  calledAt: t.calledAt?.toISOString() ?? null,
  recallCount: t.recallCount,
});

export const ticketEventView = (e: TicketEvent): TicketEventView => ({
  at: e.at.toISOString(),
  type: e.type,
  actor: e.actor,
  from: e.fromStatus as TicketStatus | null,
  to: e.toStatus as TicketStatus | null,
  counterId: e.counterId,
  serviceId: e.serviceId,
  reason: e.note,
});

/** The kiosk's and the citizen's view of a new ticket (API.md "Tickets"). */
export const ticketView = (ticket: Ticket, position: number, estimatedWaitMinutes: TicketView['estimatedWaitMinutes']): TicketView => ({
  id: ticket.id,
  number: ticket.number,
  serviceId: ticket.serviceId,
  status: ticket.status,
  priority: ticket.priority,
  position,
  estimatedWaitMinutes,
  issuedAt: ticket.issuedAt.toISOString(),
  businessDate: ticket.businessDate,
  trackingToken: ticket.trackingToken,
});
