// What the officer does at the counter: each command is one request, its answer goes into the
// state, and the screen is painted again. The console is busy (every button off) meanwhile.
import type { CounterView, StaffTicketView } from '@giliran/contracts';
import { ApiError, errorCode } from '../../../ui-shared/api';
import type { DialogHandle } from '../../../ui-shared/dialog';
import { serverProblems, showErrors } from '../../../ui-shared/form';
import { openAssistedBooking } from '../assisted';
import { errorMessage, t } from '../i18n';
import { enc } from '../session';
import { ticketOf } from './answers';
import { openCallSpecificDialog, openTransferDialog, type TransferChoice } from './dialogs';
import { dispatch, setMessage, type ConsoleRuntime } from './runtime';
import { CALL_LOCKOUT_MS, canCall, fromTicket, isActive, merge, serviceName, type Command, type Current } from './state';
import { ensureDetails, fail, loadOffice, refreshMyDay, refreshWaiting } from './sync';

type CounterCommand = 'open' | 'pause' | 'resume' | 'close';

function isCounterCommand(command: Command): command is CounterCommand {
  return command === 'open' || command === 'pause' || command === 'resume' || command === 'close';
}

/** The ticket in hand changed; `justCalled`: we called it just now (Enter is locked for a moment). */
function setCurrent(rt: ConsoleRuntime, next: Current | null, justCalled = false): void {
  dispatch(rt, { type: 'current', current: next, calledAt: justCalled ? Date.now() : undefined });
  if (justCalled) {
    window.clearTimeout(rt.timers.lockout);
    rt.timers.lockout = window.setTimeout(() => !rt.disposed && rt.paint.console(), CALL_LOCKOUT_MS + 50);
  }
  void ensureDetails(rt);
}

function setBusy(rt: ConsoleRuntime, busy: boolean): void {
  dispatch(rt, { type: 'busy', busy });
}

/** A button or its key. */
export async function act(rt: ConsoleRuntime, command: Command): Promise<void> {
  const { busy, counterId, current } = rt.state;
  if (busy || !counterId) return;
  if (command === 'transfer') return openTransfer(rt);
  const ticketCommand = command === 'start' || command === 'complete' || command === 'no-show';
  if (ticketCommand && !current) return;
  setBusy(rt, true);
  rt.paint.console();
  rt.paint.waiting();
  try {
    await run(rt, command, `/counters/${enc(counterId)}`);
    refreshMyDay(rt);
  } catch (err) {
    fail(rt, err);
  } finally {
    setBusy(rt, false);
    if (!rt.disposed) {
      rt.paint.console();
      rt.paint.waiting();
    }
  }
}

function run(rt: ConsoleRuntime, command: Command, counterPath: string): Promise<void> {
  if (isCounterCommand(command)) return counterCommand(rt, command, counterPath);
  if (command === 'call-next') return callNext(rt, counterPath);
  if (command === 'complete-and-next') return completeAndNext(rt, counterPath);
  if (command === 'recall') return recall(rt, counterPath);
  return ticketCommand(rt, command);
}

async function counterCommand(rt: ConsoleRuntime, command: CounterCommand, counterPath: string): Promise<void> {
  const counter = await rt.ctx.staff.api<CounterView>(`${counterPath}/${command}`, { method: 'POST' });
  if (counter) dispatch(rt, { type: 'counter-status', status: counter.status });
  setMessage(rt, null);
  void loadOffice(rt);
}

async function callNext(rt: ConsoleRuntime, counterPath: string): Promise<void> {
  const ticket = ticketOf(await rt.ctx.staff.api<unknown>(`${counterPath}/call-next`, { method: 'POST' }));
  if (!ticket) return setMessage(rt, { kind: 'info', text: t('noWaiting') });
  setCurrent(rt, merge(rt.state.current, fromTicket(ticket)), true);
  setMessage(rt, { kind: 'info', text: t('called', { number: ticket.number }) });
}

async function completeAndNext(rt: ConsoleRuntime, counterPath: string): Promise<void> {
  const res = await rt.ctx.staff.json<{ completed: StaffTicketView | null; ticket: StaffTicketView | null }>(`${counterPath}/complete-and-next`, {
    method: 'POST',
  });
  const done = res.completed?.number;
  if (res.ticket) {
    setCurrent(rt, fromTicket(res.ticket), true);
    setMessage(rt, { kind: 'info', text: done ? t('completedAndCalled', { done, number: res.ticket.number }) : t('called', { number: res.ticket.number }) });
  } else {
    setCurrent(rt, res.completed ? fromTicket(res.completed) : null);
    setMessage(rt, { kind: 'info', text: done ? t('completedNoneWaiting', { done }) : t('noWaiting') });
  }
}

