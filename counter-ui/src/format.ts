import { i18n, t } from './i18n';

/** `42 dtk`, `4 mnt 05 dtk`, `2 j 10 mnt`; `—` when there is nothing to average. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t('dur.s', { s });
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return t('dur.ms', { m, s: String(s % 60).padStart(2, '0') });
  }
  const hrs = Math.floor(s / 3600);
  return t('dur.hm', { h: hrs, m: String(Math.floor((s % 3600) / 60)).padStart(2, '0') });
}

/** How long a ticket has waited, coarse on purpose: `< 1 mnt`, `12 mnt`, `1 j 05 mnt`. */
export function formatWaited(minutes: number): string {
  const m = Math.floor(minutes);
  if (m < 1) return t('wait.lt1');
  if (m < 60) return t('wait.m', { m });
  return t('wait.hm', { h: Math.floor(m / 60), m: String(m % 60).padStart(2, '0') });
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(i18n.locale()).format(n);
}

/** `2026-12-25` → `Jumat, 25 Desember 2026` (a calendar date: no time zone shift). */
export function formatCalendarDate(date: string, weekday: 'long' | 'short' | undefined = 'long'): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(i18n.locale(), { timeZone: 'UTC', weekday, day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** An instant as a short date (`3 Des 2026`). */
export function formatShortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(i18n.locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}
