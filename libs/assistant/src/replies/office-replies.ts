import type { AssistantSource, QueueBoard } from '@giliran/contracts';
import { openState } from '@giliran/core';
import type { ServiceEntity } from '@giliran/database';
import { DateTime } from 'luxon';
import type { Knowledge } from '../knowledge/office-knowledge';
import type { Locale } from '../language/normalize';
import { dayAskedAbout } from '../language/when';
import { dayLabel, hoursLabel, minutes, people, timeLabel, weekLabel } from './wording';

/** An answer before the suggestions are added. */
export interface Composed {
  reply: string;
  sources: AssistantSource[];
  links: { label: string; url: string }[];
}

const UPCOMING_HOLIDAY_DAYS = 14;

export function bookingUrl(officeId: string, service?: ServiceEntity | null): string {
  return `/book?office=${encodeURIComponent(officeId)}${service ? `&service=${encodeURIComponent(service.id)}` : ''}`;
}

/** Opening hours and holidays: of the day asked about, else today and the week. */
export function hoursReply(k: Knowledge, words: readonly string[], locale: Locale, now: Date): Composed {
  const tz = k.office.timezone;
  const id = locale === 'id';
  const today = DateTime.fromJSDate(now, { zone: tz }).toISODate()!;
  const asked = dayAskedAbout(words, now, tz);
  const sources: AssistantSource[] = [{ type: 'opening_hours', id: k.office.id }];
  const date = asked ?? today;
  if (k.holidays.has(date)) sources.push({ type: 'holiday', id: date });
  const lines = [dayLine(k, date, date === today ? now : null, locale)];
  if (!asked) {
    lines.push(`${id ? 'Jadwal' : 'Hours'}: ${weekLabel(k.week, locale)}.`);
    const soon = [...k.holidays]
      .filter(([date]) => date > today && date <= DateTime.fromISO(today, { zone: tz }).plus({ days: UPCOMING_HOLIDAY_DAYS }).toISODate()!)
      .sort(([a], [b]) => a.localeCompare(b));
    if (soon.length) {
      lines.push(`${id ? 'Libur' : 'Closed for holidays'}: ${soon.map(([date, name]) => `${dayLabel(date, locale)} (${name})`).join('; ')}.`);
      sources.push(...soon.map(([date]) => ({ type: 'holiday' as const, id: date })));
    }
  }
  return { reply: lines.join(' '), sources, links: [] };
}

/** One day: closed (and why, and when it opens again), or its hours; today also whether it is open now. */
function dayLine(k: Knowledge, date: string, now: Date | null, locale: Locale): string {
  const id = locale === 'id';
  const tz = k.office.timezone;
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  const hours = k.week.find((d) => d.weekday === weekday);
  const holiday = k.holidays.get(date);
  const label = now ? `${id ? 'Hari ini' : 'Today'} (${dayLabel(date, locale)})` : dayLabel(date, locale);
  const from = now ?? DateTime.fromISO(date, { zone: tz }).endOf('day').toJSDate();
  const next = openState(from, tz, k.week, new Set(k.holidays.keys()), 31).opensAt;
  const reopens = next
    ? id
      ? ` Buka lagi ${dayLabel(DateTime.fromJSDate(next, { zone: tz }).toISODate()!, locale)} pukul ${timeLabel(next, tz)}.`
      : ` Open again ${dayLabel(DateTime.fromJSDate(next, { zone: tz }).toISODate()!, locale)} at ${timeLabel(next, tz)}.`
    : '';
  if (holiday) return id ? `${label} kantor tutup: ${holiday}.${reopens}` : `${label} the office is closed: ${holiday}.${reopens}`;
  if (!hours) return id ? `${label} kantor tutup.${reopens}` : `${label} the office is closed.${reopens}`;
  const line = id ? `${label} buka ${hoursLabel(hours, locale)}.` : `${label} the office is open ${hoursLabel(hours, locale)}.`;
  if (!now) return line;
  const state = openState(now, tz, k.week, new Set(k.holidays.keys()), 31);
  if (state.openNow) {
    // Open through a break (tickets are taken), but nobody is served until it ends.
    const minute = DateTime.fromJSDate(now, { zone: tz }).toFormat('HH:mm');
    const pause = (hours.breaks ?? []).find((b) => minute >= b.start && minute < b.end);
    if (pause)
      return `${line} ${id ? `Sekarang jam istirahat; pelayanan lagi pukul ${pause.end}, nomor antrean tetap bisa diambil.` : `It is the break now; service resumes at ${pause.end}, and queue numbers can still be taken.`}`;
    return `${line} ${id ? `Sekarang buka, tutup pukul ${hours.close}.` : `It is open now, until ${hours.close}.`}`;
  }
  const opensToday = state.opensAt && DateTime.fromJSDate(state.opensAt, { zone: tz }).toISODate() === date;
  if (opensToday)
    return `${line} ${id ? `Sekarang belum buka; buka pukul ${timeLabel(state.opensAt!, tz)}.` : `It is not open yet; it opens at ${timeLabel(state.opensAt!, tz)}.`}`;
  return `${line} ${id ? 'Hari ini sudah tutup.' : 'It has closed for today.'}${reopens}`;
}

