/** Words every screen says alike, in both languages: spread into each app's dictionary. */
export const COMMON_WORDS = {
  id: {
    loading: 'Memuat…',
    noOffices: 'Belum ada kantor yang terdaftar.',
    loadFailed: 'Data tidak dapat dimuat. Periksa sambungan lalu coba lagi.',
    retry: 'Coba lagi',
  },
  en: {
    loading: 'Loading…',
    noOffices: 'No office has been set up yet.',
    loadFailed: 'Could not load data. Check the connection and try again.',
    retry: 'Try again',
  },
};
