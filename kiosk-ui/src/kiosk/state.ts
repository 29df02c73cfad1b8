import type { OfficeDetail, QueueBoard, ServiceView, TicketView } from '@giliran/contracts';
import type { CheckInScreen } from '../checkin';

// The walk-in kiosk's state and its pure updates: no DOM, no timers, no network.

/** How long a printed ticket stays on screen before the next citizen's start screen. */
export const RETURN_AFTER_SECONDS = 20;

export type Screen =
  | { kind: 'loading' }
  | { kind: 'picker' }
  | { kind: 'failed' }
  | { kind: 'start' }
  | { kind: 'checkin'; screen: CheckInScreen }
  | { kind: 'phone'; service: ServiceView; invalid: boolean }
  | { kind: 'ticket'; ticket: TicketView; service: ServiceView; secondsLeft: number; checkedIn: boolean };

export interface KioskState {
  officeId: string | null;
  office: OfficeDetail | null;
  screen: Screen;
  priority: boolean;
  /** The citizen asked for an SMS/WhatsApp message when the turn is near. */
  sms: boolean;
  busy: boolean;
  /** The server's error code of the last failed issue, shown as a kind message. */
  error: string | null;
  /** Regular walk-in places left today per service with a walk-in quota (the board's `walkInRemaining`). */
  placesLeft: Readonly<Record<string, PlacesLeft>>;
}

export function initialState(officeId: string | null): KioskState {
  return { officeId, office: null, screen: { kind: 'loading' }, priority: false, sms: false, busy: false, error: null, placesLeft: {} };
}

/** A service's walk-in places left today, for a regular and for a priority ticket; null = no limit. */
export interface PlacesLeft {
  regular: number | null;
  priority: number | null;
}

/** Whether any of the office's services has a walk-in quota (only then are places left worth asking). */
export function hasWalkInQuota(office: OfficeDetail | null): boolean {
  return !!office?.services.some((s) => s.active && (s.quota.walkIn !== null || s.quota.priority !== null));
}

/** The board's walk-in places left, for the services that have a limit. */
export function placesRead(state: KioskState, board: QueueBoard): KioskState {
  const placesLeft: Record<string, PlacesLeft> = {};
  for (const s of board.services) {
    const left = { regular: s.walkInRemaining ?? null, priority: s.priorityRemaining ?? null };
    if (left.regular !== null || left.priority !== null) placesLeft[s.serviceId] = left;
  }
  return { ...state, placesLeft };
}

/** The places left that the ticket about to be taken counts against: the priority switch decides. */
export function placesFor(state: KioskState, serviceId: string): number | undefined {
  const left = state.placesLeft[serviceId];
  const n = left ? (state.priority ? left.priority : left.regular) : null;
  return n ?? undefined;
}

/** Still starting (or the start failed): the office's details, once read, open the start screen. */
export function starting(state: KioskState): boolean {
  return state.screen.kind === 'loading' || state.screen.kind === 'failed';
}

/** The office could not be read: a gone one is forgotten, a first failure says so. */
export function officeFailed(state: KioskState, code: string): KioskState {
  if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') return { ...state, officeId: null, screen: { kind: 'picker' } };
  return state.office ? state : { ...state, screen: { kind: 'failed' } };
}

export function officeChosen(state: KioskState, officeId: string): KioskState {
  return { ...state, officeId, screen: { kind: 'loading' } };
}

export function officeForgotten(state: KioskState): KioskState {
  return { ...state, officeId: null, office: null, screen: { kind: 'picker' } };
}

/** Every citizen starts afresh, with nothing left switched on. */
export function startedAfresh(state: KioskState): KioskState {
  return { ...state, screen: { kind: 'start' }, priority: false, sms: false };
}

export function ticketShown(state: KioskState, ticket: TicketView, service: ServiceView, checkedIn: boolean): KioskState {
  return { ...state, screen: { kind: 'ticket', ticket, service, secondsLeft: RETURN_AFTER_SECONDS, checkedIn } };
}

/** The ticket's countdown, `seconds` left now. */
export function countdownAt(state: KioskState, seconds: number): KioskState {
  const screen = state.screen;
  return screen.kind === 'ticket' ? { ...state, screen: { ...screen, secondsLeft: seconds } } : state;
}

/** The number typed for the near-turn message, without spaces and dashes; null when it is not one. */
export function phoneNumber(typed: string): string | null {
  const value = typed.replace(/[\s-]/g, '');
  return /^\+?[0-9]{8,15}$/.test(value) ? value : null;
}

/** The ticket view needs a service name; a service the office list does not know yet gets none. */
export function fallbackService(id: string, officeId: string): ServiceView {
  return {
    id,
    officeId,
    code: '',
    prefix: '',
    name: '',
    slotMinutes: 0,
    slotCapacity: 0,
    bookingWindowDays: 0,
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
