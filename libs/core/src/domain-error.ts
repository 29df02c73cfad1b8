import type { ErrorCode } from '@giliran/contracts';

/**
 * A refusal the caller can act on: an HTTP status and a stable code of the public contract.
 * It is an answer, not a fault: no stack trace is captured (a booking storm refuses thousands a
 * second, and capturing each stack cost about 3 % of the API's CPU there).
 */
export class DomainError extends Error {
  /** One of the registry's codes (libs/contracts ErrorCode): a new code is added there first. */
  readonly code: ErrorCode;
  readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 428 | 429 | 503;
  /** Machine-readable facts for the client (e.g. when a window opens); never personal data. */
  readonly details?: Record<string, string | number | boolean | null>;

  constructor(code: ErrorCode, status: DomainError['status'], message: string, details?: DomainError['details']) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', 404, `${what} not found`);
