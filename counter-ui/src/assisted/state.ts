// "Booking untuk warga" as data: the slots on offer, the officer's choice and the request in
// flight, changed only through `reduce`; and the checks on what the officer typed. No DOM.
import type { Availability } from '@giliran/contracts';
import { t } from '../i18n';

export interface AssistedState {
  zone: string;
  availability: Availability | null;
  loadError: string | null;
  day: string;
  /** The chosen slot's start. */
  chosen: string | null;
  /** Counts the slot loads: only the answer to the latest one is shown. */
  generation: number;
  /** Kept for a retry of the very same request after the network failed; new otherwise. */
  pending: { key: string; body: string } | null;
}

export type AssistedAction =
  | { type: 'loading' }
  | { type: 'loaded'; availability: Availability }
  | { type: 'load-failed'; error: string }
  | { type: 'day'; day: string }
  | { type: 'slot'; start: string }
  | { type: 'sending'; key: string; body: string }
  | { type: 'sent' };

export function initialState(zone: string): AssistedState {
  return { zone, availability: null, loadError: null, day: '', chosen: null, generation: 0, pending: null };
}

export function reduce(state: AssistedState, action: AssistedAction): AssistedState {
  switch (action.type) {
    case 'loading':
      return { ...state, generation: state.generation + 1, availability: null, loadError: null, chosen: null };
    case 'loaded': {
      const { availability } = action;
      return { ...state, availability, zone: availability.timezone || state.zone, day: pickDay(availability.days, state.day) };
    }
    case 'load-failed':
      return { ...state, loadError: action.error, day: pickDay([], state.day) };
    case 'day':
      return { ...state, day: action.day, chosen: null };
    case 'slot':
      return { ...state, chosen: action.start };
    case 'sending':
      return { ...state, pending: { key: action.key, body: action.body } };
    case 'sent':
      return { ...state, pending: null };
  }
}

/** The day shown stays if it is still on offer; else the first with a free slot, else the first. */
function pickDay(days: Availability['days'], day: string): string {
  if (days.some((d) => d.date === day)) return day;
  return days.find((d) => d.slots.some((s) => s.remaining > 0))?.date ?? days[0]?.date ?? '';
}

export interface Citizen {
  name: string;
  nik: string;
  phone: string;
}

const NIK = /^\d{16}$/;
const PHONE = /^\+?[0-9 -]{8,20}$/;

/** What the officer typed, as it will be sent. */
export function readCitizen(typed: Citizen): Citizen {
  return { name: typed.name.trim(), nik: typed.nik.replace(/\s+/g, ''), phone: typed.phone.trim() };
}

/** The problems the server would find, named by field; none when the booking can be sent. */
export function problems(chosen: string | null, citizen: Citizen): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  if (!chosen) found.push({ field: 'start', message: t('assistedPickSlot') });
  if (citizen.name.length < 2 || citizen.name.length > 100) found.push({ field: 'citizen.name', message: t('v.name') });
  if (!NIK.test(citizen.nik)) found.push({ field: 'citizen.nik', message: t('v.nik') });
  if (citizen.phone && !PHONE.test(citizen.phone)) found.push({ field: 'citizen.phone', message: t('v.phone') });
  return found;
}

/** The request body as text: the same text again is the same request (and keeps its key). */
export function bookingBody(officeId: string, serviceId: string, start: string | null, citizen: Citizen): string {
  return JSON.stringify({
    officeId,
    serviceId,
    start,
    citizen: { name: citizen.name, nik: citizen.nik, ...(citizen.phone ? { phone: citizen.phone } : {}) },
    locale: 'id',
  });
}

/** The `Idempotency-Key` of a retry of the request in flight, or null for a new request. */
export function retryKey(state: AssistedState, body: string): string | null {
  return state.pending && state.pending.body === body ? state.pending.key : null;
}
