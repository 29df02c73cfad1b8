import { DateTime } from 'luxon';

const WEEKDAYS: Readonly<Record<string, number>> = {
  senin: 1,
  selasa: 2,
  rabu: 3,
  kamis: 4,
  jumat: 5,
  sabtu: 6,
  minggu: 7,
  ahad: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

const MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['januari', 'january', 'jan'],
    ['februari', 'february', 'feb', 'pebruari'],
    ['maret', 'march', 'mar'],
    ['april', 'apr'],
    ['mei', 'may'],
    ['juni', 'june', 'jun'],
    ['juli', 'july', 'jul'],
    ['agustus', 'august', 'agu', 'aug', 'agt'],
    ['september', 'sep', 'sept'],
    ['oktober', 'october', 'okt', 'oct'],
    ['november', 'nov', 'nop'],
    ['desember', 'december', 'des', 'dec'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1])),
);

/** Names of days and months, and the words of relative days. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([...Object.keys(WEEKDAYS), ...Object.keys(MONTHS), 'besok', 'lusa', 'tomorrow', 'today', 'tanggal']);

/** "minggu depan" is next week, not Sunday. */
const WEEK_WORDS = new Set(['depan', 'ini', 'lalu', 'kemarin', 'lagi']);
const FESTIVALS: Readonly<Record<string, [number, number]>> = { natal: [12, 25], christmas: [12, 25] };

/**
 * The day a question asks about, as a business date of the office: today, tomorrow, the day after,
 * a weekday (its next one, today included), a day of the month ("tanggal 25"), a date ("25
 * desember", "dec 25") or Christmas; null when it names none.
 */
export function dayAskedAbout(words: readonly string[], now: Date, timeZone: string): string | null {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const has = (w: string) => words.includes(w);
  const phrase = ` ${words.join(' ')} `;
  if (phrase.includes(' day after tomorrow ') || has('lusa')) return today.plus({ days: 2 }).toISODate();
  if (has('besok') || has('tomorrow')) return today.plus({ days: 1 }).toISODate();
  for (const [name, [month, day]] of Object.entries(FESTIVALS)) if (has(name)) return upcoming(today, month, day);
  for (let i = 0; i < words.length; i++) {
    const n = Number(words[i]);
    if (!Number.isInteger(n) || n < 1 || n > 31 || !/^\d{1,2}$/.test(words[i])) continue;
    const month = MONTHS[words[i + 1]] ?? MONTHS[words[i - 1]];
    if (month) return upcoming(today, month, n);
    if (words[i - 1] === 'tanggal' || words[i - 1] === 'date' || words[i - 1] === 'the') return upcomingDayOfMonth(today, n);
  }
  for (let i = 0; i < words.length; i++) {
    const weekday = WEEKDAYS[words[i]];
    if (!weekday || (words[i] === 'minggu' && WEEK_WORDS.has(words[i + 1]))) continue;
    return today.plus({ days: (weekday - today.weekday + 7) % 7 }).toISODate();
  }
  if (phrase.includes(' hari ini ') || has('today') || has('sekarang') || has('now') || has('tonight')) return today.toISODate();
  return null;
}

function upcoming(today: DateTime, month: number, day: number): string | null {
  for (const year of [today.year, today.year + 1]) {
    const date = DateTime.fromObject({ year, month, day }, { zone: today.zone });
    if (date.isValid && date >= today) return date.toISODate();
  }
  return null;
}

function upcomingDayOfMonth(today: DateTime, day: number): string | null {
  for (let k = 0; k < 3; k++) {
    const month = today.plus({ months: k });
    const date = DateTime.fromObject({ year: month.year, month: month.month, day }, { zone: today.zone });
    if (date.isValid && date >= today) return date.toISODate();
  }
  return null;
}
