import type { OfficeDetail, OfficeSummary, WaitlistJoined } from '@giliran/contracts';
import { ApiError, errorCode } from '../../../../ui-shared/api';
import { bookingWindow } from '../dates';
import { availableDays, dayAgain, isTransient, randomId, request, sleep } from '../http';
import { errorText } from '../i18n';
import { focusTitle } from '../layout';
import type { AppointmentView, NewAppointment } from '../types';
import { paintSubmit } from './details-view';
import {
  appointmentBody,
  booked,
  dayPicked,
  dayRefreshed,
  failure,
  localeChosen,
  officeLinkBroken,
  officeLoaded,
  officePicked,
  servicePicked,
  slotPicked,
  typed,
  validate,
  waitingChosen,
  waitlistBody,
  type Step,
} from './state';
import type { BookHandlers } from './handlers';
import type { BookContext } from './context';

export type { BookContext };
import { admissionHeader, throughWaitingRoom } from './waiting-room';

/** Days older than this are asked again when the citizen comes back to the day list. */
const DAYS_FRESH_MS = 30_000;
/** Retries of one submission after no answer, with the same Idempotency-Key. */
const RETRY_DELAYS_MS = [1500, 4000];
/** Times one submission may be sent back to the waiting room (an admission that ran out). */
const ROOM_ENTRIES = 3;

/** What the view's buttons and fields do. */
export function bookHandlers(ctx: BookContext): BookHandlers {
  return {
    retryOffices: () => void loadOffices(ctx),
    retryOffice: () => void loadOffice(ctx, ctx.state.officeId ?? ''),
    retryDays: () => void loadDays(ctx),
    pickOffice: (office) => pickOffice(ctx, office),
    pickService: (service) => {
      ctx.state = servicePicked(ctx.state, service);
      ctx.go('day');
    },
    pickDay: (day) => {
      ctx.state = dayPicked(ctx.state, day);
      ctx.go('slot');
    },
    pickSlot: (slot) => {
      ctx.state = slotPicked(ctx.state, slot);
      ctx.go('details');
    },
    waitForDay: (day) => {
      ctx.state = waitingChosen(ctx.state, day);
      ctx.go('details');
    },
    type: (key, value) => {
      const hadError = Boolean(ctx.state.fieldErrors[key]);
      ctx.state = typed(ctx.state, key, value);
      return hadError;
    },
    chooseLocale: (locale) => {
      ctx.state = localeChosen(ctx.state, locale);
    },
    submit: () => void submit(ctx),
  };
}

/** What a step needs loaded when one arrives at it. */
export function enter(ctx: BookContext, step: Step): void {
  if (step === 'office' && !ctx.state.offices) void loadOffices(ctx);
  if (step === 'day' && (!ctx.state.days || Date.now() - ctx.state.daysAt > DAYS_FRESH_MS)) void loadDays(ctx);
}

function pickOffice(ctx: BookContext, office: OfficeSummary): void {
  ctx.state = officePicked(ctx.state, office);
  history.replaceState({ book: 'office' }, '', `/book?office=${encodeURIComponent(office.id)}`);
  ctx.go('service');
  if (!ctx.state.office) void loadOffice(ctx, office.id);
}

// ---- loading -----------------------------------------------------------------------------------

async function loadOffices(ctx: BookContext): Promise<void> {
  ctx.state = { ...ctx.state, failed: false };
  try {
    const offices = await request<OfficeSummary[]>('/offices');
    ctx.state = { ...ctx.state, offices };
    if (offices.length === 1 && ctx.state.step === 'office') {
      // One office only: it is the office; skip the step.
      ctx.state = { ...ctx.state, officeFixed: true, step: 'service' };
      history.replaceState({ book: 'service' }, '');
      await loadOffice(ctx, offices[0]!.id);
      return;
    }
  } catch {
    ctx.state = { ...ctx.state, failed: true };
  }
  ctx.render();
}

export async function loadOffice(ctx: BookContext, officeId: string): Promise<void> {
  ctx.state = { ...ctx.state, officeId, failed: false };
  ctx.render();
  try {
    const office = await request<OfficeDetail>(`/offices/${encodeURIComponent(officeId)}`);
    ctx.state = officeLoaded(ctx.state, office);
  } catch (err) {
    if (errorCode(err) === 'NOT_FOUND' || errorCode(err) === 'VALIDATION_FAILED') {
      // A stale or mistyped link: offer the list instead.
      ctx.state = officeLinkBroken(ctx.state);
      history.replaceState({ book: 'office' }, '', '/book');
      void loadOffices(ctx);
      return;
    }
    ctx.state = { ...ctx.state, failed: true };
  }
  ctx.render();
}

export async function loadDays(ctx: BookContext): Promise<void> {
  const { office, service } = ctx.state;
  if (!office || !service) return;
  ctx.state = { ...ctx.state, failed: false };
  const { from, to } = bookingWindow(office.timezone, service.bookingWindowDays);
  try {
    const days = await availableDays(office.id, service.id, from, to);
    if (ctx.state.service !== service) return;
    ctx.state = { ...ctx.state, days, daysAt: Date.now() };
  } catch {
    if (!ctx.state.days) ctx.state = { ...ctx.state, failed: true };
  }
  ctx.render();
}

