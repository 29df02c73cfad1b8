import { admitWalkIns, priorityRemaining, rolledOver, walkInLimits, walkInRemaining, type ChannelQuota } from './quota';

const quota = (q: Partial<ChannelQuota>): ChannelQuota => ({ online: null, walkIn: null, priority: null, onlineRolloverAt: null, ...q });
const none = { walkIns: 0, priorityWalkIns: 0 };

describe('walk-ins against the daily quotas by channel', () => {
  it('counts priority walk-ins against the walk-in quota when there is no priority quota', () => {
    expect(admitWalkIns(['regular', 'priority', 'regular'], { walkIns: 1, priorityWalkIns: 0 }, { walkIn: 3, priority: null })).toEqual([true, true, false]);
  });

  it('counts priority walk-ins against the priority quota when there is one, and regular ones against the walk-in quota', () => {
    const limits = { walkIn: 2, priority: 1 };
    expect(admitWalkIns(['priority', 'priority', 'regular', 'regular', 'regular'], none, limits)).toEqual([true, false, true, true, false]);
    // A full priority quota refuses a priority walk-in even while regular places are left.
    expect(admitWalkIns(['priority', 'regular'], { walkIns: 1, priorityWalkIns: 1 }, limits)).toEqual([false, true]);
  });

  it('takes every walk-in with no limit, and none with a limit of zero', () => {
    expect(admitWalkIns(['regular', 'priority'], { walkIns: 500, priorityWalkIns: 20 }, { walkIn: null, priority: null })).toEqual([true, true]);
    expect(admitWalkIns(['regular', 'priority'], none, { walkIn: 0, priority: 0 })).toEqual([false, false]);
  });

  it('shows the regular walk-in places left', () => {
    expect(walkInRemaining({ walkIns: 5, priorityWalkIns: 2 }, { walkIn: 10, priority: null })).toBe(5);
    expect(walkInRemaining({ walkIns: 5, priorityWalkIns: 2 }, { walkIn: 10, priority: 4 })).toBe(7);
    // A priority walk-in counts against its own quota when there is one, else it shares the walk-in places.
    expect(priorityRemaining({ walkIns: 5, priorityWalkIns: 2 }, { walkIn: 10, priority: 4 })).toBe(2);
    expect(priorityRemaining({ walkIns: 5, priorityWalkIns: 2 }, { walkIn: 10, priority: null })).toBe(5);
    expect(priorityRemaining({ walkIns: 5, priorityWalkIns: 2 }, { walkIn: null, priority: null })).toBeNull();
    expect(priorityRemaining({ walkIns: 5, priorityWalkIns: 2 }, { walkIn: null, priority: 1 })).toBe(0);
    expect(walkInRemaining({ walkIns: 12, priorityWalkIns: 0 }, { walkIn: 10, priority: null })).toBe(0);
    expect(walkInRemaining(none, { walkIn: null, priority: 3 })).toBeNull();
  });
});

describe('the roll-over of unbooked online places', () => {
  const q = quota({ online: 40, walkIn: 100, onlineRolloverAt: '12:00' });
  // 2026-12-04 in Jakarta (UTC+7): 11:59 and 12:00 local.
  const before = new Date('2026-12-04T04:59:59Z');
  const at = new Date('2026-12-04T05:00:00Z');

  it('comes at its hour, office time, on that day only', () => {
    expect(rolledOver(q, before, 'Asia/Jakarta', '2026-12-04')).toBe(false);
    expect(rolledOver(q, at, 'Asia/Jakarta', '2026-12-04')).toBe(true);
    expect(rolledOver(q, at, 'Asia/Jakarta', '2026-12-05')).toBe(false);
    expect(rolledOver(quota({ online: 40, walkIn: 100 }), at, 'Asia/Jakarta', '2026-12-04')).toBe(false);
  });

  it('adds the online places nobody booked to the walk-in places', () => {
    expect(walkInLimits(q, { passed: false, onlineBooked: 25 })).toEqual({ walkIn: 100, priority: null });
    expect(walkInLimits(q, { passed: true, onlineBooked: 25 })).toEqual({ walkIn: 115, priority: null });
    expect(walkInLimits(q, { passed: true, onlineBooked: 45 })).toEqual({ walkIn: 100, priority: null });
    // No walk-in limit: nothing to grow. No online quota: no counted places to give.
    expect(walkInLimits(quota({ online: 40, onlineRolloverAt: '12:00' }), { passed: true, onlineBooked: 0 }).walkIn).toBeNull();
    expect(walkInLimits(quota({ walkIn: 100, onlineRolloverAt: '12:00' }), { passed: true, onlineBooked: 0 }).walkIn).toBe(100);
  });
});
