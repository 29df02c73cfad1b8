import { DateTime } from 'luxon';
/**
 * The citizen satisfaction index (IKM) of PermenPANRB 14/2017, as API.md v1.1 words it: nine
 * elements answered 1–4; the index is 25 × the mean of the nine element averages, rounded to
 * two decimals, and graded on that rounded value.
 */
export const IKM_ELEMENTS = ['requirements', 'procedure', 'time', 'cost', 'product', 'competence', 'conduct', 'complaints', 'facilities'] as const;
export type IkmElementKey = (typeof IKM_ELEMENTS)[number];

export type IkmGrade = 'A' | 'B' | 'C' | 'D';

/** One response: the answer (1–4) to each of the nine elements, in order. */
export type IkmAnswers = readonly number[];

export interface IkmResult {
  responses: number;
  /** The average answer of each element (1–4), unrounded; null without responses. */
  averages: (number | null)[];
  ikm: number | null;
  grade: IkmGrade | null;
  label: string | null;
}

const round2 = (n: number) => Math.round(n * 100 + Number.EPSILON * 100) / 100;

/** From per-element sums, so that rollups can feed it without keeping every response. */
export function ikmOf(responses: number, sums: readonly number[]): IkmResult {
  if (responses === 0) return { responses: 0, averages: IKM_ELEMENTS.map(() => null), ikm: null, grade: null, label: null };
  const averages = IKM_ELEMENTS.map((_, i) => (sums[i] ?? 0) / responses);
  const ikm = round2((25 * averages.reduce((a, b) => a + b, 0)) / IKM_ELEMENTS.length);
  const { grade, label } = gradeOf(ikm);
  return { responses, averages, ikm, grade, label };
}

export function ikmOfAnswers(all: readonly IkmAnswers[]): IkmResult {
  const sums = IKM_ELEMENTS.map((_, i) => all.reduce((n, a) => n + (a[i] ?? 0), 0));
  return ikmOf(all.length, sums);
}

/** The grade of a rounded index (PermenPANRB 14/2017, converted interval values). */
export function gradeOf(ikm: number): { grade: IkmGrade; label: string } {
  if (ikm >= 88.31) return { grade: 'A', label: 'Sangat Baik' };
  if (ikm >= 76.61) return { grade: 'B', label: 'Baik' };
  if (ikm >= 65) return { grade: 'C', label: 'Kurang Baik' };
  return { grade: 'D', label: 'Tidak Baik' };
}

/**
 * When a ticket's survey closes (API.md v1.1): at the end of the next business day after the
 * ticket's own day — the next day the office opens — or of the next calendar day if it opens on
 * none within a month.
 */
export function surveyClosesAt(ticketDate: string, nextOpen: string | null, timeZone: string): Date {
  const day = nextOpen ?? DateTime.fromISO(ticketDate, { zone: timeZone }).plus({ days: 1 }).toISODate()!;
  return DateTime.fromISO(day, { zone: timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}
