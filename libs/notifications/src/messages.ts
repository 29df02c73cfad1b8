import type { NotificationKind } from '@giliran/jobs';

export type MessageKind = NotificationKind | 'reminder' | 'ticket_called';

export interface MessageFacts {
  locale: 'id' | 'en';
  officeName: string;
  serviceName: string;
  /** Local date and time of the slot, already formatted for the office's zone. */
  when?: string;
  code?: string;
  ticketNumber?: string;
  position?: number;
  counterName?: string;
  manageUrl?: string;
  /** An office's long-wait notice. */
  waitMinutes?: number;
  targetMinutes?: number;
}

/** The words of every message, in Bahasa Indonesia and English. */
export function renderMessage(kind: MessageKind, f: MessageFacts): { subject: string; text: string } {
  const en = f.locale === 'en';
  const link = f.manageUrl ? (en ? `\nManage your booking: ${f.manageUrl}` : `\nKelola booking Anda: ${f.manageUrl}`) : '';
  switch (kind) {
    case 'confirmation':
      return en
        ? {
            subject: `Booking confirmed: ${f.serviceName}, ${f.when}`,
            text: `Your booking at ${f.officeName} for ${f.serviceName} on ${f.when} is confirmed. Booking code: ${f.code}. Check in at the kiosk with this code.${link}`,
          }
        : {
            subject: `Booking dikonfirmasi: ${f.serviceName}, ${f.when}`,
            text: `Booking Anda di ${f.officeName} untuk ${f.serviceName} pada ${f.when} sudah dikonfirmasi. Kode booking: ${f.code}. Check-in di kios dengan kode ini.${link}`,
          };
    case 'reminder':
      return en
        ? {
            subject: `Reminder: ${f.serviceName}, ${f.when}`,
            text: `Reminder: your appointment at ${f.officeName} for ${f.serviceName} is on ${f.when}. Booking code: ${f.code}.${link}`,
          }
        : {
            subject: `Pengingat: ${f.serviceName}, ${f.when}`,
            text: `Pengingat: jadwal Anda di ${f.officeName} untuk ${f.serviceName} adalah ${f.when}. Kode booking: ${f.code}.${link}`,
          };
    case 'reschedule':
      return en
        ? {
            subject: `Booking moved: ${f.serviceName}, ${f.when}`,
            text: `Your booking at ${f.officeName} for ${f.serviceName} is now on ${f.when}. Booking code: ${f.code}.${link}`,
          }
        : {
            subject: `Jadwal diubah: ${f.serviceName}, ${f.when}`,
            text: `Booking Anda di ${f.officeName} untuk ${f.serviceName} sekarang pada ${f.when}. Kode booking: ${f.code}.${link}`,
          };
    case 'cancellation':
      return en
        ? {
            subject: `Booking cancelled: ${f.serviceName}`,
            text: `Your booking at ${f.officeName} for ${f.serviceName} on ${f.when} has been cancelled. Code: ${f.code}.`,
          }
        : {
            subject: `Booking dibatalkan: ${f.serviceName}`,
            text: `Booking Anda di ${f.officeName} untuk ${f.serviceName} pada ${f.when} telah dibatalkan. Kode: ${f.code}.`,
          };
    case 'turn_near':
      return en
        ? {
            subject: `Your turn is near: ${f.ticketNumber}`,
            text: `Ticket ${f.ticketNumber} at ${f.officeName}: your turn is near (number ${f.position} in line). Please come to the waiting hall.`,
          }
        : {
            subject: `Giliran Anda sudah dekat: ${f.ticketNumber}`,
            text: `Nomor ${f.ticketNumber} di ${f.officeName}: giliran Anda sudah dekat (posisi ${f.position}). Silakan menuju ruang tunggu.`,
          };
    case 'long_wait':
      return en
        ? {
            subject: `Long wait at ${f.officeName}`,
            text: `${f.officeName}: ticket ${f.ticketNumber} has waited ${f.waitMinutes} minutes, past the target of ${f.targetMinutes} minutes. Consider opening another counter.`,
          }
        : {
            subject: `Antrean lama di ${f.officeName}`,
            text: `${f.officeName}: nomor ${f.ticketNumber} sudah menunggu ${f.waitMinutes} menit, melewati target ${f.targetMinutes} menit. Pertimbangkan membuka loket tambahan.`,
          };
    case 'ticket_called':
      return en
        ? { subject: `Your number is called: ${f.ticketNumber}`, text: `Ticket ${f.ticketNumber} at ${f.officeName}: please go to ${f.counterName} now.` }
        : { subject: `Nomor Anda dipanggil: ${f.ticketNumber}`, text: `Nomor ${f.ticketNumber} di ${f.officeName}: silakan menuju ${f.counterName} sekarang.` };
  }
}
