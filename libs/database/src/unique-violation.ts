/**
 * Which unique index (or table, on SQLite) a failed write ran into, or null if the error is
 * something else. MySQL names the index; SQLite names the columns, which we map back.
 */
export function uniqueViolation(err: unknown): string | null {
  const e = err as { driverError?: { code?: string; message?: string }; code?: string; message?: string };
  const code = e.driverError?.code ?? e.code;
  const message = e.driverError?.message ?? e.message ?? '';
  if (code === 'ER_DUP_ENTRY') return /for key '(?:[^.']*\.)?([^']+)'/.exec(message)?.[1] ?? 'unknown';
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    const columns = /UNIQUE constraint failed: (.+)$/.exec(message)?.[1] ?? '';
    return SQLITE_UNIQUE[columns] ?? (columns || 'unknown');
  }
  return null;
}

export const isUniqueViolation = (err: unknown): boolean => uniqueViolation(err) !== null;

const SQLITE_UNIQUE: Record<string, string> = {
  'appointment.service_id, appointment.active_nik_key': 'uq_appointment_active_nik',
  'appointment.code': 'uq_appointment_code',
  'appointment.manage_token': 'uq_appointment_manage_token',
  'idempotency_record.key': 'PRIMARY',
  'notification_delivery.key': 'uq_notification_key',
  'counter.officer_id': 'uq_counter_officer',
  'waitlist_entry.service_id, waitlist_entry.active_nik_key': 'uq_waitlist_active_nik',
  'waitlist_entry.service_id, waitlist_entry.business_date, waitlist_entry.join_order': 'uq_waitlist_join_order',
  'survey_response.ticket_id': 'uq_survey_ticket',
};
