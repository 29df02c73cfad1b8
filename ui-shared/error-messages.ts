import type { ErrorCode } from '@giliran/contracts';
/** The two languages of every screen (as ./i18n's Lang; not imported, so that server-side tests can read this file). */
type Lang = 'id' | 'en';

/**
 * What every error code of the API means to the person in front of the screen, in both
 * languages. Typed by the registry: a code added to `ErrorCode` without its words here does not
 * compile, and a unit test checks that every code the server throws is in the registry.
 * Screens may say it more precisely in their own dictionary; this is what they fall back on.
 */
export const ERROR_MESSAGES: Record<ErrorCode, Record<Lang, string>> = {
  VALIDATION_FAILED: { id: 'Periksa isian yang ditandai.', en: 'Check the marked fields.' },
  NOT_FOUND: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  UNAUTHORIZED: { id: 'Sesi Anda berakhir. Silakan masuk lagi.', en: 'Your session has ended. Please sign in again.' },
  INVALID_CREDENTIALS: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  FORBIDDEN: { id: 'Anda tidak berhak melakukan tindakan ini.', en: 'You are not allowed to do this.' },
  CONFLICT: { id: 'Data yang sama sudah ada.', en: 'The same record already exists.' },
  OFFICE_CLOSED: { id: 'Kantor sedang tutup. Silakan datang kembali pada jam layanan.', en: 'The office is closed. Please come back during opening hours.' },
  SERVICE_INACTIVE: { id: 'Layanan ini sedang tidak tersedia.', en: 'This service is not available at the moment.' },
  QUOTA_REACHED: { id: 'Kuota antrean layanan ini untuk hari ini sudah habis.', en: 'Today’s tickets for this service are all taken.' },
  COUNTER_BUSY: { id: 'Loket ini masih menangani nomor. Selesaikan dulu.', en: 'This counter still has a ticket in hand. Finish it first.' },
  COUNTER_CLOSED: { id: 'Loket belum dibuka. Buka loket dulu.', en: 'The counter is not open. Open it first.' },
  INVALID_TRANSITION: { id: 'Nomor ini sudah berubah status. Tampilan diperbarui.', en: 'This ticket’s status has changed. The view is updated.' },
  COUNTER_TAKEN: { id: 'Petugas lain sedang bertugas di loket ini.', en: 'Another officer works at this counter.' },
  OFFICER_BUSY: { id: 'Anda masih bertugas di loket lain. Tutup loket itu dulu.', en: 'You still work at another counter. Close it first.' },
  TOO_MANY_SUBSCRIPTIONS: { id: 'Terlalu banyak tampilan terbuka pada sambungan ini.', en: 'Too many views open on this connection.' },
  DUPLICATE_CODE: { id: 'Kode atau nama ini sudah dipakai.', en: 'This code or name is already used.' },
  DUPLICATE_USERNAME: { id: 'Nama pengguna ini sudah dipakai.', en: 'This username is already taken.' },
  RATE_LIMITED: { id: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.', en: 'Too many requests. Wait a moment and try again.' },
  TOO_MANY_ATTEMPTS: { id: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.', en: 'Too many failed sign-ins. Try again later.' },
  URL_NOT_ALLOWED: {
    id: 'Alamat ini tidak diizinkan: gateway harus berada di internet, bukan di jaringan server.',
    en: 'This address is not allowed: the gateway must be on the internet, not on the server’s own network.',
  },
  SERVICE_UNAVAILABLE: {
    id: 'Layanan sedang tidak tersedia sebentar. Coba lagi beberapa saat lagi.',
    en: 'The service is unavailable for a moment. Try again shortly.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    id: 'Permintaan ini sudah pernah dikirim dengan isi lain. Mulai lagi.',
    en: 'This request was already sent with other content. Start again.',
  },
  INTERNAL_ERROR: { id: 'Maaf, terjadi kendala di server. Silakan coba lagi.', en: 'Sorry, something went wrong on the server. Please try again.' },
  SERVICE_NOT_AT_COUNTER: { id: 'Loket ini tidak melayani layanan nomor tersebut.', en: 'This counter does not serve that ticket’s service.' },
  SLOT_FULL: { id: 'Maaf, jam ini baru saja penuh. Silakan pilih jam lain.', en: 'Sorry, this time has just filled up. Please choose another.' },
  SLOT_UNAVAILABLE: { id: 'Jam ini tidak lagi tersedia. Silakan pilih jam lain.', en: 'This time is no longer available. Please choose another.' },
  INVALID_NIK: { id: 'NIK tidak valid. Periksa kembali 16 angka pada KTP.', en: 'Invalid NIK. Check the 16 digits on the ID card again.' },
  DUPLICATE_BOOKING: { id: 'NIK ini sudah punya booking aktif untuk layanan ini.', en: 'This NIK already has an active booking for this service.' },
  PLACES_AVAILABLE: {
    id: 'Hari itu masih ada jadwal kosong. Silakan pesan langsung.',
    en: 'That day still has free times. Please book one directly.',
  },
  NOT_YET_RELEASED: {
    id: 'Jadwal hari itu belum dibuka. Silakan coba lagi saat pemesanan dibuka.',
    en: 'That day is not open for booking yet. Please try again when booking opens.',
  },
  CHALLENGE_FAILED: {
    id: 'Pemeriksaan keamanan gagal. Silakan coba lagi.',
    en: 'The security check failed. Please try again.',
  },
  ADMISSION_REQUIRED: {
    id: 'Jadwal hari ini baru dibuka. Silakan masuk ruang tunggu dulu.',
    en: 'This day has just opened. Please enter the waiting room first.',
  },
  ADMISSION_INVALID: {
    id: 'Giliran pemesanan Anda sudah habis atau sudah dipakai. Silakan masuk ruang tunggu lagi.',
    en: 'Your booking turn has ended or was already used. Please enter the waiting room again.',
  },
  SURVEY_NOT_OPEN: { id: 'Survei dibuka setelah Anda selesai dilayani.', en: 'The survey opens once you have been served.' },
  SURVEY_CLOSED: { id: 'Waktu mengisi survei untuk kunjungan ini sudah lewat.', en: 'The survey for this visit has closed.' },
  SURVEY_ALREADY_SUBMITTED: {
    id: 'Terima kasih, penilaian Anda untuk kunjungan ini sudah kami terima.',
    en: 'Thank you, your rating of this visit has already been received.',
  },
  APPOINTMENT_NOT_FOUND: {
    id: 'Kode booking tidak ditemukan di kantor ini. Periksa kembali kodenya.',
    en: 'No booking with this code at this office. Check the code again.',
  },
  CHECK_IN_TOO_EARLY: { id: 'Check-in belum dibuka untuk jam booking ini.', en: 'Check-in is not open yet for this booking’s time.' },
  CHECK_IN_TOO_LATE: {
    id: 'Waktu check-in untuk booking ini sudah lewat. Silakan tanya petugas.',
    en: 'Check-in for this booking has closed. Please ask a member of staff.',
  },
  ALREADY_CHECKED_IN: { id: 'Booking ini sudah check-in.', en: 'This booking has already checked in.' },
  PUSH_ENDPOINT_NOT_ALLOWED: {
    id: 'Peramban ini tidak dapat menerima notifikasi dari Giliran. Biarkan halaman ini tetap terbuka.',
    en: 'This browser cannot receive notifications from Giliran. Keep this page open.',
  },
  INVALID_PUSH_SUBSCRIPTION: {
    id: 'Notifikasi tidak dapat diaktifkan di peramban ini. Biarkan halaman ini tetap terbuka.',
    en: 'Notifications could not be turned on in this browser. Keep this page open.',
  },
  TICKET_NOT_WAITING: { id: 'Nomor ini sudah tidak menunggu antrean.', en: 'This ticket is no longer waiting in the queue.' },
};

/** The words for a code in a language; the generic sentence for a code the registry does not know. */
export function sharedErrorMessage(code: string, lang: Lang): string | null {
  return (ERROR_MESSAGES as Record<string, Record<Lang, string>>)[code]?.[lang] ?? null;
}
