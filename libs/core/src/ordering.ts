export type Priority = 'regular' | 'priority';

/** Lower class is served first. Appointments (checked in) sit between priority and regular walk-ins. */
export const SortClass = { Priority: 0, Appointment: 1, Regular: 2 } as const;
export type SortClass = (typeof SortClass)[keyof typeof SortClass];

export function sortClassOf(priority: Priority, checkedInAppointment = false): SortClass {
  if (priority === 'priority') return SortClass.Priority;
  return checkedInAppointment ? SortClass.Appointment : SortClass.Regular;
}

export interface QueuedTicket {
  id: string;
  serviceId: string;
  sortClass: number;
  /** Issue time, or the slot time for appointments, or the original time for transfers. */
  sortAt: Date;
  /** The number of the day: at the same instant (a burst of kiosks, appointments of one slot), the smaller number first. */
  sequence: number;
}

/** Against starvation: a ticket that has waited this long joins the priority class (at its own time). */
export interface StarvationGuard {
  now: Date;
  minutes: number;
}

/** The class a ticket is served in now: a starved regular or appointment ticket counts as priority. */
export function effectiveClass(t: QueuedTicket, guard?: StarvationGuard): number {
  if (!guard || t.sortClass === SortClass.Priority) return t.sortClass;
  return guard.now.getTime() - t.sortAt.getTime() >= guard.minutes * 60_000 ? SortClass.Priority : t.sortClass;
}

/** The instant before which a waiting ticket counts as starved. */
export function starvationCutoff(guard: StarvationGuard): Date {
  return new Date(guard.now.getTime() - guard.minutes * 60_000);
}

/**
 * The order in which a counter serves waiting tickets: class first (priority, appointment, regular;
 * a ticket waiting longer than the guard counts as priority), then the counter's service preference,
 * then time (arrival, slot time for appointments, original time after a transfer), then the
 * number (issue or check-in order), then id.
 * Within one service this puts a starved ticket before every priority ticket that came after it.
 * call-next orders with this very function the first tickets of each lane (one service, one
 * class) read from the database (TicketRepository.pickNext).
 */
export function compareForCounter(servicePreference: readonly string[], guard?: StarvationGuard) {
  const rank = new Map(servicePreference.map((id, index) => [id, index]));
  return (a: QueuedTicket, b: QueuedTicket): number =>
    effectiveClass(a, guard) - effectiveClass(b, guard) ||
    (rank.get(a.serviceId) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.serviceId) ?? Number.MAX_SAFE_INTEGER) ||
    a.sortAt.getTime() - b.sortAt.getTime() ||
    a.sequence - b.sequence ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function nextForCounter<T extends QueuedTicket>(waiting: readonly T[], servicePreference: readonly string[], guard?: StarvationGuard): T | null {
  const eligible = waiting.filter((t) => servicePreference.includes(t.serviceId));
  if (eligible.length === 0) return null;
  return [...eligible].sort(compareForCounter(servicePreference, guard))[0];
}

/** Within one service: how many waiting tickets are ahead of this one, plus one. */
export function positionInService(ticket: QueuedTicket, waiting: readonly QueuedTicket[], guard?: StarvationGuard): number {
  const cmp = compareForCounter([ticket.serviceId], guard);
  return waiting.filter((t) => t.serviceId === ticket.serviceId && t.id !== ticket.id && cmp(t, ticket) < 0).length + 1;
}

const natural = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

/**
 * The order of services and counters in every list and on every board (API.md v1.1): by
 * `sortOrder`, then by name in natural order, "Loket 2" before "Loket 10".
 */
export function inListOrder(a: { sortOrder: number; name: string }, b: { sortOrder: number; name: string }): number {
  return a.sortOrder - b.sortOrder || natural.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
