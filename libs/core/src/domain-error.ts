/** A refusal the caller can act on: an HTTP status and a stable code of the public contract. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503,
    message: string,
    /** Machine-readable facts for the client (e.g. when a window opens); never personal data. */
    readonly details?: Record<string, string | number | boolean | null>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', 404, `${what} not found`);
