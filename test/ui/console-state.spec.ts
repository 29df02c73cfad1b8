import type { CounterBoard, CounterView, QueueBoard, ServiceBoard, ServiceView, StaffTicketView } from '@giliran/contracts';
import {
  CALL_LOCKOUT_MS,
  controls,
  initialState,
  merge,
  reduce,
  waitingGroups,
  type ConsoleAction,
  type ConsoleState,
} from '../../counter-ui/src/console/state';
import type { OfficeFull } from '../../counter-ui/src/session';

// The officer's console as data (counter-ui/src/console/state.ts): what its buttons allow and what
// its lists say follow from the state alone, so they are checked here without a browser.

const A = 'svc-a';
const B = 'svc-b';
const K1 = 'counter-1';
const K2 = 'counter-2';

function service(id: string, prefix: string): ServiceView {
  return {
    id,
    officeId: 'office',
    code: prefix,
    prefix,
    name: `Layanan ${prefix}`,
    slotMinutes: 15,
    slotCapacity: 1,
    bookingWindowDays: 14,
    dailyTicketQuota: null,
    quota: { online: null, walkIn: null, priority: null },
    onlineRolloverAt: null,
    release: null,
    waitingRoom: null,
    checkInBeforeMinutes: 30,
    checkInAfterMinutes: 15,
    active: true,
    description: null,
    requirements: [],
    expectedServiceMinutes: 5,
    sortOrder: 0,
  };
}

function counter(id: string, serviceIds: string[], status: CounterView['status'] = 'open'): CounterView {
  return { id, officeId: 'office', name: id, serviceIds, status, officerId: null, currentTicketId: null, sortOrder: 0 };
}

// Counter 1 calls B before A (its service preference).
const office = { id: 'office', name: 'Kantor', services: [service(A, 'A'), service(B, 'B')], counters: [counter(K1, [B, A]), counter(K2, [A])] } as OfficeFull;

function board(counters: CounterBoard[], services: ServiceBoard[] = []): QueueBoard {
  return {
    officeId: 'office',
    seq: 1,
    businessDate: '2026-12-04',
    services,
    counters,
    recentCalls: [],
    officeName: 'Kantor',
    timezone: 'Asia/Jakarta',
    announcements: [],
    voiceLocale: 'id',
  };
}

function waitingTicket(id: string, serviceId: string): StaffTicketView {
  return {
    id,
    number: id,
    serviceId,
    status: 'waiting',
    priority: 'regular',
    position: 1,
    estimatedWaitMinutes: null,
    issuedAt: '2026-12-04T03:00:00Z',
    businessDate: '2026-12-04',
    channel: 'kiosk',
    recallCount: 0,
  };
}

const run = (...actions: ConsoleAction[]): ConsoleState => actions.reduce(reduce, initialState(K1));
const atCounter = (...actions: ConsoleAction[]) => run({ type: 'office-loaded', office }, { type: 'counter-status', status: 'open' }, ...actions);

