import type { AppointmentView } from '@giliran/contracts';
import { type PiiCipher, checkInWindow, maskNik } from '@giliran/core';
import type { Appointment, Office, ServiceEntity } from '@giliran/database';

/** `manageToken`: given only in the answer that made the booking (the table keeps its hash). */
export function appointmentView(
  pii: PiiCipher,
  office: Office,
  service: ServiceEntity,
  a: Appointment,
  opts: { manageToken?: string; withCitizen?: boolean } = {},
): AppointmentView {
  const window = checkInWindow(a.slotStart, service.checkInEarlyMinutes, service.checkInLateMinutes);
  return {
    id: a.id,
    code: a.code,
    ...(opts.manageToken ? { manageToken: opts.manageToken } : {}),
    status: a.status,
    start: a.slotStart.toISOString(),
    end: a.slotEnd.toISOString(),
    officeId: office.id,
    serviceId: service.id,
    businessDate: a.businessDate,
    locale: a.locale,
    checkIn: { opens: window.opens.toISOString(), closes: window.closes.toISOString() },
    ticketId: a.ticketId,
    ...(opts.withCitizen ? { citizen: citizenOf(pii, a) } : {}),
  };
}

/** The citizen's own data for the manage page and staff: NIK masked, the rest as given. */
export function citizenOf(pii: PiiCipher, a: Appointment) {
  const open = (v: string | null) => (v ? pii.decrypt(v) : null);
  return {
    name: open(a.nameSealed),
    nik: a.nikSealed ? maskNik(pii.decrypt(a.nikSealed)) : '****************',
    phone: open(a.phoneSealed),
    email: open(a.emailSealed),
  };
}
