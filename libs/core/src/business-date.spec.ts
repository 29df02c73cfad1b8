import { businessDateOf, isBusinessDate, isValidTimeZone, localClock, startOfBusinessDate } from './business-date';

describe('business dates', () => {
  it('follows the office’s zone, not the server’s, across midnight', () => {
    const instant = new Date('2026-11-27T16:30:00Z');
    expect(businessDateOf(instant, 'Asia/Jakarta')).toBe('2026-11-27'); // 23:30 WIB
    expect(businessDateOf(instant, 'Asia/Makassar')).toBe('2026-11-28'); // 00:30 WITA
    expect(businessDateOf(instant, 'Asia/Jayapura')).toBe('2026-11-28'); // 01:30 WIT
  });

  it('gives the local weekday and minutes', () => {
    expect(localClock(new Date('2026-11-30T01:15:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-11-30', weekday: 1, minutes: 8 * 60 + 15 });
  });

  it('keeps each minute’s clock apart per zone, across midnight and a DST change', () => {
    // Asked twice within a minute, in several zones, the answers are those of the zone and minute.
    const before = new Date('2026-11-27T16:59:59.999Z');
    const after = new Date('2026-11-27T17:00:00.000Z');
    for (let i = 0; i < 2; i++) {
      expect(localClock(before, 'Asia/Jakarta')).toEqual({ date: '2026-11-27', weekday: 5, minutes: 23 * 60 + 59 });
      expect(localClock(after, 'Asia/Jakarta')).toEqual({ date: '2026-11-28', weekday: 6, minutes: 0 });
      expect(localClock(after, 'Asia/Jayapura')).toEqual({ date: '2026-11-28', weekday: 6, minutes: 2 * 60 });
      // New York falls back at 06:00Z on 2026-11-01: the same local hour twice.
      expect(localClock(new Date('2026-11-01T05:30:00Z'), 'America/New_York').minutes).toBe(60 + 30);
      expect(localClock(new Date('2026-11-01T06:30:00Z'), 'America/New_York').minutes).toBe(60 + 30);
      expect(localClock(new Date('2026-11-01T07:30:00Z'), 'America/New_York').minutes).toBe(2 * 60 + 30);
    }
    // Half-hour and 45-minute zones too.
    expect(localClock(after, 'Asia/Kolkata').minutes).toBe(22 * 60 + 30);
    expect(localClock(after, 'Asia/Kathmandu').minutes).toBe(22 * 60 + 45);
  });

  it('starts a business day at local midnight', () => {
    expect(startOfBusinessDate('2026-11-28', 'Asia/Jakarta').toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(startOfBusinessDate('2026-11-28', 'Asia/Jayapura').toISOString()).toBe('2026-11-27T15:00:00.000Z');
  });

  it('accepts only IANA zones and real dates', () => {
    expect(isValidTimeZone('Asia/Jakarta')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('UTC+7')).toBe(false);
    expect(isBusinessDate('2026-02-28')).toBe(true);
    expect(isBusinessDate('2026-02-30')).toBe(false);
    expect(isBusinessDate('28-11-2026')).toBe(false);
  });

  it('rejects an invalid zone instead of guessing', () => {
    expect(() => businessDateOf(new Date(), 'Nowhere/Land')).toThrow(RangeError);
  });
});
