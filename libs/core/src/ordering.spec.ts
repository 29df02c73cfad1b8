import {
  type QueuedTicket,
  SortClass,
  compareForCounter,
  effectiveClass,
  inListOrder,
  nextForCounter,
  positionInService,
  sortClassOf,
  starvationCutoff,
} from './ordering';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 1, minute));
const t = (id: string, serviceId: string, sortClass: number, minute: number, sequence = 1): QueuedTicket => ({
  id,
  serviceId,
  sortClass,
  sortAt: at(minute),
  sequence,
});

describe('queue ordering', () => {
  it('classes: priority, then checked-in appointments, then regular walk-ins', () => {
    expect(sortClassOf('priority')).toBe(SortClass.Priority);
    expect(sortClassOf('regular', true)).toBe(SortClass.Appointment);
    expect(sortClassOf('regular')).toBe(SortClass.Regular);
  });

  it('serves priority first, then the preferred service, then arrival', () => {
    const waiting = [t('r-a-early', 'A', 2, 1), t('r-b-late', 'B', 2, 5), t('p-a-late', 'A', 0, 9), t('r-b-early', 'B', 2, 0), t('appt-a', 'A', 1, 20)];
    const order = [...waiting].sort(compareForCounter(['B', 'A'])).map((x) => x.id);
    expect(order).toEqual(['p-a-late', 'appt-a', 'r-b-early', 'r-b-late', 'r-a-early']);
  });

  it('at the same instant, the smaller number first, whatever the ids (a burst of kiosks, one slot’s check-ins)', () => {
    const burst = [t('ffff', 'A', 2, 5, 12), t('0000', 'A', 2, 5, 6), t('8888', 'A', 2, 5, 9)];
    expect([...burst].sort(compareForCounter(['A'])).map((x) => x.sequence)).toEqual([6, 9, 12]);
    expect(positionInService(burst[0], burst)).toBe(3);
    // Time still comes first: an earlier ticket with a larger number goes before.
    expect(nextForCounter([t('a', 'A', 2, 6, 1), t('b', 'A', 2, 5, 99)], ['A'])?.id).toBe('b');
  });

  it('ignores services the counter does not serve, and says when nothing waits', () => {
    const waiting = [t('c1', 'C', 0, 0), t('a1', 'A', 2, 3)];
    expect(nextForCounter(waiting, ['A'])?.id).toBe('a1');
    expect(nextForCounter(waiting, ['B'])).toBeNull();
  });

  it('breaks exact ties by id so every counter agrees', () => {
    const tie = [t('b', 'A', 2, 1), t('a', 'A', 2, 1)];
    expect(nextForCounter(tie, ['A'])?.id).toBe('a');
  });

  describe('starvation guard', () => {
    const guard = { now: at(50), minutes: 30 };
    it('serves a regular ticket waiting past the limit before priority tickets that came after it', () => {
      const waiting = [t('p-late', 'A', 0, 40), t('r-starved', 'A', 2, 10), t('r-fresh', 'A', 2, 30), t('p-early', 'A', 0, 5)];
      expect([...waiting].sort(compareForCounter(['A'], guard)).map((x) => x.id)).toEqual(['p-early', 'r-starved', 'p-late', 'r-fresh']);
    });
    it('counts exactly the limit as starved, and one minute less as not', () => {
      expect(effectiveClass(t('x', 'A', 2, 20), guard)).toBe(SortClass.Priority);
      expect(effectiveClass(t('y', 'A', 2, 21), guard)).toBe(SortClass.Regular);
      expect(starvationCutoff(guard).toISOString()).toBe(at(20).toISOString());
    });
    it('changes nothing without a guard', () => {
      expect(effectiveClass(t('z', 'A', 2, 0))).toBe(SortClass.Regular);
    });
  });

  it('computes a position within the ticket’s service', () => {
    const waiting = [t('a1', 'A', 2, 0), t('b1', 'B', 2, 1), t('a2', 'A', 2, 2), t('pa', 'A', 0, 3)];
    expect(positionInService(waiting[2], waiting)).toBe(3);
    expect(positionInService(waiting[3], waiting)).toBe(1);
  });
});

describe('list order of services and counters', () => {
  const named = (name: string, sortOrder = 0) => ({ name, sortOrder });
  it('orders names naturally: Loket 2, 7, 10, 11, not as text', () => {
    const counters = ['Loket 10', 'Loket 2', 'Loket 11', 'Loket 7'].map((n) => named(n));
    expect(counters.sort(inListOrder).map((c) => c.name)).toEqual(['Loket 2', 'Loket 7', 'Loket 10', 'Loket 11']);
  });
  it('puts sortOrder first, then the name', () => {
    const list = [named('Loket 1', 5), named('Prioritas', 1), named('Loket 3', 5), named('Informasi', 0)];
    expect(list.sort(inListOrder).map((c) => c.name)).toEqual(['Informasi', 'Prioritas', 'Loket 1', 'Loket 3']);
  });
});
