import type { StaffTicketView, TicketEventView, TicketStatus } from '@giliran/contracts';
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