/** The documents a service needs; without a service named, the services to ask about. */
export function requirementsReply(k: Knowledge, service: ServiceEntity | null, locale: Locale): Composed {
  const id = locale === 'id';
  if (!service) {
    return {
      reply: id
        ? `Syaratnya tergantung layanan. Layanan di ${k.office.name}: ${k.services.map((s) => s.name).join(', ')}. Sebutkan layanannya, misalnya "syarat ${k.services[0]?.name ?? 'KTP'}".`
        : `The documents depend on the service. Services at ${k.office.name}: ${k.services.map((s) => s.name).join(', ')}. Name one, for example "requirements ${k.services[0]?.name ?? 'KTP'}".`,
      sources: k.services.map((s) => ({ type: 'service', id: s.id })),
      links: [],
    };
  }
  const needs = service.requirements ?? [];
  const list = needs.map((r, i) => `${i + 1}. ${r}`).join('\n');
  const reply = needs.length
    ? id
      ? `Syarat ${service.name}:\n${list}`
      : `What to bring for ${service.name}:\n${list}`
    : id
      ? `Kantor belum mencantumkan syarat untuk ${service.name}.${contact(k, locale)}`
      : `The office has not listed the documents for ${service.name} yet.${contact(k, locale)}`;
  const description = service.description ? `\n${service.description}` : '';
  return {
    reply: reply + description,
    sources: [{ type: 'service', id: service.id }],
    links: [{ label: id ? `Booking ${service.name}` : `Book ${service.name}`, url: bookingUrl(k.office.id, service) }],
  };
}

/** The live queue: of the service asked about, else of every service with people waiting. */
export function queueReply(k: Knowledge, board: QueueBoard, service: ServiceEntity | null, locale: Locale): Composed {
  const id = locale === 'id';
  const sources: AssistantSource[] = [{ type: 'queue', id: k.office.id }];
  const estimate = (m: number | null) => (m === null ? '' : id ? `, perkiraan ${minutes(m, locale)}` : `, ${minutes(m, locale)}`);
  if (service) {
    const row = board.services.find((s) => s.serviceId === service.id);
    const waiting = row?.waiting ?? 0;
    sources.push({ type: 'service', id: service.id });
    const reply = id
      ? `Antrean ${service.name} sekarang: ${people(waiting, locale)} menunggu${estimate(row?.estimatedWaitMinutes ?? null)}.`
      : `Queue for ${service.name} now: ${people(waiting, locale)} waiting${estimate(row?.estimatedWaitMinutes ?? null)}.`;
    return { reply: reply + lastCall(board, locale), sources, links: [] };
  }
  const total = board.services.reduce((n, s) => n + s.waiting, 0);
  const busy = board.services.filter((s) => s.waiting > 0).map((s) => `${s.name} ${people(s.waiting, locale)}${estimate(s.estimatedWaitMinutes)}`);
  const reply = id
    ? `Sekarang ${people(total, locale)} menunggu${busy.length ? `: ${busy.join('; ')}` : ''}.`
    : `${people(total, locale)} ${total === 1 ? 'is' : 'are'} waiting now${busy.length ? `: ${busy.join('; ')}` : ''}.`;
  return { reply: reply + lastCall(board, locale), sources, links: [] };
}

function lastCall(board: QueueBoard, locale: Locale): string {
  const call = board.recentCalls[0];
  if (!call) return '';
  return locale === 'id' ? ` Terakhir dipanggil: ${call.number} ke ${call.counterName}.` : ` Last called: ${call.number} to ${call.counterName}.`;
}

/** How to book, with the link to the booking page (of the service asked about). */
export function bookReply(k: Knowledge, service: ServiceEntity | null, locale: Locale): Composed {
  const id = locale === 'id';
  const window = service
    ? id
      ? ` Booking ${service.name} bisa sampai ${service.bookingWindowDays} hari ke depan.`
      : ` ${service.name} can be booked up to ${service.bookingWindowDays} days ahead.`
    : '';
  return {
    reply:
      (id
        ? 'Booking online: buka halaman booking, pilih layanan, tanggal dan jam, isi nama dan NIK, lalu simpan kode booking Anda. Datang pada hari itu dan check-in di kiosk dengan kode tersebut (mulai 30 menit sebelum jadwal). Ubah jadwal atau batalkan lewat tautan kelola booking di pesan konfirmasi.'
        : 'Book online: open the booking page, choose the service, day and time, enter your name and NIK, and keep your booking code. On the day, check in at the kiosk with that code (from 30 minutes before your time). Change or cancel through the manage link in your confirmation.') +
      window,
    sources: service ? [{ type: 'service', id: service.id }] : [{ type: 'office', id: k.office.id }],
    links: [
      {
        label: id ? (service ? `Booking ${service.name}` : 'Booking online') : service ? `Book ${service.name}` : 'Book online',
        url: bookingUrl(k.office.id, service),
      },
    ],
  };
}

/** What the assistant cannot answer goes to the office's people. */
export function handoverReply(k: Knowledge, locale: Locale): Composed {
  const id = locale === 'id';
  const links: Composed['links'] = [];
  if (k.office.phone) links.push({ label: id ? 'Telepon kantor' : 'Call the office', url: `tel:${k.office.phone.replace(/[^\d+]/g, '')}` });
  if (k.office.mapUrl) links.push({ label: id ? 'Peta lokasi' : 'Map', url: k.office.mapUrl });
  return {
    reply: (id ? 'Maaf, saya belum bisa menjawab itu.' : 'Sorry, I cannot answer that.') + contact(k, locale),
    sources: [{ type: 'office', id: k.office.id }],
    links,
  };
}

function contact(k: Knowledge, locale: Locale): string {
  const id = locale === 'id';
  const parts = [
    k.office.phone && (id ? `telepon ${k.office.phone}` : `phone ${k.office.phone}`),
    k.office.address && (id ? `alamat ${k.office.address}` : `address ${k.office.address}`),
  ].filter(Boolean);
  if (!parts.length) return id ? ` Silakan tanyakan ke petugas informasi di ${k.office.name}.` : ` Please ask the information desk at ${k.office.name}.`;
  return id ? ` Silakan hubungi ${k.office.name}: ${parts.join(', ')}.` : ` Please contact ${k.office.name}: ${parts.join(', ')}.`;
}
