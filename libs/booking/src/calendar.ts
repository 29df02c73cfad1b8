import type { Appointment, Office, ServiceEntity } from '@giliran/database';
import { createEvent } from 'ics';

const parts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

/** The booking as an RFC 5545 calendar file, with the office's address and the booking code. */
export function appointmentCalendar(a: Appointment, office: Office, service: ServiceEntity): string {
  const en = a.locale === 'en';
  const { error, value } = createEvent({
    productId: 'giliran/booking',
    uid: `${a.id}@giliran`,
    method: 'PUBLISH',
    start: parts(a.slotStart),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: parts(a.slotEnd),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${service.name} — ${office.name}`,
    location: office.address ?? office.name,
    description: [
      en
        ? `Booking code: ${a.code}\nCheck in at the kiosk with this code from ${service.checkInEarlyMinutes} minutes before until ${service.checkInLateMinutes} minutes after the start.`
        : `Kode booking: ${a.code}\nCheck-in di kios dengan kode ini mulai ${service.checkInEarlyMinutes} menit sebelum sampai ${service.checkInLateMinutes} menit setelah jadwal.`,
      service.requirements?.length ? `${en ? 'Bring' : 'Bawa'}: ${service.requirements.join(', ')}` : null,
      office.phone ? `${en ? 'Office phone' : 'Telepon kantor'}: ${office.phone}` : null,
      office.mapUrl ? `${en ? 'Map' : 'Peta'}: ${office.mapUrl}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
    status: a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    alarms: [{ action: 'display', description: `${service.name} — ${a.code}`, trigger: { hours: 2, before: true } }],
  });
  if (error || !value) throw error ?? new Error('calendar file could not be made');
  return value;
}
