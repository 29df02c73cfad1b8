import { DateTime } from 'luxon';
import { availability, checkInWindow, findSlot } from './availability';

const week = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '12:00', breaks: [{ start: '10:00', end: '10:30' }] }));
const rules = { slotMinutes: 30, capacity: 4, minDaysAhead: 0, maxDaysAhead: 14, leadMinutes: 0 };
const base = { timeZone: 'Asia/Jakarta', week, holidays: new Set<string>(), rules, booked: new Map<number, number>() };

describe('availability', () => {
  it('lays slots over open hours minus breaks, in the office zone', () => {
    const [day] = availability({ ...base, from: '2026-11-30', to: '2026-11-30', now: new Date('2026-11-28T00:00:00Z') });
    expect(day.date).toBe('2026-11-30');
    expect(day.slots.map((s) => s.start.toISOString())).toEqual([
      '2026-11-30T01:00:00.000Z', // 08:00 WIB
      '2026-11-30T01:30:00.000Z',
      '2026-11-30T02:00:00.000Z',
      '2026-11-30T02:30:00.000Z', // 09:30; 10:00–10:30 is the break
      '2026-11-30T03:30:00.000Z', // 10:30
      '2026-11-30T04:00:00.000Z',
      '2026-11-30T04:30:00.000Z', // 11:30–12:00 is the last
    ]);
  });

  it('is the same wall-clock day in another zone (no DST in Indonesia)', () => {
    const [day] = availability({ ...base, timeZone: 'Asia/Jayapura', from: '2026-11-30', to: '2026-11-30', now: new Date('2026-11-28T00:00:00Z') });
    expect(day.slots[0].start.toISOString()).toBe('2026-11-29T23:00:00.000Z'); // 08:00 WIT
  });

  it('lays slots as luxon’s day start plus minutes, on ordinary days and across a DST change', () => {
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' }));
    for (const [timeZone, date] of [
      ['Asia/Jakarta', '2026-11-30'],
      ['Europe/Berlin', '2026-03-29'], // 02:00 → 03:00
      ['America/New_York', '2026-11-01'], // 02:00 → 01:00
    ] as const) {
      const [day] = availability({
        ...base,
        week: allDay,
        timeZone,
        from: date,
        to: date,
        now: new Date('2026-01-01T00:00:00Z'),
        rules: { ...rules, maxDaysAhead: 400 },
      });
      const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
      const expected = Array.from({ length: 47 }, (_, i) =>
        start
          .plus({ minutes: i * 30 })
          .toJSDate()
          .toISOString(),
      );
      expect(day.slots.map((s) => s.start.toISOString())).toEqual(expected);
      expect(day.slots.map((s) => s.end.getTime() - s.start.getTime())).toEqual(Array(47).fill(30 * 60_000));
    }
  });

  it('offers nothing on holidays, closed weekdays, in the past or outside the window', () => {
    const now = new Date('2026-11-30T02:10:00Z'); // Monday 09:10 WIB
    const days = availability({ ...base, holidays: new Set(['2026-12-01']), from: '2026-11-27', to: '2026-12-20', now, rules: { ...rules, maxDaysAhead: 7 } });
    expect(days[0].date).toBe('2026-11-30'); // nothing before today
    expect(days[0].slots[0].start.toISOString()).toBe('2026-11-30T02:30:00.000Z'); // 09:30: earlier slots have passed
    expect(days.find((d) => d.date === '2026-12-01')?.slots).toEqual([]); // holiday
    expect(days.find((d) => d.date === '2026-12-05')?.slots).toEqual([]); // Saturday
    expect(days[days.length - 1].date).toBe('2026-12-07'); // window of 7 days
  });

  it('honours the earliest day ahead and shows what is left of each slot', () => {
    const booked = new Map([[Date.parse('2026-12-01T01:00:00Z'), 3]]);
    const days = availability({
      ...base,
      booked,
      from: '2026-11-30',
      to: '2026-12-01',
      now: new Date('2026-11-30T00:00:00Z'),
      rules: { ...rules, minDaysAhead: 1 },
    });
    expect(days.map((d) => d.date)).toEqual(['2026-12-01']);
    expect(days[0].slots[0]).toMatchObject({ capacity: 4, remaining: 1 });
    expect(findSlot(days, new Date('2026-12-01T01:00:00Z'))).not.toBeNull();
    expect(findSlot(days, new Date('2026-12-01T01:10:00Z'))).toBeNull();
  });

  it('opens check-in 30 minutes before and closes 15 after by default', () => {
    const w = checkInWindow(new Date('2026-12-01T01:00:00Z'), 30, 15);
    expect([w.opens.toISOString(), w.closes.toISOString()]).toEqual(['2026-12-01T00:30:00.000Z', '2026-12-01T01:15:00.000Z']);
  });
});
