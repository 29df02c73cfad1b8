import type { NationalHolidayList } from '@giliran/contracts';
import id2026 from './data/holidays-id-2026.json';

interface Source {
  source: string;
  /** The same in Indonesian, for the Indonesian back office. */
  sourceId: string;
  nationalHolidays: { date: string; name: string }[];
  collectiveLeave: { date: string; name: string }[];
}

function list(year: number, data: Source): NationalHolidayList {
  return {
    year,
    source: data.source,
    sourceId: data.sourceId,
    holidays: [
      ...data.nationalHolidays.map((h) => ({ ...h, kind: 'national' as const })),
      ...data.collectiveLeave.map((h) => ({ ...h, kind: 'collective_leave' as const })),
    ].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Indonesia's national holidays and collective leave (cuti bersama), shipped with the product. */
export const NATIONAL_HOLIDAYS: readonly NationalHolidayList[] = [list(2026, id2026)];