describe('the console state', () => {
  it('holds back "complete and call next" for a moment after a call, so a second Enter completes nothing unserved', () => {
    const calledAt = 1_000_000;
    const s = atCounter({ type: 'current', current: { id: 't1', number: 'A-001', status: 'called' }, calledAt });
    expect(controls(s, calledAt + 200)['complete-and-next']).toEqual({ hidden: false, disabled: true });
    expect(controls(s, calledAt + CALL_LOCKOUT_MS)['complete-and-next']).toEqual({ hidden: false, disabled: false });
    // The call button gives way to it while a ticket is in hand.
    expect(controls(s, calledAt + CALL_LOCKOUT_MS)['call-next']).toEqual({ hidden: true, disabled: true });
  });

  it('calls only at an open counter with nothing in hand and no request in flight', () => {
    expect(controls(atCounter(), 0)['call-next'].disabled).toBe(false);
    expect(controls(atCounter({ type: 'busy', busy: true }), 0)['call-next'].disabled).toBe(true);
    expect(controls(atCounter({ type: 'counter-status', status: 'paused' }), 0)['call-next'].disabled).toBe(true);
    expect(controls(run({ type: 'office-loaded', office }, { type: 'counter-chosen', counterId: null }), 0)['call-next'].disabled).toBe(true);
  });

  it('keeps the later status of a ticket when an HTTP answer and a socket event race', () => {
    const serving = { id: 't1', number: 'A-001', status: 'serving' as const, recallCount: 1 };
    expect(merge(serving, { id: 't1', number: 'A-001', status: 'called' })).toBe(serving);
    expect(merge({ id: 't1', number: 'A-001', status: 'called' }, serving)).toEqual(serving);
    // Details arriving later fill in what the board did not say, without undoing the status.
    expect(merge(serving, { id: 't1', number: 'A-001', status: 'serving', serviceId: B })).toEqual({ ...serving, serviceId: B });
    expect(merge(serving, { id: 't2', number: 'A-002', status: 'called' }).id).toBe('t2');
  });

  it('lets go of the ticket in hand when the board says the counter holds nothing (finished elsewhere)', () => {
    const inHand = atCounter({ type: 'current', current: { id: 't1', number: 'A-001', status: 'serving' } });
    const entry: CounterBoard = { counterId: K1, name: K1, status: 'open', nowServing: null };
    expect(reduce(inHand, { type: 'board-changed', board: board([entry]), snapshot: false }).current).toBeNull();
    // Another counter's entry changes nothing here.
    const other: CounterBoard = { counterId: K2, name: K2, status: 'open', nowServing: null };
    expect(reduce(inHand, { type: 'board-changed', board: board([other]), snapshot: false }).current?.id).toBe('t1');
  });

  it('takes a called ticket off the waiting list at once, before the list is asked again', () => {
    const listed = atCounter({ type: 'waiting-loaded', tickets: [waitingTicket('t1', A), waitingTicket('t2', A)], forCounter: K1 });
    const called = reduce(listed, { type: 'current', current: { id: 't1', number: 't1', status: 'called' }, calledAt: 5 });
    expect(called.waiting?.map((t) => t.id)).toEqual(['t2']);
    expect(called.calledAt).toBe(5);
  });

  it("groups the waiting list by service, this counter's services first in its call order", () => {
    const tickets = [waitingTicket('a1', A), waitingTicket('b1', B), waitingTicket('a2', A)];
    const services: ServiceBoard[] = [
      { serviceId: A, prefix: 'A', name: 'Layanan A', waiting: 2, estimatedWaitMinutes: null, walkInRemaining: null, priorityRemaining: null },
      { serviceId: B, prefix: 'B', name: 'Layanan B', waiting: 1, estimatedWaitMinutes: null, walkInRemaining: null, priorityRemaining: null },
    ];
    const s = atCounter({ type: 'board-changed', board: board([], services), snapshot: true }, { type: 'waiting-loaded', tickets, forCounter: K1 });
    const groups = waitingGroups(s);
    expect(groups.services.map((x) => x.prefix)).toEqual(['B', 'A']);
    expect(groups.byService.get(A)?.map((t) => t.id)).toEqual(['a1', 'a2']);
    expect(groups.total).toBe(3);
    // The list was asked for this counter: it is the counter's call order.
    expect(groups.order.map((t) => t.id)).toEqual(['a1', 'b1', 'a2']);
    // Listed for the whole office, or for another counter: no call order is claimed.
    expect(waitingGroups(reduce(s, { type: 'waiting-loaded', tickets, forCounter: null })).order).toEqual([]);
    expect(waitingGroups(reduce(s, { type: 'counter-chosen', counterId: K2 })).order).toEqual([]);
  });

  it('forgets a remembered counter the office no longer has', () => {
    const s = reduce(initialState('deleted-counter'), { type: 'office-loaded', office });
    expect(s.counterId).toBeNull();
    expect(reduce(initialState(K2), { type: 'office-loaded', office }).counterId).toBe(K2);
  });
});
