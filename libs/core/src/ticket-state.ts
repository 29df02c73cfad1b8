export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'cancelled';
export type TicketAction = 'call' | 'recall' | 'start' | 'complete' | 'no_show' | 'cancel' | 'transfer' | 'close_day';

/** The ticket state machine of API.md: the single source of which transition is legal. */
const transitions: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  call: { waiting: 'called' },
  recall: { called: 'called' },
  start: { called: 'serving' },
  // From `called` too (API.md v1.1): an officer who serves without pressing "start" finishes in one step.
  complete: { serving: 'done', called: 'done' },
  no_show: { called: 'no_show' },
  cancel: { waiting: 'cancelled', called: 'cancelled' },
  transfer: { waiting: 'waiting', called: 'waiting', serving: 'waiting' },
  close_day: { waiting: 'cancelled', called: 'no_show', serving: 'done' },
};

export function nextStatus(from: TicketStatus, action: TicketAction): TicketStatus | null {
  return transitions[action][from] ?? null;
}

export function canTransition(from: TicketStatus, action: TicketAction): boolean {
  return nextStatus(from, action) !== null;
}

/** Statuses that still hold a counter: an officer must finish them before calling again. */
export const ACTIVE_AT_COUNTER: readonly TicketStatus[] = ['called', 'serving'];
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'no_show', 'cancelled'];
