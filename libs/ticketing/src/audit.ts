import type { StaffPrincipal } from '@giliran/auth';
import type { TicketAction } from '@giliran/core';
import type { Ticket, TicketEvent } from '@giliran/database';

/** Who changed a ticket: a staff member, the kiosk, or the system (end of day). */
export type Actor = StaffPrincipal | 'kiosk' | 'system';
export const actorName = (a: Actor) => (typeof a === 'string' ? a : `staff:${a.id}`);

const EVENT_TYPES: Record<TicketAction, string> = {
  call: 'called',
  recall: 'recalled',
  start: 'started',
  complete: 'completed',
  no_show: 'no_show',
  cancel: 'cancelled',
  transfer: 'transferred',
  close_day: 'closed_by_day_end',
};
export const eventType = (action: TicketAction) => EVENT_TYPES[action];

export function auditOf(
  t: Ticket,
  type: string,
  actor: Actor,
  from: string | null,
  to: string | null,
  counterId: string | null,
  at: Date,
  note: string | null = null,
): Partial<TicketEvent> {
  return { ticketId: t.id, officeId: t.officeId, at, type, actor: actorName(actor), fromStatus: from, toStatus: to, counterId, serviceId: t.serviceId, note };
}
