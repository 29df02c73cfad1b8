import { maskNik } from './nik';

/**
 * One entry of the office audit trail (API.md "Security and faults"): who did what to which
 * subject, with the subject as it was before and after. `before`/`after` never hold personal data
 * in clear: callers pass only what a supervisor may read, masked (see maskNik, maskPhone, maskEmail).
 */
export interface AuditEntry {
  officeId: string | null;
  /** `appointment.booked`, `staff.updated`, `auth.login_failed`, ... */
  type: string;
  /** `staff:<id>`, `citizen`, `kiosk`, `system`, or `address:<ip>` for an anonymous caller. */
  actor: string;
  /** `appointment:<id>`, `staff:<id>`, `office:<id>`, `service:<id>`, ... */
  subject: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at?: Date;
}

/** Where libs below the audit lib write their entries (bound to the audit trail by its module). */
export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}
export const AUDIT_SINK = Symbol('AUDIT_SINK');

/** `+62812****7890`: the country and operator, the last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length < 8) return '****';
  return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
}

/** `b***@example.go.id`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

const EMAIL = /[^\s<>()[\]",;:]+@[^\s<>()[\]",;:]+\.[A-Za-z]{2,}/g;
/** A citizen's capability in a link (`/manage/<token>`, `/track/<token>`). */
const TOKEN_IN_LINK = /\/(manage|track)\/[A-Za-z0-9_-]{16,}/g;
const LONG_NUMBER = /\+?\d[\d -]{6,}\d/g;

/**
 * Free text (an error from a mail server or a gateway, a log line) with every e-mail address,
 * every phone number, NIK or other long number, and every token in a citizen's link masked, so
 * that it may be logged or shown to staff.
 */
export function maskContacts(text: string): string {
  return text
    .replace(TOKEN_IN_LINK, '/$1/…')
    .replace(EMAIL, maskEmail)
    .replace(LONG_NUMBER, (n) => (/^\d{16}$/.test(n) ? maskNik(n) : maskPhone(n)));
}
