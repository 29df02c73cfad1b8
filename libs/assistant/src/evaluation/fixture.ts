import { DateTime } from 'luxon';

/**
 * The office the evaluation set (questions.json) asks about: a population registry office with
 * five services, a week with breaks, two holidays and eight FAQs. Its queue, when the questions
 * are asked, is three waiting for KTP Elektronik and one for Kartu Keluarga; the ticket in a
 * question's context is KTP Elektronik's second, the booking one of KTP Elektronik. The
 * questions are asked on a Monday morning of the office's time zone (`evaluationNow`): the
 * integration test gives the office a zone where it is about noon when it runs, so that its
 * queue, issued a moment before, is still today's whatever the hour.
 */
export function evaluationNow(timezone: string): Date {
  return DateTime.fromISO('2026-12-07T10:00', { zone: timezone }).toJSDate(); // Monday 7 December 2026, 10:00
}

export const EVALUATION_OFFICE = {
  name: 'Disdukcapil Kota Contoh',
  timezone: 'Asia/Jakarta',
  address: 'Jl. Merdeka No. 10, Kota Contoh',
  phone: '0274-555-0123',
  mapUrl: 'https://maps.example.org/disdukcapil-kota-contoh',
  week: [
    ...[1, 2, 3, 4].map((weekday) => ({ weekday, open: '08:00', close: '15:00', breaks: [{ start: '12:00', end: '13:00' }] })),
    { weekday: 5, open: '07:30', close: '11:30' },
    { weekday: 6, open: '08:00', close: '12:00' },
  ],
  holidays: [
    { date: '2026-12-08', name: 'Hari Jadi Kota' },
    { date: '2026-12-25', name: 'Hari Raya Natal' },
  ],
  services: [
    {
      code: 'ktp',
      prefix: 'A',
      name: 'KTP Elektronik',
      requirements: ['Fotokopi Kartu Keluarga', 'Surat pengantar RT/RW', 'Pas foto 3x4 latar merah (untuk KTP pertama)'],
      waiting: 3,
    },
    {
      code: 'kk',
      prefix: 'B',
      name: 'Kartu Keluarga',
      requirements: ['Surat pengantar RT/RW', 'Kartu Keluarga lama', 'Buku nikah atau akta perkawinan'],
      waiting: 1,
    },
    {
      code: 'akta-lahir',
      prefix: 'C',
      name: 'Akta Kelahiran',
      requirements: ['Surat keterangan lahir dari rumah sakit atau bidan', 'KTP kedua orang tua', 'Kartu Keluarga'],
      waiting: 0,
    },
    { code: 'pindah', prefix: 'D', name: 'Surat Pindah', requirements: ['Formulir F-1.03', 'Kartu Keluarga asli', 'KTP'], waiting: 0 },
    { code: 'kia', prefix: 'E', name: 'Kartu Identitas Anak', requirements: ['Akta kelahiran anak', 'Pas foto anak 2x3 (usia 5 tahun ke atas)'], waiting: 0 },
  ],
  faqs: [
    {
      question: 'Apakah layanan dipungut biaya?',
      answer: 'Semua layanan administrasi kependudukan gratis, tidak dipungut biaya.',
      keywords: ['biaya', 'bayar', 'gratis', 'tarif', 'harga', 'cost', 'fee', 'free', 'pay'],
    },
    {
      question: 'Di mana tempat parkir?',
      answer: 'Parkir motor dan mobil tersedia di halaman belakang gedung.',
      keywords: ['parkir', 'parkiran', 'parking', 'park', 'motor', 'mobil'],
    },
    {
      question: 'Apakah pengambilan KTP bisa diwakilkan?',
      answer: 'Bisa, dengan surat kuasa bermeterai dan fotokopi KTP pemberi kuasa.',
      keywords: ['wakil', 'diwakilkan', 'diwakili', 'kuasa', 'titip', 'diambilkan', 'orang lain'],
    },
    {
      question: 'Berapa lama KTP jadi?',
      answer: 'KTP elektronik biasanya selesai dicetak dalam 1 hari kerja jika blanko tersedia.',
      keywords: ['jadi', 'selesai', 'cetak', 'proses', 'hari kerja'],
    },
    {
      question: 'Bagaimana jika KTP atau KK hilang?',
      answer: 'Bawa surat kehilangan dari kepolisian dan fotokopi Kartu Keluarga, lalu ambil antrean layanan yang hilang dokumennya.',
      keywords: ['hilang', 'kehilangan', 'ilang', 'lost'],
    },
    { question: 'Apakah ada ruang laktasi?', answer: 'Ada, ruang laktasi di lantai 1 dekat ruang tunggu.', keywords: ['menyusui', 'laktasi', 'asi', 'bayi'] },
    {
      question: 'Pakaian apa untuk foto KTP?',
      answer: 'Untuk foto KTP gunakan pakaian rapi berkerah, jangan berwarna merah.',
      keywords: ['baju', 'pakaian', 'kemeja', 'kaos', 'foto'],
    },
    {
      question: 'Is there wheelchair access?',
      answer: 'Yes: the main entrance has a ramp, and counter 1 serves priority visitors first.',
      keywords: ['wheelchair', 'ramp', 'disabled', 'difabel', 'kursi roda', 'disability', 'access'],
      locale: 'en' as const,
    },
  ],
};

/** One question of the evaluation set, as a citizen wrote it. */
export interface EvaluationQuestion {
  q: string;
  intent: string;
  /** What the answer (its text or a link) must contain; `{bookingCode}` is the context booking's code. */
  fact: string;
  /** The page's language, when it is not Indonesian. */
  locale?: 'en';
  /** The token the page holds: the tracking page's ticket, or the manage page's booking. */
  context?: 'ticket' | 'booking';
  /** Written after the assistant's examples were last changed, and never used to change them: the figure of questions it was not tuned on. */
  holdout?: boolean;
}
