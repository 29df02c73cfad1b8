// The officer's console: counter selection, the ticket in hand, the commands on it and the
// waiting list. The parts live in console/: state (a reducer), view, actions and sync; this
// entry wires them to the page, the socket, the keyboard and the clocks.
import { BoardStore } from '../../ui-shared/board';
import { connectQueue } from '../../ui-shared/socket';
import { act, openAssisted, openCallSpecific } from './console/actions';
import { onConsoleKey } from './console/keys';
import { watchLongWait } from './console/long-wait';
import { dispatch, type ConsoleRuntime } from './console/runtime';
import { initialState } from './console/state';
import { boardChanged, chooseCounter, counterKey, loadOffice, refreshMyDay, refreshWaiting, setOnline } from './console/sync';
import { buildConsole, paintConsole, paintSelect, type ConsoleHandlers } from './console/view';
import { paintMyDay, paintWaiting, type WaitingHandlers } from './console/waiting-view';
import { storage } from './session';
import type { ShellContext, View } from './navigation';

function createRuntime(main: HTMLElement, ctx: ShellContext & { officeId: string }): ConsoleRuntime {
  const state = initialState(storage('local', counterKey(ctx.officeId)));
  const handlers: ConsoleHandlers = {
    command: (command) => void act(rt, command),
    assisted: () => void openAssisted(rt),
    counterChosen: (counterId) => chooseCounter(rt, counterId),
  };
  const waitingHandlers: WaitingHandlers = {
    callSpecific: (tk) => openCallSpecific(rt, tk),
    toggleService: (serviceId) => {
      dispatch(rt, { type: 'toggle-service', serviceId });
      rt.paint.waiting();
    },
  };
  const rt: ConsoleRuntime = {
    ctx,
    // Built once; painting only changes text and states, so focus and the select survive.
    els: buildConsole(main, handlers),
    state,
    disposed: false,
    timers: {},
    detailsAsked: new Set(),
    waitingLoad: { running: false, again: false },
    store: null,
    paint: {
      console: () => paintConsole(rt.els, rt.state, Date.now()),
      waiting: () => paintWaiting(rt.els, rt.state, Date.now(), waitingHandlers),
      myDay: () => paintMyDay(rt.els, rt.state.myDay),
      select: () => paintSelect(rt.els, rt.state, ctx.staff.session.user.id),
    },
  };
  return rt;
}

export function startConsole(main: HTMLElement, ctx: ShellContext & { officeId: string }): View {
  const rt = createRuntime(main, ctx);

  const socket = connectQueue();
  socket.on('connect', () => setOnline(rt, true));
  socket.on('disconnect', () => setOnline(rt, false));
  socket.on('connect_error', () => setOnline(rt, false));
  rt.store = new BoardStore(socket, ctx.officeId, { onChange: (next, source) => boardChanged(rt, next, source) });

  const longWait = watchLongWait(rt.els.banner, ctx);

  const onKey = (event: KeyboardEvent) => onConsoleKey(event, rt.els.buttons, (command) => void act(rt, command));
  document.addEventListener('keydown', onKey);

  // Waiting times move on by themselves.
  const clock = window.setInterval(() => !rt.disposed && rt.paint.waiting(), 30_000);
  // A safety net for missed events and for figures from other consoles.
  const slow = window.setInterval(() => {
    if (rt.disposed) return;
    refreshWaiting(rt, 0);
    refreshMyDay(rt, 0);
  }, 120_000);

  const paintAll = () => {
    rt.paint.select();
    rt.paint.console();
    rt.paint.waiting();
    rt.paint.myDay();
    longWait.repaint();
  };
  paintAll();
  void loadOffice(rt);
  refreshWaiting(rt, 0);
  refreshMyDay(rt, 0);

  return {
    rerender: paintAll,
    dispose() {
      rt.disposed = true;
      for (const timer of Object.values(rt.timers)) window.clearTimeout(timer);
      window.clearInterval(clock);
      window.clearInterval(slow);
      longWait.stop();
      document.removeEventListener('keydown', onKey);
      socket.disconnect();
    },
  };
}
