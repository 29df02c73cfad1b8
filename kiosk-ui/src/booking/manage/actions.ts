import type { OfficeDetail, WaitlistView } from '@giliran/contracts';
import { errorCode } from '../../../../ui-shared/api';
import { openDialog } from '../../../../ui-shared/dialog';
import { h } from '../../../../ui-shared/dom';
import { bookingWindow, formatDay, formatRange } from '../dates';
import { availableDays, dayAgain, request } from '../http';
import { errorText, i18n, t } from '../i18n';
import type { AppointmentView } from '../types';
import { dayChosen, dayRefreshed, loaded, loadFailed, rescheduleStarted, slotChosen, type ManageState, type Mode, type Notice } from './state';
import type { ManageHandlers } from './handlers';

/** The running page: its current state (replaced by each update) and the moves the entry makes. */
export interface ManageContext {
  state: ManageState;
  /** `/appointments/<token>`, the booking's own address in the API. */
  readonly path: string;
  render(): void;
  /** Forward to a reschedule step, with a history entry of its own. */
  go(mode: Mode): void;
  /** Back to an earlier step through history, with a message to show there. */
  backTo(mode: Mode, message: Notice | null): void;
}

const rescheduled: Notice = { text: () => t('rescheduled'), kind: 'ok' };

export function manageHandlers(ctx: ManageContext): ManageHandlers {
  return {
    retry: () => void load(ctx),
    leaveWaitlist: () => void leaveWaitlist(ctx),
    retryDays: () => void loadDays(ctx),
    startReschedule: () => {
      ctx.state = rescheduleStarted(ctx.state);
      void loadDays(ctx);
      ctx.go('day');
    },
    pickDay: (day) => {
      ctx.state = dayChosen(ctx.state, day);
      ctx.go('slot');
    },
    pickSlot: (slot) => {
      ctx.state = slotChosen(ctx.state, slot);
      ctx.go('confirm');
    },
    reschedule: () => void reschedule(ctx),
    cancel: () => confirmCancel(ctx),
  };
}

export async function load(ctx: ManageContext): Promise<void> {
  ctx.state = { ...ctx.state, view: ctx.state.appointment ? 'ready' : 'loading' };
  ctx.render();
  try {
    const appointment = await request<AppointmentView>(ctx.path);
    const known = ctx.state.office;
    const office = known?.id === appointment.officeId ? known : await request<OfficeDetail>(`/offices/${encodeURIComponent(appointment.officeId)}`);
    ctx.state = loaded(ctx.state, appointment, office);
  } catch (err) {
    // The same /manage/<token> address serves a waitlist entry's link.
    if (errorCode(err) !== 'NOT_FOUND' || !(await loadEntry(ctx))) ctx.state = loadFailed(ctx.state, errorCode(err));
  }
  ctx.render();
}

