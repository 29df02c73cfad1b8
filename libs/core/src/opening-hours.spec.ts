import { CLOSE_PATTERN, isOpenAt, nextOpeningToday, openState, validateWeek } from './opening-hours';

const week = [{ weekday: 1, open: '08:00', close: '15:00', breaks: [{ start: '12:00', end: '13:00' }] }];

describe('opening hours', () => {
  it('is open within the day’s hours in the office zone, breaks included', () => {
    expect(isOpenAt(new Date('2026-11-30T01:00:00Z'), 'Asia/Jakarta', week, new Set())).toBe(true); // Mon 08:00 WIB
    expect(isOpenAt(new Date('2026-11-30T05:30:00Z'), 'Asia/Jakarta', week, new Set())).toBe(true); // 12:30, lunch break
    expect(isOpenAt(new Date('2026-11-30T00:59:00Z'), 'Asia/Jakarta', week, new Set())).toBe(false); // 07:59
    expect(isOpenAt(new Date('2026-11-30T08:00:00Z'), 'Asia/Jakarta', week, new Set())).toBe(false); // 15:00 closes
  });

  it('uses the office’s weekday, not UTC’s', () => {
    // Monday 00:30 UTC is 09:30 in Jayapura (open) but 07:30 in Jakarta (not yet).
    expect(isOpenAt(new Date('2026-11-30T00:30:00Z'), 'Asia/Jayapura', week, new Set())).toBe(true);
    expect(isOpenAt(new Date('2026-11-30T00:30:00Z'), 'Asia/Jakarta', week, new Set())).toBe(false);
  });

  it('is closed on holidays and absent weekdays', () => {
    expect(isOpenAt(new Date('2026-11-30T02:00:00Z'), 'Asia/Jakarta', week, new Set(['2026-11-30']))).toBe(false);
    expect(isOpenAt(new Date('2026-12-01T02:00:00Z'), 'Asia/Jakarta', week, new Set())).toBe(false);
  });

  it('rejects inverted hours, breaks outside hours and repeated weekdays', () => {
    expect(validateWeek(week)).toEqual([]);
    expect(validateWeek([{ weekday: 2, open: '15:00', close: '08:00' }])).toHaveLength(1);
    expect(validateWeek([{ weekday: 2, open: '08:00', close: '12:00', breaks: [{ start: '11:00', end: '13:00' }] }])).toHaveLength(1);
    expect(
      validateWeek([
        { weekday: 3, open: '08:00', close: '12:00' },
        { weekday: 3, open: '13:00', close: '15:00' },
      ]),
    ).toHaveLength(1);
  });

  it('keeps an office open to the end of the day when it closes at 24:00, to its last minute', () => {
    const late = [{ weekday: 1, open: '00:00', close: '24:00' }];
    expect(CLOSE_PATTERN.test('24:00')).toBe(true);
    expect(CLOSE_PATTERN.test('24:01')).toBe(false);
    expect(validateWeek(late)).toEqual([]);
    expect(isOpenAt(new Date('2026-11-30T16:59:30Z'), 'Asia/Jakarta', late, new Set())).toBe(true); // Mon 23:59:30 WIB
    expect(isOpenAt(new Date('2026-11-30T17:00:00Z'), 'Asia/Jakarta', late, new Set())).toBe(false); // Tue 00:00
    // Closing at 23:59 closes at 23:59: the last minute is not a minute of opening.
    expect(isOpenAt(new Date('2026-11-30T16:59:30Z'), 'Asia/Jakarta', [{ weekday: 1, open: '00:00', close: '23:59' }], new Set())).toBe(false);
  });

  it('names the next opening later that day: the opening before it, the end of a break during one', () => {
    const jakarta = (iso: string) => nextOpeningToday(new Date(iso), 'Asia/Jakarta', week, new Set())?.toISOString() ?? null;
    expect(jakarta('2026-11-30T00:30:00Z')).toBe('2026-11-30T01:00:00.000Z'); // 07:30 → 08:00 WIB
    expect(jakarta('2026-11-30T05:30:00Z')).toBe('2026-11-30T06:00:00.000Z'); // 12:30 → 13:00 after the break
    expect(jakarta('2026-11-30T02:00:00Z')).toBeNull(); // open
    expect(jakarta('2026-11-30T09:00:00Z')).toBeNull(); // closed for the day
    expect(jakarta('2026-12-01T00:30:00Z')).toBeNull(); // Tuesday: closed all day
    expect(nextOpeningToday(new Date('2026-11-30T00:30:00Z'), 'Asia/Jakarta', week, new Set(['2026-11-30']))).toBeNull();
  });

  it('tells a kiosk whether the office is open, until when, or when it opens next (holidays and closed days skipped)', () => {
    const at = (iso: string, holidays: string[] = []) => {
      const s = openState(new Date(iso), 'Asia/Jakarta', week, new Set(holidays));
      return { openNow: s.openNow, closesAt: s.closesAt?.toISOString() ?? null, opensAt: s.opensAt?.toISOString() ?? null };
    };
    // Monday 09:00 WIB: open until 15:00.
    expect(at('2026-11-30T02:00:00Z')).toEqual({ openNow: true, closesAt: '2026-11-30T08:00:00.000Z', opensAt: null });
    // Monday 07:30: opens at 08:00.
    expect(at('2026-11-30T00:30:00Z')).toEqual({ openNow: false, closesAt: null, opensAt: '2026-11-30T01:00:00.000Z' });
    // Monday 16:00: only Mondays open, so next Monday 08:00.
    expect(at('2026-11-30T09:00:00Z')).toEqual({ openNow: false, closesAt: null, opensAt: '2026-12-07T01:00:00.000Z' });
    // Monday a holiday: the Monday after.
    expect(at('2026-11-30T00:30:00Z', ['2026-11-30'])).toEqual({ openNow: false, closesAt: null, opensAt: '2026-12-07T01:00:00.000Z' });
    // Open to the end of the day: closes at the next midnight.
    const late = openState(new Date('2026-11-30T16:00:00Z'), 'Asia/Jakarta', [{ weekday: 1, open: '00:00', close: '24:00' }], new Set());
    expect(late).toEqual({ openNow: true, closesAt: new Date('2026-11-30T17:00:00Z'), opensAt: null });
  });
});
