// The statistics page as data: the office's day, the range asked for and the figures that came
// back, changed only through `reduce`. No DOM, no clock (the caller says what day it is).
import type { OfficeStats } from '@giliran/contracts';
import { enc } from '../session';
import type { Key } from '../admin-i18n';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface StatsState {
  timezone: string;
  /** Today in the office's time zone: the latest day a range may reach. */
  today: string;
  from: string;
  to: string;
  stats: OfficeStats | null;
  failed: string | null;
  loading: boolean;
  /** Counts the loads: only the answer to the latest one is shown. */
  request: number;
}

export type StatsAction =
  | { type: 'office-zone'; timezone: string; today: string }
  | { type: 'range'; from: string; to: string }
  | { type: 'loading'; quiet: boolean }
  | { type: 'loaded'; stats: OfficeStats }
  | { type: 'load-failed'; error: string };

export function initialState(timezone: string, today: string): StatsState {
  return { timezone, today, from: today, to: today, stats: null, failed: null, loading: false, request: 0 };
}

export function reduce(state: StatsState, action: StatsAction): StatsState {
  switch (action.type) {
    case 'office-zone':
      return { ...state, timezone: action.timezone, today: action.today, from: action.today, to: action.today };
    case 'range':
      return { ...state, from: action.from, to: action.to };
    case 'loading':
      // A quiet load (the live refresh) does not dim the figures shown.
      return { ...state, request: state.request + 1, loading: !action.quiet };
    case 'loaded':
      return { ...state, stats: action.stats, failed: null, loading: false };
    case 'load-failed':
      return { ...state, failed: action.error, loading: false };
  }
}

/** What is wrong with a range typed in, or null. */
export function rangeProblem(from: string, to: string): Key | null {
  if (!DATE.test(from) || !DATE.test(to)) return 'v.date';
  if (from > to) return 'v.rangeOrder';
  return null;
}

/** `GET` the figures for the state's range (add `&format=csv` for the file). */
export function statsPath(officeId: string, state: StatsState): string {
  return `/offices/${enc(officeId)}/stats?from=${state.from}&to=${state.to}`;
}

export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}
