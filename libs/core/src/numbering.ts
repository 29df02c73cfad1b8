/** Ticket numbers: the service prefix, a dash and a 3-digit sequence (`A-001`), wider past 999. */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${String(sequence).padStart(3, '0')}`;
}

export function parseTicketNumber(number: string): { prefix: string; sequence: number } | null {
  const match = /^([A-Z]{1,4})-(\d{3,})$/.exec(number);
  return match ? { prefix: match[1], sequence: Number(match[2]) } : null;
}

export const PREFIX_PATTERN = /^[A-Z]{1,4}$/;
