/** Stable, machine-readable error codes of the public contract (API.md). Never rename one. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  NotFound: 'NOT_FOUND',
  Unauthorized: 'UNAUTHORIZED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  OfficeClosed: 'OFFICE_CLOSED',
  ServiceInactive: 'SERVICE_INACTIVE',
  QuotaReached: 'QUOTA_REACHED',
  CounterBusy: 'COUNTER_BUSY',
  CounterClosed: 'COUNTER_CLOSED',
  InvalidTransition: 'INVALID_TRANSITION',
  /** Another officer works at this counter. */
  CounterTaken: 'COUNTER_TAKEN',
  /** This officer already works at another open counter. */
  OfficerBusy: 'OFFICER_BUSY',
  TooManySubscriptions: 'TOO_MANY_SUBSCRIPTIONS',
  DuplicateCode: 'DUPLICATE_CODE',
  DuplicateUsername: 'DUPLICATE_USERNAME',
  RateLimited: 'RATE_LIMITED',
  InternalError: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode | string;
  message: string;
  fields?: { field: string; problems: string[] }[];
  /** Facts for the client, e.g. `{opensAt, closesAt}` with CHECK_IN_TOO_EARLY / CHECK_IN_TOO_LATE. */
  details?: Record<string, string | number | boolean | null>;
}
