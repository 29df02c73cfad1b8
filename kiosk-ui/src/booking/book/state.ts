import type { OfficeDetail, OfficeSummary, ServiceView, WaitlistJoined } from '@giliran/contracts';
import type { FieldProblem } from '../../../../ui-shared/api';
import { errorText, t, type Key } from '../i18n';
import type { Text } from '../layout';
import { withDay } from '../dates';
import type { AppointmentView, DayView, NewAppointment, SlotView } from '../types';

// The booking wizard's state and its pure updates: no DOM, no history, no network.

export type Step = 'office' | 'service' | 'day' | 'slot' | 'details' | 'done';
export type FieldName = 'name' | 'nik' | 'phone' | 'email';
export type FieldErrors = Partial<Record<FieldName, Key>>;
export type Locale = 'id' | 'en';

export const NAME_MAX = 100;
const NAME_MIN = 2;
const PHONE = /^\+?[0-9 -]{8,20}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The submission in flight or last failed, with its key: the same body is retried with the same key. */
export interface Attempt {
  json: string;
  body: NewAppointment;
  key: string;
  unresolved: boolean;
}

/** The waiting room the booking is going through (a day just released). */
export interface RoomView {
  /** This wait; a newer one (or none) stops it. */
  run: symbol;
  phase: 'preparing' | 'waiting';
  /** Passes before this one not yet admitted, plus one. */
  position: number;
  estimatedAdmitAt: string | null;
  /** The last question went unanswered: the place is kept, asked again. */
  offline: boolean;
}

export interface BookState {
  step: Step;
  /** The office came with the link (`?office=`) or is the only one: no office step. */
  officeFixed: boolean;
  officeId: string | null;
  offices: OfficeSummary[] | null;
  office: OfficeDetail | null;
  service: ServiceView | null;
  days: DayView[] | null;
  daysAt: number;
  date: string | null;
  slot: SlotView | null;
  failed: boolean;
  form: { name: string; nik: string; phone: string; email: string; locale: Locale };
  /** Reminders follow the page's language until the citizen picks one for them. */
  localeChosen: boolean;
  fieldErrors: FieldErrors;
  notice: Text | null;
  busy: boolean;
  resending: boolean;
  attempt: Attempt | null;
  booking: AppointmentView | null;
  /** The details step is for the waitlist of `date` (a full day), not a slot. */
  waitFor: boolean;
  /** The waitlist entry made, shown on the last step. */
  joined: WaitlistJoined | null;
  room: RoomView | null;
  /** The waiting room's admission, good for one booking until `expiresAt`. */
  admission: { token: string; expiresAt: string } | null;
}

export function initialState(officeParam: string | null, lang: Locale): BookState {
  return {
    step: officeParam ? 'service' : 'office',
    officeFixed: Boolean(officeParam),
    officeId: officeParam,
    offices: null,
    office: null,
    service: null,
    days: null,
    daysAt: 0,
    date: null,
    slot: null,
    failed: false,
    form: { name: '', nik: '', phone: '', email: '', locale: lang },
    localeChosen: false,
    fieldErrors: {},
    notice: null,
    busy: false,
    resending: false,
    attempt: null,
    booking: null,
    waitFor: false,
    joined: null,
    room: null,
    admission: null,
  };
}

export function stepsOf(state: BookState): Step[] {
  return state.officeFixed ? ['service', 'day', 'slot', 'details'] : ['office', 'service', 'day', 'slot', 'details'];
}

export function chosenDay(state: BookState): DayView | null {
  return state.days?.find((d) => d.date === state.date) ?? null;
}

/** The furthest step at or before `wanted` whose data is there (after a stray back/forward). */
export function reachable(state: BookState, wanted: Step): Step {
  if (wanted === 'done') return state.booking || state.joined ? 'done' : reachable(state, 'details');
  const ok: Record<Step, boolean> = {
    office: true,
    service: state.officeFixed || Boolean(state.office),
    day: Boolean(state.office && state.service),
    slot: Boolean(state.office && state.service && state.date),
    details: Boolean(state.office && state.service && (state.slot || (state.waitFor && state.date))),
    done: Boolean(state.booking || state.joined),
  };
  const order = stepsOf(state);
  let i = Math.max(0, order.indexOf(wanted));
  while (i > 0 && !ok[order[i]!]) i--;
  return order[i]!;
}

// ---- choosing ----------------------------------------------------------------------------------

/** Another office forgets what was chosen at the old one. */
export function officePicked(state: BookState, office: OfficeSummary): BookState {
  if (state.office?.id === office.id) return state;
  return { ...state, office: null, service: null, days: null, date: null, slot: null };
}

export function servicePicked(state: BookState, service: ServiceView): BookState {
  if (state.service?.id === service.id) return state;
  return { ...state, service, days: null, date: null, slot: null };
}

export function dayPicked(state: BookState, day: DayView): BookState {
  return { ...state, date: day.date, slot: state.date !== day.date ? null : state.slot, waitFor: false };
}

export function slotPicked(state: BookState, slot: SlotView): BookState {
  return { ...state, slot, waitFor: false };
}

/** A full day chosen to wait for: the details step asks who waits. */
export function waitingChosen(state: BookState, day: DayView): BookState {
  return { ...state, date: day.date, slot: null, waitFor: true };
}

