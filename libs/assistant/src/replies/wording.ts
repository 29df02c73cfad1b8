import type { AppointmentStatus, TicketStatus } from '@giliran/contracts';
import type { DayHours } from '@giliran/core';
import { DateTime } from 'luxon';
import type { Locale } from '../language/normalize';

/** Dates and times as the office's people say them: "Selasa, 8 Desember", "08:00". */
export function dayLabel(date: string, locale: Locale, withYear = false): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(locale === 'id' ? 'id-ID' : 'en-GB')
    .toFormat(withYear ? 'cccc, d LLLL yyyy' : 'cccc, d LLLL');
}

export function timeLabel(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('HH:mm');
}

const WEEKDAY_NAMES: Record<Locale, readonly string[]> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** One day's hours: "08:00–15:00 (istirahat 12:00–13:00)". */
export function hoursLabel(day: DayHours, locale: Locale): string {
  const breaks = (day.breaks ?? []).map((b) => `${b.start}–${b.end}`).join(', ');
  return `${day.open}–${day.close}${breaks ? ` (${locale === 'id' ? 'istirahat' : 'break'} ${breaks})` : ''}`;
}

/** The week, days with the same hours together: "Senin–Kamis 08:00–15:00; Jumat 07:30–11:30; Minggu tutup". */
export function weekLabel(week: readonly DayHours[], locale: Locale): string {
  const names = WEEKDAY_NAMES[locale];
  const label = (weekday: number) => {
    const day = week.find((d) => d.weekday === weekday);
    return day ? hoursLabel(day, locale) : locale === 'id' ? 'tutup' : 'closed';
  };
  const runs: { from: number; to: number; text: string }[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const text = label(weekday);
    const last = runs.at(-1);
    if (last && last.text === text && last.to === weekday - 1) last.to = weekday;
    else runs.push({ from: weekday, to: weekday, text });
  }
  return runs.map((r) => `${names[r.from - 1]}${r.to > r.from ? `–${names[r.to - 1]}` : ''} ${r.text}`).join('; ');
}

export const TICKET_STATUS: Record<Locale, Record<TicketStatus, string>> = {
  id: { waiting: 'menunggu', called: 'dipanggil', serving: 'sedang dilayani', done: 'selesai', no_show: 'tidak hadir saat dipanggil', cancelled: 'dibatalkan' },
  en: { waiting: 'waiting', called: 'called', serving: 'being served', done: 'done', no_show: 'missed (not present when called)', cancelled: 'cancelled' },
};

export const APPOINTMENT_STATUS: Record<Locale, Record<AppointmentStatus, string>> = {
  id: { booked: 'terjadwal', cancelled: 'dibatalkan', checked_in: 'sudah check-in', no_show: 'tidak hadir' },
  en: { booked: 'booked', cancelled: 'cancelled', checked_in: 'checked in', no_show: 'missed' },
};

export const people = (n: number, locale: Locale) => (locale === 'id' ? `${n} orang` : `${n} ${n === 1 ? 'person' : 'people'}`);
export const minutes = (n: number, locale: Locale) => (locale === 'id' ? `±${n} menit` : `about ${n} min`);
