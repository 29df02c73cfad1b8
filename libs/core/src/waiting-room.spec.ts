import { estimatedAdmitAt, needsAdmission, releaseRuleOf, releaseToWaitFor } from './waiting-room';

const release = { daysAhead: 7, at: '09:00' };
const room = { admitPerMinute: 120, admissionMinutes: 5, openMinutes: 30 };
const TZ = 'Asia/Jakarta';

describe('waiting room rules', () => {
  it('needs an admission for the day just released, for openMinutes after its release', () => {
    // 2026-12-14 opens 2026-12-07 09:00 WIB = 02:00 UTC; the window closes at 02:30.
    expect(needsAdmission('2026-12-14', release, room, TZ, new Date('2026-12-07T01:59:59Z'))).toBe(false);
    expect(needsAdmission('2026-12-14', release, room, TZ, new Date('2026-12-07T02:00:00Z'))).toBe(true);
    expect(needsAdmission('2026-12-14', release, room, TZ, new Date('2026-12-07T02:29:59Z'))).toBe(true);
    expect(needsAdmission('2026-12-14', release, room, TZ, new Date('2026-12-07T02:30:00Z'))).toBe(false);
    // A day released the day before needs none.
    expect(needsAdmission('2026-12-13', release, room, TZ, new Date('2026-12-07T02:10:00Z'))).toBe(false);
  });

  it('joins the open window, else the next release', () => {
    const at = (iso: string) => releaseToWaitFor(release, room, TZ, new Date(iso));
    expect(at('2026-12-07T01:00:00Z')).toMatchObject({ date: '2026-12-14', opensAt: new Date('2026-12-07T02:00:00Z') });
    expect(at('2026-12-07T02:29:59Z').date).toBe('2026-12-14');
    expect(at('2026-12-07T02:30:00Z')).toMatchObject({ date: '2026-12-15', opensAt: new Date('2026-12-08T02:00:00Z') });
    // Just after midnight, a window opened the evening before is still the one.
    const late = { daysAhead: 1, at: '23:50' };
    expect(releaseToWaitFor(late, room, TZ, new Date('2026-12-07T17:10:00Z')).date).toBe('2026-12-08');
  });

  it('has a release at midnight without a scheduled one: the day entering the booking window', () => {
    expect(releaseRuleOf(null, 14)).toEqual({ daysAhead: 14, at: '00:00' });
    expect(releaseRuleOf(release, 14)).toBe(release);
  });

  it('estimates admission from the next one due and the pace', () => {
    expect(estimatedAdmitAt(1, 1_000, room).getTime()).toBe(1_000);
    expect(estimatedAdmitAt(3, 1_000, room).getTime()).toBe(2_000); // 120 a minute: one every 500 ms
  });
});
