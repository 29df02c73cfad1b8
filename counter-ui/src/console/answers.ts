// The shapes the API answers the console in, read leniently.
import type { StaffTicketView } from '@giliran/contracts';

/** A ticket, or `{ ticket }` (null when there was nothing to call). */
export function ticketOf(res: unknown): StaffTicketView | null {
  if (!res || typeof res !== 'object') return null;
  if ('ticket' in res) return (res as { ticket: StaffTicketView | null }).ticket;
  return res as StaffTicketView;
}

/** A list of tickets, bare or as `{ items }`. */
export function listOf(res: unknown): StaffTicketView[] {
  if (Array.isArray(res)) return res as StaffTicketView[];
  const items = (res as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as StaffTicketView[]) : [];
}
