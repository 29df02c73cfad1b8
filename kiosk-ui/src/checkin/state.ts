import { normaliseCode } from '../booking-code';
import type { TextKey } from './text';

// The check-in screen's state and its pure updates: no DOM, no camera, no network.

export type Message = { kind: 'error' | 'info'; key: TextKey } | null;

export interface CheckInState {
  code: string;
  busy: boolean;
  message: Message;
  /** The server's refusal of the last try, with its detail (when check-in opens). */
  lastError: { code: string; detail: string } | null;
  scanning: boolean;
}

export function initialState(): CheckInState {
  return { code: '', busy: false, message: null, lastError: null, scanning: false };
}

/** Another code typed or scanned: the old complaint no longer applies. */
export function codeChanged(state: CheckInState, code: string): CheckInState {
  return { ...state, code, lastError: null, message: state.message?.kind === 'error' ? null : state.message };
}

/** The code after a key of the on-screen keyboard. */
export function afterKey(code: string, key: string): string {
  if (key === 'back') return code.slice(0, -1);
  if (key === 'clear') return '';
  return normaliseCode(code + key);
}

/** Messages cleared for a new try (a submission or a scan). */
export function cleared(state: CheckInState): CheckInState {
  return { ...state, lastError: null, message: null };
}

export function submitted(state: CheckInState): CheckInState {
  return { ...cleared(state), busy: true };
}

export function refused(state: CheckInState, lastError: { code: string; detail: string }): CheckInState {
  return { ...state, lastError, busy: false };
}
