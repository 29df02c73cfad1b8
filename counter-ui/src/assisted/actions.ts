// The assisted booking's requests: the slots of the chosen service, and the booking itself.
import type { AppointmentView, Availability, ServiceView } from '@giliran/contracts';
import { ApiError, apiJson, errorCode, randomId } from '../../../ui-shared/api';
import type { DialogHandle } from '../../../ui-shared/dialog';
import { clearErrors, serverProblems, showErrors } from '../../../ui-shared/form';
import { errorMessage, t } from '../i18n';
import type { ShellContext } from '../navigation';
import { addDays, enc, todayIn, type OfficeFull } from '../session';
import { bookingBody, problems, readCitizen, reduce, retryKey, type AssistedAction, type AssistedState } from './state';
import { clearSlotErrors, openCodeSlip, paintDays, paintSlots, type AssistedElements } from './view';

const DAYS_SHOWN = 14;

/** One open assisted-booking dialog. */
export interface AssistedRuntime {
  readonly ctx: ShellContext & { officeId: string };
  readonly office: OfficeFull | null;
  /** The office's active services. */
  readonly services: ServiceView[];
  readonly els: AssistedElements;
  state: AssistedState;
}

export function dispatch(rt: AssistedRuntime, action: AssistedAction): void {
  rt.state = reduce(rt.state, action);
}

export function showSlots(rt: AssistedRuntime): void {
  paintSlots(rt.els, rt.state, rt.services.length > 0, (start) => {
    dispatch(rt, { type: 'slot', start });
    clearSlotErrors(rt.els);
    showSlots(rt);
  });
}

/** `POST /appointments` with the officer's token and an `Idempotency-Key`. */
function book(token: string, key: string, body: unknown): Promise<AppointmentView> {
  return apiJson<AppointmentView>('/appointments', { method: 'POST', body, token, headers: { 'Idempotency-Key': key } });
}

/** The next two weeks of the chosen service; only the latest answer is shown. */
export async function loadSlots(rt: AssistedRuntime): Promise<void> {
  dispatch(rt, { type: 'loading' });
  const mine = rt.state.generation;
  showSlots(rt);
  const serviceId = rt.els.service.value;
  if (!serviceId) return;
  const from = todayIn(rt.state.zone);
  const to = addDays(from, DAYS_SHOWN - 1);
  try {
    const res = await rt.ctx.staff.json<Availability>(`/offices/${enc(rt.ctx.officeId)}/services/${enc(serviceId)}/availability?from=${from}&to=${to}`);
    if (mine !== rt.state.generation) return;
    dispatch(rt, { type: 'loaded', availability: res });
  } catch (err) {
    if (mine !== rt.state.generation) return;
    dispatch(rt, { type: 'load-failed', error: errorMessage(errorCode(err)) });
  }
  paintDays(rt.els, rt.state);
  showSlots(rt);
}

/** Checks what was typed, books, and shows the code; `false` keeps the dialog open. */
export async function submit(rt: AssistedRuntime, dlg: DialogHandle): Promise<boolean> {
  const { els } = rt;
  clearErrors(dlg.form);
  const citizen = readCitizen({ name: els.name.value, nik: els.nik.value, phone: els.phone.value });
  const found = problems(rt.state.chosen, citizen);
  if (found.length) {
    const unplaced = showErrors(dlg.form, found);
    dlg.setError([t('err.VALIDATION_FAILED'), ...unplaced].join(' '));
    return false;
  }
  const body = bookingBody(rt.ctx.officeId, els.service.value, rt.state.chosen, citizen);
  const key = retryKey(rt.state, body) ?? randomId();
  dispatch(rt, { type: 'sending', key, body });
  try {
    const res = await book(rt.ctx.staff.session.token, key, JSON.parse(body));
    dispatch(rt, { type: 'sent' });
    openCodeSlip(
      res,
      rt.office?.name ?? '',
      rt.services.find((s) => s.id === els.service.value),
      rt.state.zone,
    );
    return true;
  } catch (err) {
    if (errorCode(err) !== 'NETWORK_ERROR') dispatch(rt, { type: 'sent' });
    if (err instanceof ApiError && err.status === 401) {
      rt.ctx.logout(t('sessionExpired'));
      return true;
    }
    return keepOpen(rt, dlg, err);
  }
}

function keepOpen(rt: AssistedRuntime, dlg: DialogHandle, err: unknown): false {
  const code = errorCode(err);
  const unplaced = err instanceof ApiError ? showErrors(dlg.form, serverProblems(err.fields)) : [];
  if (code === 'INVALID_NIK' || code === 'DUPLICATE_BOOKING') showErrors(dlg.form, [{ field: 'citizen.nik', message: errorMessage(code) }]);
  if (code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE' || code === 'QUOTA_REACHED') {
    // The picture of the day is stale: fetch it again so the officer picks another time.
    void loadSlots(rt);
  }
  // A booking's QUOTA_REACHED is the day's online places, not today's walk-in tickets.
  dlg.setError([code === 'QUOTA_REACHED' ? t('bookingQuotaReached') : errorMessage(code), ...unplaced].join(' '));
  return false;
}
