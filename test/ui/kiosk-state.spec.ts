import type { TrackingView } from '@giliran/contracts';
import { afterKey, codeChanged, initialState as checkInStart, refused, submitted } from '../../kiosk-ui/src/checkin/state';
import { calledNow, initialState as trackStart, loadFailed, shown, stillMoving } from '../../kiosk-ui/src/track/state';
import { initialState as kioskStart, placesFor, placesRead } from '../../kiosk-ui/src/kiosk/state';

// The citizen's pages as data: the tracking page (kiosk-ui/src/track/state.ts) and check-in at the
// kiosk (kiosk-ui/src/checkin/state.ts).

const ticket = (status: TrackingView['status'], position = 3): TrackingView => ({
  number: 'A-007',
  status,
  position,
  estimatedWaitMinutes: 10,
  counterName: status === 'waiting' ? null : 'Loket 1',
  serviceName: 'Layanan A',
  officeName: 'Kantor',
});

describe('the tracking page state', () => {
  it('buzzes once, when the ticket becomes called: not at the first paint of a called ticket, not on a repeat', () => {
    const first = trackStart();
    expect(calledNow(first, ticket('called'))).toBe(false);
    const waiting = shown(first, ticket('waiting'));
    expect(calledNow(waiting, ticket('called'))).toBe(true);
    expect(calledNow(shown(waiting, ticket('called')), ticket('called'))).toBe(false);
  });

  it('shows "your turn is near" until the ticket is called', () => {
    const near = { ...shown(trackStart(), ticket('waiting')), near: { position: 2 } };
    expect(shown(near, ticket('waiting', 2)).near).toEqual({ position: 2 });
    expect(shown(near, ticket('called')).near).toBeNull();
  });

  it('keeps the ticket on screen when a check fails for a moment, and says "not found" only for a ticket that is not there', () => {
    const onScreen = shown(trackStart(), ticket('waiting'));
    expect(loadFailed(onScreen, 'NETWORK_ERROR')).toBe(onScreen);
    expect(loadFailed(trackStart(), 'NETWORK_ERROR').view).toEqual({ kind: 'failed' });
    expect(loadFailed(onScreen, 'NOT_FOUND').view).toEqual({ kind: 'notFound' });
  });

  it('keeps checking a ticket that can still move, and stops for one that is over', () => {
    expect(['waiting', 'called', 'serving'].map((s) => stillMoving(ticket(s as TrackingView['status'])))).toEqual([true, true, true]);
    expect(['done', 'no_show', 'cancelled'].map((s) => stillMoving(ticket(s as TrackingView['status'])))).toEqual([false, false, false]);
  });
});

describe('the check-in state', () => {
  it('takes only the characters of a booking code from the on-screen keys, at most eight', () => {
    expect(afterKey('K7M2', 'q')).toBe('K7M2Q');
    // 0, O, 1, I and L are never in a code: a key for them does nothing.
    expect(afterKey('K7M2', 'O')).toBe('K7M2');
    expect(afterKey('K7M2QX9P', 'A')).toBe('K7M2QX9P');
    expect(afterKey('K7M2', 'back')).toBe('K7M');
    expect(afterKey('K7M2', 'clear')).toBe('');
  });

  it("drops the server's complaint once another code is typed, and keeps an information line", () => {
    const wrong = refused(submitted(checkInStart()), { code: 'APPOINTMENT_NOT_FOUND', detail: '' });
    expect(wrong.busy).toBe(false);
    const typing = codeChanged({ ...wrong, message: { kind: 'error', key: 'scanNotCode' } }, 'K7M2');
    expect(typing).toMatchObject({ code: 'K7M2', lastError: null, message: null });
    const info = { kind: 'info' as const, key: 'scanHint' as const };
    expect(codeChanged({ ...wrong, message: info }, 'K7').message).toBe(info);
  });
});

describe('the kiosk start screen state', () => {
  it('shows the places left of the ticket about to be taken: priority places while the priority switch is on', () => {
    const service = (serviceId: string, walkInRemaining: number | null, priorityRemaining: number | null) => ({
      serviceId,
      prefix: 'A',
      name: 'Layanan',
      waiting: 0,
      estimatedWaitMinutes: null,
      walkInRemaining,
      priorityRemaining,
    });
    const board = { services: [service('a', 12, 2), service('b', null, null), service('c', null, 3)] };
    const read = placesRead(kioskStart('office'), board as never);
    expect([placesFor(read, 'a'), placesFor(read, 'b'), placesFor(read, 'c')]).toEqual([12, undefined, undefined]);
    const priority = { ...read, priority: true };
    expect([placesFor(priority, 'a'), placesFor(priority, 'b'), placesFor(priority, 'c')]).toEqual([2, undefined, 3]);
  });
});
