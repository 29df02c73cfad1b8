import type { AppointmentView, TrackingView } from '@giliran/contracts';
import { checkInWindow } from '@giliran/core';
import type { Appointment, Faq, ServiceEntity } from '@giliran/database';
import { DateTime } from 'luxon';
import type { Knowledge } from '../knowledge/office-knowledge';
import type { Locale } from '../language/normalize';
import type { Composed } from './office-replies';
import { APPOINTMENT_STATUS, TICKET_STATUS, dayLabel, minutes, timeLabel } from './wording';

/** The citizen's own ticket, reached through its tracking token: that ticket and nothing else. */
export function ticketReply(ticket: { id: string; view: TrackingView } | null, timeZone: string, locale: Locale): Composed {
  const id = locale === 'id';
  if (!ticket) {
    return {
      reply: id
        ? 'Saya hanya bisa melihat tiket Anda lewat tautan pelacakan di tiket (kode QR atau tautan di SMS). Buka tautan itu lalu tanya lagi di sana.'
        : 'I can only see your ticket through the tracking link on it (its QR code, or the link in your message). Open that link and ask again there.',
      sources: [],
      links: [],
    };
  }
  const v = ticket.view;
  let state: string;
  if (v.status === 'called' || v.status === 'serving')
    state = id
      ? `${TICKET_STATUS.id[v.status]}${v.counterName ? ` ke ${v.counterName}` : ''}.`
      : `${TICKET_STATUS.en[v.status]}${v.counterName ? ` at ${v.counterName}` : ''}.`;
  else if (v.status === 'waiting') {
    const wait = waitText(v, timeZone, locale);
    state = id ? `menunggu, urutan ke-${v.position}${wait}.` : `waiting, number ${v.position} in line${wait}.`;
  } else state = `${TICKET_STATUS[locale][v.status]}.`;
  return {
    reply: id ? `Tiket ${v.number} (${v.serviceName}): ${state}` : `Ticket ${v.number} (${v.serviceName}): ${state}`,
    sources: [{ type: 'ticket', id: ticket.id }],
    links: [],
  };
}

/** The wait as the tracking page gives it: minutes, or that no counter is open yet (and when it opens today). */
function waitText(v: TrackingView, timeZone: string, locale: Locale): string {
  const id = locale === 'id';
  if (v.estimatedWaitMinutes !== null)
    return id ? `, perkiraan ${minutes(v.estimatedWaitMinutes, locale)} lagi` : `, ${minutes(v.estimatedWaitMinutes, locale)} to go`;
  const opens = v.nextOpening ? timeLabel(new Date(v.nextOpening), timeZone) : null;
  if (id) return opens ? `; loket belum buka, buka pukul ${opens}` : '; belum ada loket yang buka';
  return opens ? `; no counter is open yet, they open at ${opens}` : '; no counter is open yet';
}

/** What the assistant says of a booking: never its citizen's data (nothing of it is even decrypted). */
export type BookingFacts = Pick<AppointmentView, 'id' | 'code' | 'start' | 'end' | 'status' | 'checkIn' | 'officeId' | 'serviceId'>;

export function bookingFacts(a: Appointment, service: ServiceEntity | null): BookingFacts {
  const window = checkInWindow(a.slotStart, service?.checkInEarlyMinutes ?? 30, service?.checkInLateMinutes ?? 15);
  return {
    id: a.id,
    code: a.code,
    start: a.slotStart.toISOString(),
    end: a.slotEnd.toISOString(),
    status: a.status,
    checkIn: { opens: window.opens.toISOString(), closes: window.closes.toISOString() },
    officeId: a.officeId,
    serviceId: a.serviceId,
  };
}

/** The citizen's own booking, reached through its manage token: its day, time and status. */
export function bookingReply(k: Knowledge, appointment: BookingFacts | null, service: ServiceEntity | null, locale: Locale): Composed {
  const id = locale === 'id';
  if (!appointment) {
    return {
      reply: id
        ? 'Saya hanya bisa melihat booking Anda lewat tautan kelola booking di pesan konfirmasi. Buka tautan itu lalu tanya lagi di sana, atau kirim "status <kode booking> <4 digit terakhir NIK>" ke WhatsApp kantor.'
        : 'I can only see your booking through the manage link in your confirmation. Open that link and ask again there, or send "status <booking code> <last 4 digits of your NIK>" to the office on WhatsApp.',
      sources: [],
      links: [],
    };
  }
  return {
    reply: appointmentLine(appointment, service?.name ?? '', k.office.timezone, locale),
    sources: [{ type: 'appointment', id: appointment.id }],
    links: [],
  };
}

/** "Booking ABCD2345 (KTP): Senin, 14 Desember 2026, 09:00–09:15, terjadwal." — also what the messaging channel answers. */
export function appointmentLine(
  a: Pick<AppointmentView, 'code' | 'start' | 'end' | 'status' | 'checkIn'>,
  serviceName: string,
  timeZone: string,
  locale: Locale,
): string {
  const id = locale === 'id';
  const start = new Date(a.start);
  const date = DateTime.fromJSDate(start, { zone: timeZone }).toISODate()!;
  const when = `${dayLabel(date, locale, true)}, ${timeLabel(start, timeZone)}–${timeLabel(new Date(a.end), timeZone)}`;
  const what = serviceName ? ` (${serviceName})` : '';
  const line = id
    ? `Booking ${a.code}${what}: ${when}, status ${APPOINTMENT_STATUS.id[a.status]}.`
    : `Booking ${a.code}${what}: ${when}, status ${APPOINTMENT_STATUS.en[a.status]}.`;
  if (a.status !== 'booked') return line;
  const opens = timeLabel(new Date(a.checkIn.opens), timeZone);
  const closes = timeLabel(new Date(a.checkIn.closes), timeZone);
  return `${line} ${id ? `Check-in di kiosk dengan kode ini pukul ${opens}–${closes}.` : `Check in at the kiosk with this code between ${opens} and ${closes}.`}`;
}

export function faqReply(faq: Faq): Composed {
  return { reply: faq.answer, sources: [{ type: 'faq', id: faq.id }], links: [] };
}

export function greetingReply(k: Knowledge | null, thanks: boolean, locale: Locale): Composed {
  const id = locale === 'id';
  const where = k ? (id ? ` ${k.office.name}` : ` of ${k.office.name}`) : '';
  if (thanks) return { reply: id ? 'Sama-sama! Ada lagi yang bisa saya bantu?' : 'You are welcome! Anything else I can help with?', sources: [], links: [] };
  return {
    reply: id
      ? `Halo! Saya asisten${where}. Saya bisa menjawab jam buka, syarat layanan, antrean sekarang, cara booking, dan status tiket atau booking Anda.`
      : `Hello! I am the assistant${where}. I can tell you the opening hours, what to bring for a service, the queue now, how to book, and the status of your ticket or booking.`,
    sources: k ? [{ type: 'office', id: k.office.id }] : [],
    links: [],
  };
}
