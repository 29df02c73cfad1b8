/**
 * Indonesian NIK (Nomor Induk Kependudukan): 16 digits — province (2), regency/city (2),
 * district (2), birth date DDMMYY with 40 added to the day for women, and a serial (4, not 0000).
 */
export const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

export type NikProblem = 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'SERIAL';

export interface NikFacts {
  province: number;
  birthDate: string;
  sex: 'F' | 'M';
}

/** Checks a NIK; `today` decides the century of the birth year and refuses births in the future. */
export function checkNik(nik: string, today: Date = new Date()): { ok: true; facts: NikFacts } | { ok: false; problem: NikProblem } {
  if (!/^\d{16}$/.test(nik)) return { ok: false, problem: 'FORMAT' };
  const province = Number(nik.slice(0, 2));
  const regency = Number(nik.slice(2, 4));
  const district = Number(nik.slice(4, 6));
  if (!PROVINCE_CODES.has(province) || regency === 0 || district === 0) return { ok: false, problem: 'REGION' };
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  const thisYear = today.getUTCFullYear() % 100;
  const year = yy <= thisYear ? 2000 + yy : 1900 + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || date > today) {
    return { ok: false, problem: 'BIRTH_DATE' };
  }
  if (nik.slice(12) === '0000') return { ok: false, problem: 'SERIAL' };
  return { ok: true, facts: { province, birthDate: date.toISOString().slice(0, 10), sex } };
}

/** For staff screens: the first 4 and last 4 digits (`3201********0001`). */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '****************';
}
