import type { TrackingView } from '@giliran/contracts';

// The tracking page's state and its pure updates: no DOM, no timers, no network.

export type View = { kind: 'loading' } | { kind: 'notFound' } | { kind: 'failed' } | { kind: 'ticket'; ticket: TrackingView };

export interface TrackState {
  view: View;
  /** The socket is connected (or has not failed yet). */
  online: boolean;
  /** The status last shown, to buzz only when the ticket becomes called. */
  lastStatus: string | null;
  /** `ticket.near` received: shown until the ticket is called. */
  near: { position: number } | null;
}

export function initialState(): TrackState {
  return { view: { kind: 'loading' }, online: true, lastStatus: null, near: null };
}

/** The ticket has just been called (not at the first paint, not again on a repeat). */
export function calledNow(state: TrackState, ticket: TrackingView): boolean {
  return ticket.status === 'called' && state.lastStatus !== null && state.lastStatus !== 'called';
}

export function shown(state: TrackState, ticket: TrackingView): TrackState {
  return { ...state, lastStatus: ticket.status, near: ticket.status !== 'waiting' ? null : state.near, view: { kind: 'ticket', ticket } };
}

/** A ticket that can still move: the page checks on it when the socket goes quiet. */
export function stillMoving(ticket: TrackingView): boolean {
  return ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'serving';
}

export function loadFailed(state: TrackState, code: string): TrackState {
  if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') return { ...state, view: { kind: 'notFound' } };
  return state.view.kind === 'ticket' ? state : { ...state, view: { kind: 'failed' } };
}
