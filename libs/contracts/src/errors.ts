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
  /** Too many failed logins for a username or from an address (API.md v1.1). */
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  /** A webhook URL that reaches the server's own network (API.md v1.1). */
  UrlNotAllowed: 'URL_NOT_ALLOWED',
  /** The database (or Redis, for the live board) did not answer in time (API.md v1.1). */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  InternalError: 'INTERNAL_ERROR',
  /** Counter work: a call of a ticket whose service this counter does not serve. */
  ServiceNotAtCounter: 'SERVICE_NOT_AT_COUNTER',
  // Booking (API.md "Booking").
  SlotFull: 'SLOT_FULL',
  SlotUnavailable: 'SLOT_UNAVAILABLE',
  InvalidNik: 'INVALID_NIK',
  DuplicateBooking: 'DUPLICATE_BOOKING',
  // Fair access to scarce places (API.md v1.1).
  /** The day's slots are not released yet; `details.opensAt` says when they are. */
  NotYetReleased: 'NOT_YET_RELEASED',
  /** A waitlist for a day that still has a place: book it instead. */
  PlacesAvailable: 'PLACES_AVAILABLE',
  /** The waiting room's proof of work was wrong, expired or already used. */
  ChallengeFailed: 'CHALLENGE_FAILED',
  /** A day just released is booked through the waiting room: send its X-Admission-Token. */
  AdmissionRequired: 'ADMISSION_REQUIRED',
  /** An admission token that is not one, has expired, is for another service, or has booked already. */
  AdmissionInvalid: 'ADMISSION_INVALID',
  // The citizens' voice (API.md v1.1).
  /** The ticket has not been served yet. */
  SurveyNotOpen: 'SURVEY_NOT_OPEN',
  /** Past the end of the next business day after the visit. */
  SurveyClosed: 'SURVEY_CLOSED',
  SurveyAlreadySubmitted: 'SURVEY_ALREADY_SUBMITTED',
  AppointmentNotFound: 'APPOINTMENT_NOT_FOUND',
  CheckInTooEarly: 'CHECK_IN_TOO_EARLY',
  CheckInTooLate: 'CHECK_IN_TOO_LATE',
  AlreadyCheckedIn: 'ALREADY_CHECKED_IN',
  // Web Push on the tracking page (extension beyond API.md v1.1).
  /** A push endpoint that is not https, or that reaches the server's own network. */
  PushEndpointNotAllowed: 'PUSH_ENDPOINT_NOT_ALLOWED',
  /** A push subscription whose keys are not a P-256 public key and a 16-byte auth secret. */
  InvalidPushSubscription: 'INVALID_PUSH_SUBSCRIPTION',
  /** The ticket no longer waits: there is no turn left to be told of. */
  TicketNotWaiting: 'TICKET_NOT_WAITING',
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
