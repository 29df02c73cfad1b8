import { availability } from './availability';
import { isReleased, releaseOf } from './release';

const rule = { daysAhead: 7, at: '09:00' };
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '10:00' }));

describe('scheduled release', () => {
  it('opens day D at `at`, office time, on day D − daysAhead', () => {
    expect(releaseOf('2026-12-14', rule, 'Asia/Jakarta')?.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(releaseOf('2026-12-14', rule, 'Asia/Jayapura')?.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(releaseOf('2026-12-14', { daysAhead: 0, at: '00:00' }, 'Asia/Jakarta')?.toISOString()).toBe('2026-12-13T17:00:00.000Z');
    expect(releaseOf('2026-12-14', null, 'Asia/Jakarta')).toBeNull();
  });

  it('is closed one second before and open at the second', () => {
    expect(isReleased('2026-12-14', rule, 'Asia/Jakarta', new Date('2026-12-07T01:59:59Z'))).toBe(false);
    expect(isReleased('2026-12-14', rule, 'Asia/Jakarta', new Date('2026-12-07T02:00:00Z'))).toBe(true);
    expect(isReleased('2026-12-14', null, 'Asia/Jakarta', new Date(0))).toBe(true);
  });

  it('lists a day before its release with opensAt and no slots, and the released days with theirs', () => {
    const days = availability({
      from: '2026-12-13',
      to: '2026-12-14',
      now: new Date('2026-12-07T01:59:59Z'),
      timeZone: 'Asia/Jakarta',
      week: ALL_DAY,
      holidays: new Set(),
      rules: { slotMinutes: 60, capacity: 1, minDaysAhead: 0, maxDaysAhead: 30, leadMinutes: 0 },
      booked: new Map(),
      release: rule,
    });
    expect(days.map((d) => [d.date, d.slots.length, d.opensAt?.toISOString()])).toEqual([
      ['2026-12-13', 2, undefined],
      ['2026-12-14', 0, '2026-12-07T02:00:00.000Z'],
    ]);
  });
});
