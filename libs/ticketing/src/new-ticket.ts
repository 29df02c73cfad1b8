import { formatTicketNumber } from '@giliran/core';
import { Ticket } from '@giliran/database';
import { randomBytes, randomUUID } from 'node:crypto';

/** What makes one new ticket different from another; the rest of a new ticket is always the same. */
export interface NewTicket {
  id?: string;
  officeId: string;
  service: { id: string; prefix: string };
  businessDate: string;
  /** Its number of the service's day (A-007 is 7). */
  sequence: number;
  priority: Ticket['priority'];
  channel: Ticket['channel'];
  sortClass: number;
  sortAt: Date;
  issuedAt: Date;
  appointmentId: string | null;
  phoneSealed: string | null;
}

/** A new waiting ticket: the one place a ticket row is built (a kiosk's, a batch's, a check-in's). */
export function newTicket(t: NewTicket): Ticket {
  return Object.assign(new Ticket(), {
    id: t.id ?? randomUUID(),
    officeId: t.officeId,
    serviceId: t.service.id,
    originServiceId: t.service.id,
    businessDate: t.businessDate,
    sequence: t.sequence,
    number: formatTicketNumber(t.service.prefix, t.sequence),
    priority: t.priority,
    channel: t.channel,
    status: 'waiting' as const,
    sortClass: t.sortClass,
    sortAt: t.sortAt,
    issuedAt: t.issuedAt,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    recallCount: 0,
    // 128 random bits, URL-safe: the citizen's only key to a ticket.
    trackingToken: randomBytes(16).toString('base64url'),
    appointmentId: t.appointmentId,
    phoneSealed: t.phoneSealed,
  });
}
