import { createI18n } from '../../ui-shared/i18n';

const id = {
  title: 'Layar antrean',
  pickOffice: 'Pilih kantor untuk layar ini',
  loading: 'Memuat…',
  noOffices: 'Belum ada kantor yang terdaftar.',
  loadFailed: 'Data tidak dapat dimuat. Periksa sambungan lalu coba lagi.',
  retry: 'Coba lagi',
  counters: 'Loket',
  recentCalls: 'Panggilan terakhir',
  noCalls: 'Belum ada panggilan',
  services: 'Antrean per layanan',
  waiting: '{n} menunggu',
  estimate: '± {n} menit',
  estimateNone: 'tanpa antre',
  noCounters: 'Belum ada loket',
  'counter.closed': 'Tutup',
  'counter.paused': 'Istirahat',
  'counter.idle': 'Siap',
  'ticket.called': 'Dipanggil',
  'ticket.serving': 'Dilayani',
  callLine: 'menuju {counter}',
  offline: 'Offline — menyambungkan kembali…',
  unknownOffice: 'Kantor tidak ditemukan.',
  changeOffice: 'Ganti kantor',
};

type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'Queue display',
  pickOffice: 'Choose the office for this screen',
  loading: 'Loading…',
  noOffices: 'No office has been set up yet.',
  loadFailed: 'Could not load data. Check the connection and try again.',
  retry: 'Try again',
  counters: 'Counters',
  recentCalls: 'Last calls',
  noCalls: 'No calls yet',
  services: 'Queue per service',
  waiting: '{n} waiting',
  estimate: '± {n} min',
  estimateNone: 'no wait',
  noCounters: 'No counters yet',
  'counter.closed': 'Closed',
  'counter.paused': 'On break',
  'counter.idle': 'Ready',
  'ticket.called': 'Called',
  'ticket.serving': 'Serving',
  callLine: 'to {counter}',
  offline: 'Offline — reconnecting…',
  unknownOffice: 'Office not found.',
  changeOffice: 'Change office',
};

export const i18n = createI18n<Key>({ id, en });
export const t = i18n.t;
export type { Key };