// ---- submission --------------------------------------------------------------------------------

async function submit(ctx: BookContext, roomEntries = 0): Promise<void> {
  const before = ctx.state;
  if (before.busy || !before.office || !before.service || !(before.slot || (before.waitFor && before.date))) return;
  const problems = validate(before.form);
  ctx.state = { ...before, fieldErrors: problems, notice: null };
  if (Object.keys(problems).length) {
    ctx.render();
    ctx.main.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  if (ctx.state.waitFor) return joinWaitlist(ctx);
  const body = appointmentBody(ctx.state);
  // One key per submission: a double tap or a retry of the very same booking books once.
  const json = JSON.stringify(body);
  ctx.state = { ...ctx.state, busy: true, resending: false };
  ctx.render();
  const pending = ctx.state.attempt;
  if (pending?.unresolved && pending.json !== json) {
    // An earlier submission got no answer and may have booked; changing a field must not book
    // twice (the second would only meet DUPLICATE_BOOKING, with no link). Learn its fate first.
    try {
      return succeed(ctx, await send(ctx, pending.body, pending.key), true);
    } catch (err) {
      if (isTransient(err)) return failed(ctx, err);
      // Refused, so it never booked: go on with what the citizen sends now.
    }
  }
  let attempt = ctx.state.attempt;
  if (!attempt || attempt.json !== json) {
    attempt = { json, body, key: randomId(), unresolved: false };
    ctx.state = { ...ctx.state, attempt };
  }
  try {
    succeed(ctx, await send(ctx, body, attempt.key), false);
  } catch (err) {
    ctx.state = { ...ctx.state, attempt: { ...attempt, unresolved: isTransient(err) } };
    const code = errorCode(err);
    if ((code === 'ADMISSION_REQUIRED' || code === 'ADMISSION_INVALID') && roomEntries < ROOM_ENTRIES) {
      // A day just released: through the waiting room, then the same booking again by itself.
      ctx.state = { ...ctx.state, busy: false };
      try {
        if (await throughWaitingRoom(ctx, code === 'ADMISSION_INVALID')) await submit(ctx, roomEntries + 1);
      } catch (roomErr) {
        ctx.state = { ...ctx.state, room: null };
        await failed(ctx, roomErr);
      }
      return;
    }
    await failed(ctx, err);
  }
}

/** The details of a full day: the citizen joins its waitlist; the last step shows their place. */
async function joinWaitlist(ctx: BookContext): Promise<void> {
  ctx.state = { ...ctx.state, busy: true, resending: false };
  ctx.render();
  try {
    const joined = await request<WaitlistJoined>('/waitlist', { method: 'POST', body: waitlistBody(ctx.state) });
    ctx.state = { ...ctx.state, busy: false, joined, step: 'done', notice: null };
    // The address becomes the citizen's own link to the entry, as a booking's does.
    history.replaceState({ book: 'done' }, '', `/manage/${encodeURIComponent(joined.manageToken)}`);
    ctx.render();
    focusTitle(ctx.main);
  } catch (err) {
    if (errorCode(err) !== 'PLACES_AVAILABLE') return failed(ctx, err);
    // A place came free meanwhile: back to the days, asked again, to book it.
    ctx.state = { ...ctx.state, busy: false, waitFor: false, daysAt: 0 };
    void loadDays(ctx);
    ctx.backTo('day', () => errorText('PLACES_AVAILABLE'));
  }
}

async function send(ctx: BookContext, body: NewAppointment, key: string): Promise<AppointmentView> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request<AppointmentView>('/appointments', { method: 'POST', body, headers: { 'Idempotency-Key': key, ...admissionHeader(ctx) } });
    } catch (err) {
      if (!isTransient(err) || attempt >= RETRY_DELAYS_MS.length) throw err;
      ctx.state = { ...ctx.state, resending: true };
      paintSubmit(ctx.main, ctx.state);
      await sleep(RETRY_DELAYS_MS[attempt]!);
    }
  }
}

function succeed(ctx: BookContext, booking: AppointmentView, fromEarlier: boolean): void {
  ctx.state = booked(ctx.state, booking, fromEarlier);
  // The address becomes the citizen's own link: a reload or a bookmark keeps the booking at hand.
  if (booking.manageToken) history.replaceState({ book: 'done' }, '', `/manage/${encodeURIComponent(booking.manageToken)}`);
  ctx.render();
  focusTitle(ctx.main);
}

/** After a refused or unanswered submission; the button stays busy until the right step is shown. */
async function failed(ctx: BookContext, err: unknown): Promise<void> {
  const code = errorCode(err);
  const { office, service, date } = ctx.state;
  if ((code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE') && date && office && service) {
    // The day asked again: the slot list shows what is really left.
    const fresh = await dayAgain(office.id, service.id, date);
    ctx.state = dayRefreshed(ctx.state, date, fresh);
  }
  const outcome = failure(ctx.state, code, err instanceof ApiError ? err.fields : []);
  ctx.state = outcome.state;
  if (outcome.reloadOffice && ctx.state.office) void loadOffice(ctx, ctx.state.office.id);
  if (outcome.back) return ctx.backTo(outcome.back.step, outcome.back.message);
  ctx.render();
  (ctx.main.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ctx.main.querySelector<HTMLElement>('.notice'))?.focus();
}