/** The waitlist's body: the day and the citizen, as the booking form has them. */
export function waitlistBody(state: BookState) {
  const { citizen, locale } = citizenOf(state);
  return { officeId: state.office!.id, serviceId: state.service!.id, date: state.date!, citizen, locale };
}

// ---- loading -----------------------------------------------------------------------------------

/** The office's details arrived; a chosen service it no longer offers is dropped. */
export function officeLoaded(state: BookState, office: OfficeDetail): BookState {
  const only = office.services.filter((s) => s.active);
  const service = state.service && !only.some((s) => s.id === state.service!.id) ? null : state.service;
  return { ...state, office, service };
}

/** A stale or mistyped `?office=` link: the list of offices instead. */
export function officeLinkBroken(state: BookState): BookState {
  return { ...state, officeFixed: false, office: null, step: 'office', notice: () => t('err.NOT_FOUND') };
}

/** One day asked again: the list shows what is really left. */
export function dayRefreshed(state: BookState, date: string, fresh: DayView | null): BookState {
  return { ...state, days: withDay(state.days, date, fresh) };
}

// ---- the details form --------------------------------------------------------------------------

/** A field typed in; its message goes once the citizen changes it. */
export function typed(state: BookState, key: FieldName, value: string): BookState {
  const fieldErrors = { ...state.fieldErrors };
  delete fieldErrors[key];
  return { ...state, form: { ...state.form, [key]: value }, fieldErrors };
}

export function localeChosen(state: BookState, locale: Locale): BookState {
  return { ...state, form: { ...state.form, locale }, localeChosen: true };
}

export function pageLanguageChanged(state: BookState, lang: Locale): BookState {
  return state.localeChosen ? state : { ...state, form: { ...state.form, locale: lang } };
}

export function validate(form: BookState['form']): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name.length < NAME_MIN || name.length > NAME_MAX) errors.name = 'v.name';
  if (!/^\d{16}$/.test(form.nik)) errors.nik = 'v.nik';
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) errors.phone = 'v.phone';
  if (form.email.trim() && (!EMAIL.test(form.email.trim()) || form.email.trim().length > 120)) errors.email = 'v.email';
  return errors;
}

/** What is sent for the chosen office, service and slot; call only when all three are there. */
export function appointmentBody(state: BookState): NewAppointment {
  return { officeId: state.office!.id, serviceId: state.service!.id, start: state.slot!.start, ...citizenOf(state) };
}

function citizenOf(state: BookState): Pick<NewAppointment, 'citizen' | 'locale'> {
  const f = state.form;
  return {
    citizen: {
      name: f.name.trim().replace(/\s+/g, ' '),
      nik: f.nik,
      ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
      ...(f.email.trim() ? { email: f.email.trim() } : {}),
    },
    locale: f.locale,
  };
}

export function booked(state: BookState, booking: AppointmentView, fromEarlier: boolean): BookState {
  return {
    ...state,
    booking,
    attempt: null,
    step: 'done',
    busy: false,
    notice: fromEarlier ? () => t('earlierBooked') : null,
  };
}

/** What a refused or unanswered submission leads to. */
export interface Failure {
  state: BookState;
  /** The step to go back to, with its message; null: stay on the form. */
  back: { step: Step; message: Text } | null;
  /** The office's services are asked again (one was switched off or removed). */
  reloadOffice: boolean;
}

export function failure(before: BookState, code: string, fields: FieldProblem[]): Failure {
  const state: BookState = { ...before, busy: false };
  const back = (step: Step, message: Text) => ({ step, message });
  switch (code) {
    case 'SLOT_FULL':
    case 'SLOT_UNAVAILABLE':
      return { state: { ...state, slot: null }, back: back('slot', () => errorText(code)), reloadOffice: false };
    case 'QUOTA_REACHED':
    case 'NOT_YET_RELEASED':
      return { state: { ...state, slot: null, daysAt: 0 }, back: back('day', () => errorText(code)), reloadOffice: false };
    case 'SERVICE_INACTIVE':
    case 'NOT_FOUND':
      // Switched off, or removed meanwhile (with its office perhaps): choose again from a fresh list,
      // and never from the old one that still offers it while the fresh one is on its way.
      return {
        state: {
          ...state,
          service: null,
          office: state.office && { ...state.office, services: state.office.services.filter((s) => s.id !== state.service?.id) },
        },
        back: back('service', () => errorText(code)),
        reloadOffice: true,
      };
    case 'INVALID_NIK':
      return { state: { ...state, fieldErrors: { nik: 'err.INVALID_NIK' } }, back: null, reloadOffice: false };
    case 'VALIDATION_FAILED':
      return validationFailure(state, fields);
    default:
      // DUPLICATE_BOOKING, RATE_LIMITED, NETWORK_ERROR, 5xx: stay, keep what was typed.
      return { state: { ...state, notice: () => errorText(code) }, back: null, reloadOffice: false };
  }
}

function validationFailure(state: BookState, fields: FieldProblem[]): Failure {
  const errors: FieldErrors = {};
  for (const f of fields) {
    const name = f.field.replace(/^citizen\./, '');
    if (name === 'name' || name === 'nik' || name === 'phone' || name === 'email') errors[name] = `v.${name}`;
    else if (name === 'start') return { state: { ...state, slot: null }, back: { step: 'slot', message: () => t('v.start') }, reloadOffice: false };
  }
  return { state: { ...state, fieldErrors: errors, notice: () => errorText('VALIDATION_FAILED') }, back: null, reloadOffice: false };
}
