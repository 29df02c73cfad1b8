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