async function recall(rt: ConsoleRuntime, counterPath: string): Promise<void> {
  const ticket = ticketOf(await rt.ctx.staff.api<unknown>(`${counterPath}/recall`, { method: 'POST' }));
  if (ticket) {
    setCurrent(rt, merge(rt.state.current, fromTicket(ticket)));
    setMessage(rt, { kind: 'info', text: t('recalled', { number: ticket.number }) });
  }
}

/** Start, complete or no-show: done to the ticket in hand. */
async function ticketCommand(rt: ConsoleRuntime, command: Command): Promise<void> {
  const current = rt.state.current;
  if (!current) return;
  const ticket = ticketOf(await rt.ctx.staff.api<unknown>(`/tickets/${enc(current.id)}/${command}`, { method: 'POST' }));
  if (ticket) setCurrent(rt, merge(rt.state.current, fromTicket(ticket)));
  setMessage(rt, null);
}

/**
 * A dialog's action on a ticket: the console is busy meanwhile and the officer's figures and the
 * queue are read again after; a refusal of the input keeps the dialog open with its message.
 */
async function actFromDialog(rt: ConsoleRuntime, dlg: DialogHandle, work: () => Promise<void>): Promise<boolean> {
  setBusy(rt, true);
  rt.paint.console();
  try {
    await work();
    refreshMyDay(rt);
    refreshWaiting(rt, 0);
    return true;
  } catch (err) {
    return keepOpenOnInvalid(rt, dlg, err);
  } finally {
    setBusy(rt, false);
    if (!rt.disposed) {
      rt.paint.console();
      rt.paint.waiting();
    }
  }
}

/**
 * A rejected form stays open with the problems next to the fields; any other failure
 * (the ticket was taken, the counter closed) closes it and shows why on the console.
 */
function keepOpenOnInvalid(rt: ConsoleRuntime, dlg: DialogHandle, err: unknown): boolean {
  const code = errorCode(err);
  if (code !== 'VALIDATION_FAILED') {
    fail(rt, err);
    return true;
  }
  const unplaced = err instanceof ApiError ? showErrors(dlg.form, serverProblems(err.fields)) : [];
  dlg.setError([errorMessage(code), ...unplaced].join(' '));
  return false;
}

/** "Call this one": a ticket out of turn, with a reason. */
export function openCallSpecific(rt: ConsoleRuntime, tk: StaffTicketView): void {
  const target = rt.state.counterId;
  if (!target || !canCall(rt.state)) return;
  openCallSpecificDialog(tk, (dlg, reason) =>
    actFromDialog(rt, dlg, async () => {
      const ticket = ticketOf(await rt.ctx.staff.api<unknown>(`/counters/${enc(target)}/call`, { method: 'POST', body: { ticketId: tk.id, reason } }));
      if (ticket) {
        setCurrent(rt, merge(rt.state.current, fromTicket(ticket)), true);
        setMessage(rt, { kind: 'info', text: t('called', { number: ticket.number }) });
      }
    }),
  );
}

function openTransfer(rt: ConsoleRuntime): void {
  const c = rt.state.current;
  if (!c || !isActive(c)) return;
  const services = (rt.state.office?.services ?? []).filter((s) => s.active !== false && s.id !== c.serviceId);
  if (services.length === 0) {
    setMessage(rt, { kind: 'error', text: t('noOtherService') });
    return;
  }
  openTransferDialog(c, services, (dlg, choice) => actFromDialog(rt, dlg, () => transfer(rt, c, choice)));
}

async function transfer(rt: ConsoleRuntime, c: Current, choice: TransferChoice): Promise<void> {
  const res = ticketOf(
    await rt.ctx.staff.api<unknown>(`/tickets/${enc(c.id)}/transfer`, {
      method: 'POST',
      body: { serviceId: choice.service.value, ...(choice.reason ? { reason: choice.reason } : {}) },
    }),
  );
  if (rt.state.current?.id === c.id) setCurrent(rt, null);
  setMessage(rt, {
    kind: 'info',
    text: t('transferred', { number: res?.number ?? c.number, service: serviceName(rt.state, choice.service.value) ?? '' }),
  });
}

/** "Booking untuk warga", with the office's services (fetched first if the console has none yet). */
export async function openAssisted(rt: ConsoleRuntime): Promise<void> {
  let detail = rt.state.office;
  if (!detail) {
    try {
      detail = await rt.ctx.office();
    } catch (err) {
      return fail(rt, err);
    }
  }
  if (!rt.disposed) openAssistedBooking(rt.ctx, detail);
}