/** The link's waitlist entry, when there is one; false when the token is not an entry's either. */
async function loadEntry(ctx: ManageContext, path = ctx.path.replace(/^\/appointments\//, '/waitlist/')): Promise<boolean> {
  try {
    const entry = await request<WaitlistView>(path);
    const office = ctx.state.office ?? (await request<OfficeDetail>(`/offices/${encodeURIComponent(entry.officeId)}`));
    ctx.state = { ...ctx.state, view: 'waitlist', entry, office };
    return true;
  } catch {
    return false;
  }
}

async function leaveWaitlist(ctx: ManageContext): Promise<void> {
  if (ctx.state.busy) return;
  ctx.state = { ...ctx.state, busy: true, notice: null };
  ctx.render();
  try {
    const entry = await request<WaitlistView>(`${ctx.path.replace(/^\/appointments\//, '/waitlist/')}/cancel`, { method: 'POST' });
    ctx.state = { ...ctx.state, entry };
  } catch (err) {
    ctx.state = { ...ctx.state, notice: { text: () => errorText(errorCode(err)), kind: 'error' } };
  }
  ctx.state = { ...ctx.state, busy: false };
  ctx.render();
}

export async function loadDays(ctx: ManageContext): Promise<void> {
  const office = ctx.state.office!;
  const service = office.services.find((s) => s.id === ctx.state.appointment!.serviceId);
  const { from, to } = bookingWindow(office.timezone, service?.bookingWindowDays ?? 14);
  const a = ctx.state.appointment!;
  ctx.state = { ...ctx.state, daysFailed: false };
  try {
    const days = await availableDays(a.officeId, a.serviceId, from, to);
    ctx.state = { ...ctx.state, days };
  } catch {
    ctx.state = { ...ctx.state, daysFailed: true };
  }
  ctx.render();
}

async function reschedule(ctx: ManageContext): Promise<void> {
  const slot = ctx.state.slot;
  if (!slot || ctx.state.busy) return;
  ctx.state = { ...ctx.state, busy: true };
  ctx.render();
  try {
    const appointment = await request<AppointmentView>(`${ctx.path}/reschedule`, { method: 'POST', body: { start: slot.start } });
    ctx.state = { ...ctx.state, appointment, busy: false, days: null };
    return ctx.backTo('view', rescheduled);
  } catch (err) {
    ctx.state = { ...ctx.state, busy: false };
    const code = errorCode(err);
    if (code === 'NETWORK_ERROR') {
      // The answer may have been lost after the move was made: look before saying it failed.
      await load(ctx);
      if (ctx.state.appointment?.start === slot.start) return ctx.backTo('view', rescheduled);
    }
    return rescheduleFailed(ctx, code);
  }
}

async function rescheduleFailed(ctx: ManageContext, code: string): Promise<void> {
  const error = (text: () => string): Notice => ({ text, kind: 'error' });
  switch (code) {
    case 'SLOT_FULL':
    case 'SLOT_UNAVAILABLE':
    case 'VALIDATION_FAILED': {
      const { appointment, date } = ctx.state;
      if (date) {
        // The day asked again: the slot list shows what is really left.
        const fresh = await dayAgain(appointment!.officeId, appointment!.serviceId, date);
        ctx.state = dayRefreshed(ctx.state, date, fresh);
      }
      ctx.state = { ...ctx.state, slot: null };
      return ctx.backTo(
        'slot',
        error(() => errorText(code, 'reschedule')),
      );
    }
    case 'QUOTA_REACHED':
    case 'NOT_YET_RELEASED':
      ctx.state = { ...ctx.state, slot: null };
      void loadDays(ctx);
      return ctx.backTo(
        'day',
        error(() => errorText(code)),
      );
    case 'INVALID_TRANSITION':
    case 'NOT_FOUND':
      await load(ctx);
      return ctx.backTo(
        'view',
        error(() => errorText(code)),
      );
    default:
      ctx.state = { ...ctx.state, notice: error(() => errorText(code)) };
      ctx.render();
  }
}

function confirmCancel(ctx: ManageContext): void {
  const a = ctx.state.appointment!;
  const office = ctx.state.office!;
  const when = `${formatDay(a.businessDate, i18n.locale())}, ${formatRange(a.start, a.end, office.timezone, i18n.locale())}`;
  openDialog({
    title: t('cancelTitle'),
    content: [h('p', {}, t('cancelText', { when }))],
    submitLabel: t('cancelYes'),
    cancelLabel: t('cancelNo'),
    danger: true,
    testId: 'cancel-dialog',
    submitTestId: 'confirm-cancel',
    onSubmit: async (dialog) => {
      try {
        const appointment = await request<AppointmentView>(`${ctx.path}/cancel`, { method: 'POST' });
        // The page's own line for a cancelled booking says what happened.
        ctx.state = { ...ctx.state, appointment, notice: null };
        ctx.render();
        return true;
      } catch (err) {
        const code = errorCode(err);
        if (code === 'NETWORK_ERROR' || code === 'INVALID_TRANSITION') {
          await load(ctx);
          if (ctx.state.appointment?.status === 'cancelled') {
            ctx.state = { ...ctx.state, notice: null };
            ctx.render();
            return true;
          }
        }
        dialog.setError(errorText(code));
        return false;
      }
    },
  });
}
