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
}

/**
 * The order in which a counter serves waiting tickets: class first (priority, appointment, regular),
 * then the counter's service preference, then time, then id for a total order.
 * The SQL of call-next mirrors this; an integration test checks that they agree.
 */
export function compareForCounter(servicePreference: readonly string[]) {
  const rank = new Map(servicePreference.map((id, index) => [id, index]));
  return (a: QueuedTicket, b: QueuedTicket): number =>
    a.sortClass - b.sortClass ||
    (rank.get(a.serviceId) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.serviceId) ?? Number.MAX_SAFE_INTEGER) ||
    a.sortAt.getTime() - b.sortAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function nextForCounter<T extends QueuedTicket>(waiting: readonly T[], servicePreference: readonly string[]): T | null {
  const eligible = waiting.filter((t) => servicePreference.includes(t.serviceId));
  if (eligible.length === 0) return null;
  return [...eligible].sort(compareForCounter(servicePreference))[0];
}

/** Within one service: how many waiting tickets are ahead of this one, plus one. */
export function positionInService(ticket: QueuedTicket, waiting: readonly QueuedTicket[]): number {
  const cmp = compareForCounter([ticket.serviceId]);
  return waiting.filter((t) => t.serviceId === ticket.serviceId && t.id !== ticket.id && cmp(t, ticket) < 0).length + 1;
}
