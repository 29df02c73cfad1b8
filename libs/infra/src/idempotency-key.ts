import { DomainError } from '@giliran/core';

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The `Idempotency-Key` header of a public write, if sent: 8–100 of A-Z a-z 0-9 _ . : - (a UUID fits). */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header)) throw new DomainError('VALIDATION_FAILED', 400, 'Idempotency-Key: 8–100 of A-Z a-z 0-9 _ . : -');
  return header;
}
