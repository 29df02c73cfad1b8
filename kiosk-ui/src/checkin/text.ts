import { formatDate, formatTime, zoneLabel } from '../../../ui-shared/dom';
import { errorMessage, i18n } from '../i18n';
import { followingStrings } from '../strings';

// The check-in screen's own words (its chunk carries them), following the kiosk's language.

export const t = followingStrings(i18n, {
  id: {
    title: 'Check-in booking',
    hint: 'Masukkan 8 karakter kode booking Anda.',
    hintScan: 'Masukkan 8 karakter kode booking Anda, atau pindai kode QR dari ponsel.',
    codeLabel: 'Kode booking',
    lookalikes: 'Kode tidak memakai huruf O, I, L dan angka 0, 1.',
    submit: 'Check-in',
    checking: 'Memeriksa kode…',
    back: 'Kembali',
    backspace: 'Hapus satu karakter',
    clear: 'Hapus semua',
    scan: 'Pindai QR',
    scanHint: 'Arahkan kode QR di layar ponsel Anda ke kamera.',
    scanStop: 'Batal pindai',
    scanNotCode: 'QR ini bukan kode booking. Coba lagi atau ketik kodenya.',
    scanFailed: 'Kamera tidak dapat dipakai. Silakan ketik kodenya.',
    'err.APPOINTMENT_NOT_FOUND': 'Kode tidak ditemukan di kantor ini. Periksa kembali kode pada bukti booking Anda.',
    'err.CHECK_IN_TOO_EARLY': 'Terlalu awal. Check-in untuk booking ini dibuka pukul {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.date': 'Terlalu awal. Check-in untuk booking ini dibuka {date}, pukul {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.plain': 'Terlalu awal. Check-in dibuka 30 menit sebelum jadwal Anda.',
    'err.CHECK_IN_TOO_LATE': 'Waktu check-in booking ini sudah lewat. Silakan ambil nomor antrean biasa atau tanya petugas.',
    'err.ALREADY_CHECKED_IN': 'Booking ini sudah check-in dan nomornya sudah dicetak. Tanya petugas bila nomornya hilang.',
    'err.VALIDATION_FAILED': 'Kode booking terdiri dari 8 karakter.',
  },
  en: {
    title: 'Check in your booking',
    hint: 'Enter the 8 characters of your booking code.',
    hintScan: 'Enter the 8 characters of your booking code, or scan the QR code on your phone.',
    codeLabel: 'Booking code',
    lookalikes: 'Codes never use the letters O, I, L or the digits 0, 1.',
    submit: 'Check in',
    checking: 'Checking your code…',
    back: 'Back',
    backspace: 'Delete one character',
    clear: 'Clear',
    scan: 'Scan QR',
    scanHint: 'Hold the QR code on your phone in front of the camera.',
    scanStop: 'Stop scanning',
    scanNotCode: 'This QR is not a booking code. Try again or type the code.',
    scanFailed: 'The camera cannot be used. Please type the code.',
    'err.APPOINTMENT_NOT_FOUND': 'This code was not found at this office. Please check the code on your booking.',
    'err.CHECK_IN_TOO_EARLY': 'Too early. Check-in for this booking opens at {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.date': 'Too early. Check-in for this booking opens on {date} at {time} {zone}.',
    'err.CHECK_IN_TOO_EARLY.plain': 'Too early. Check-in opens 30 minutes before your time.',
    'err.CHECK_IN_TOO_LATE': 'The check-in time for this booking has passed. Please take a regular number or ask an officer.',
    'err.ALREADY_CHECKED_IN': 'This booking has already been checked in and its number printed. Ask an officer if it was lost.',
    'err.VALIDATION_FAILED': 'A booking code has 8 characters.',
  },
});

export type TextKey = Parameters<typeof t>[0];

/** A refused check-in in the citizen's words; too early says when it opens, in the office's zone. */
export function errorText(err: { code: string; detail: string }, timeZone: string): string {
  if (err.code === 'CHECK_IN_TOO_EARLY') {
    const opens = /(\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(err.detail)?.[1];
    const at = opens ? new Date(opens) : null;
    if (!at || Number.isNaN(at.getTime())) return t('err.CHECK_IN_TOO_EARLY.plain');
    const locale = i18n.locale();
    const vars = { time: formatTime(at, timeZone, locale), zone: zoneLabel(timeZone), date: formatDate(at, timeZone, locale) };
    const sameDay = formatDate(at, timeZone, 'en-GB') === formatDate(new Date(), timeZone, 'en-GB');
    return sameDay ? t('err.CHECK_IN_TOO_EARLY', vars) : t('err.CHECK_IN_TOO_EARLY.date', vars);
  }
  const own: Record<string, TextKey> = {
    APPOINTMENT_NOT_FOUND: 'err.APPOINTMENT_NOT_FOUND',
    CHECK_IN_TOO_LATE: 'err.CHECK_IN_TOO_LATE',
    ALREADY_CHECKED_IN: 'err.ALREADY_CHECKED_IN',
    VALIDATION_FAILED: 'err.VALIDATION_FAILED',
  };
  return own[err.code] ? t(own[err.code]!) : errorMessage(err.code);
}
