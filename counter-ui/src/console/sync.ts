// Keeping the console's picture of the office current: the office, the live board, the waiting
// list, the officer's figures, and a fresh look after the server says our picture was stale.
import type { MyDay, OfficeEventName, QueueBoard } from '@giliran/contracts';
import { errorCode } from '../../../ui-shared/api';
import { errorMessage, t } from '../i18n';
import { enc, storage } from '../session';
import { listOf } from './answers';
import { dispatch, setMessage, type ConsoleRuntime } from './runtime';
import { ACTIVE, fromTicket, unknownCounters } from './state';

/** Problems the server reports when our picture of the counter is stale: take its picture again. */
const RESYNC_ON = new Set(['INVALID_TRANSITION', 'COUNTER_BUSY', 'COUNTER_CLOSED', 'COUNTER_TAKEN', 'NOT_FOUND']);

export const counterKey = (officeId: string) => `giliran.counter.counter.${officeId}`;

export async function loadOffice(rt: ConsoleRuntime): Promise<void> {
  try {
    const detail = await rt.ctx.office(true);
    if (rt.disposed) return;
    dispatch(rt, { type: 'office-loaded', office: detail });
    rt.paint.select();
    rt.paint.console();
    rt.paint.waiting();
  } catch (err) {
    if (rt.disposed) return;
    if (errorCode(err) === 'NOT_FOUND' && rt.ctx.staff.session.user.officeId === null) return rt.ctx.switchOffice(null);
    setMessage(rt, { kind: 'error', text: t('loadFailed') });
    window.setTimeout(() => !rt.disposed && void loadOffice(rt), 10_000);
  }
}

/** After a reload the board tells us only number and status: fetch service and recalls once. */
export async function ensureDetails(rt: ConsoleRuntime): Promise<void> {
  const c = rt.state.current;
  if (!c || c.serviceId || !ACTIVE.has(c.status) || rt.detailsAsked.has(c.id)) return;
  rt.detailsAsked.add(c.id);
  try {
    const list = listOf(await rt.ctx.staff.api<unknown>(`/offices/${enc(rt.ctx.officeId)}/tickets?status=${c.status}`));
    const found = list.find((tk) => tk.id === c.id);
    if (found && rt.state.current?.id === found.id && !rt.disposed) {
      dispatch(rt, { type: 'details', ticket: fromTicket(found) });
      rt.paint.console();
    }
  } catch {
    // Only decoration (service name, recall count): the console works without it.
  }
}

/** Debounced: a burst of socket events becomes one request. */
export function refreshWaiting(rt: ConsoleRuntime, delay = 250): void {
  window.clearTimeout(rt.timers.refresh);
  rt.timers.refresh = window.setTimeout(() => void loadWaiting(rt), delay);
}

async function loadWaiting(rt: ConsoleRuntime): Promise<void> {
  const load = rt.waitingLoad;
  if (load.running) {
    load.again = true;
    return;
  }
  load.running = true;
  const forCounter = rt.state.counterId;
  try {
    // With a counter: its services only, in the exact order call-next will take them.
    const res = await rt.ctx.staff.api<unknown>(`/offices/${enc(rt.ctx.officeId)}/tickets?status=waiting${forCounter ? `&counterId=${enc(forCounter)}` : ''}`);
    if (rt.disposed) return;
    dispatch(rt, { type: 'waiting-loaded', tickets: listOf(res).filter((tk) => tk.status === 'waiting'), forCounter });
    if (forCounter !== rt.state.counterId) load.again = true;
  } catch {
    if (rt.disposed) return;
    dispatch(rt, { type: 'waiting-failed' });
  } finally {
    load.running = false;
  }
  rt.paint.waiting();
  if (load.again) {
    load.again = false;
    refreshWaiting(rt, 0);
  }
}

export function refreshMyDay(rt: ConsoleRuntime, delay = 400): void {
  window.clearTimeout(rt.timers.myDay);
  rt.timers.myDay = window.setTimeout(async () => {
    try {
      const res = await rt.ctx.staff.json<MyDay>('/me/today');
      if (rt.disposed) return;
      dispatch(rt, { type: 'my-day', myDay: res });
      rt.paint.myDay();
    } catch {
      // Keep the last figures; they are a courtesy, not the work.
    }
  }, delay);
}

/** A failed request: say why, and take the server's picture again when ours was stale. */
export function fail(rt: ConsoleRuntime, err: unknown): void {
  if (rt.disposed) return;
  const code = errorCode(err);
  setMessage(rt, { kind: 'error', text: errorMessage(code) });
  if (RESYNC_ON.has(code)) {
    rt.store?.refresh();
    void loadOffice(rt);
    refreshWaiting(rt, 0);
  }
}

/** The live board changed (a snapshot or one event). */
export function boardChanged(rt: ConsoleRuntime, board: QueueBoard, source: 'snapshot' | OfficeEventName): void {
  dispatch(rt, { type: 'board-changed', board, snapshot: source === 'snapshot' });
  // The board names our ticket by number and status only (a no-op once its details are known).
  void ensureDetails(rt);
  // A counter created after we loaded the office: fetch the list again (once per new set).
  const unknown = unknownCounters(rt.state);
  if (unknown && unknown !== rt.state.reloadedFor) {
    dispatch(rt, { type: 'office-reloading', forCounters: unknown });
    void loadOffice(rt);
  }
  if (source !== 'counter.updated') refreshWaiting(rt, source === 'snapshot' ? 0 : 250);
  rt.paint.console();
  rt.paint.waiting();
}

/** The officer picked a counter (or none) in the select; the choice is remembered on this PC. */
export function chooseCounter(rt: ConsoleRuntime, counterId: string | null): void {
  storage('local', counterKey(rt.ctx.officeId), counterId);
  dispatch(rt, { type: 'counter-chosen', counterId });
  void ensureDetails(rt);
  setMessage(rt, null);
  rt.paint.console();
  rt.paint.waiting();
  refreshWaiting(rt, 0);
}

export function setOnline(rt: ConsoleRuntime, online: boolean): void {
  if (rt.state.online === online) return;
  dispatch(rt, { type: 'online', online });
  rt.paint.console();
}
