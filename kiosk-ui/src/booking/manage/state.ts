import type { OfficeDetail, WaitlistView } from '@giliran/contracts';
import { withDay } from '../dates';
import type { Text } from '../layout';
import type { AppointmentView, DayView, SlotView } from '../types';

// The manage page's state and its pure updates: no DOM, no history, no network.

/** The page itself, then the reschedule steps: one history entry each. */
export type Mode = 'view' | 'day' | 'slot' | 'confirm';
export const MODES: Mode[] = ['view', 'day', 'slot', 'confirm'];

export interface Notice {
  text: Text;
  kind: 'error' | 'ok' | 'info';
}

export interface ManageState {
  /** `waitlist`: the link is a waitlist entry's, not a booking's. */
  view: 'loading' | 'notFound' | 'failed' | 'ready' | 'waitlist';
  appointment: AppointmentView | null;
  entry: WaitlistView | null;
  office: OfficeDetail | null;
  mode: Mode;
  days: DayView[] | null;
  daysFailed: boolean;
  date: string | null;
  slot: SlotView | null;
  notice: Notice | null;
  busy: boolean;
}

export function initialState(token: string | null): ManageState {
  return {
    view: token ? 'loading' : 'notFound',
    appointment: null,
    entry: null,
    office: null,
    mode: 'view',
    days: null,
    daysFailed: false,
    date: null,
    slot: null,
    notice: null,
    busy: false,
  };
}

/** The step a history entry asks for, or the nearest one before it whose data is there. */
export function reachableMode(state: ManageState, wanted: Mode): Mode {
  if (state.appointment?.status !== 'booked') return 'view';
  if (wanted === 'slot' && !state.date) return 'day';
  if (wanted === 'confirm' && !state.slot) return state.date ? 'slot' : 'day';
  return wanted;
}

/** The booking read; a failure keeps what is shown unless the booking is gone. */
export function loaded(state: ManageState, appointment: AppointmentView, office: OfficeDetail): ManageState {
  return { ...state, appointment, office, view: 'ready' };
}

export function loadFailed(state: ManageState, code: string): ManageState {
  if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED') return { ...state, view: 'notFound' };
  return state.appointment ? state : { ...state, view: 'failed' };
}

export function rescheduleStarted(state: ManageState): ManageState {
  return { ...state, notice: null, days: null, date: null, slot: null };
}

export function dayChosen(state: ManageState, day: DayView): ManageState {
  return { ...state, date: day.date, slot: null, notice: null };
}

export function slotChosen(state: ManageState, slot: SlotView): ManageState {
  return { ...state, slot, notice: null };
}

export function dayRefreshed(state: ManageState, date: string, fresh: DayView | null): ManageState {
  return { ...state, days: withDay(state.days, date, fresh) };
}
