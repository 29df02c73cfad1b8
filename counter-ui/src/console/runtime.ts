// One running console: its state and what the side effects need to reach it. The entry
// (console.ts) builds it; the actions and the loads take it as their first argument.
import type { BoardStore } from '../../../ui-shared/board';
import type { ShellContext } from '../navigation';
import { reduce, type ConsoleAction, type ConsoleState, type Message } from './state';
import { paintMessage, type ConsoleElements } from './view';

const MESSAGE_MS = 8000;

export interface ConsoleRuntime {
  readonly ctx: ShellContext & { officeId: string };
  readonly els: ConsoleElements;
  state: ConsoleState;
  disposed: boolean;
  readonly timers: { message?: number; lockout?: number; refresh?: number; myDay?: number };
  /** Tickets whose service and recalls were fetched already (or are being fetched). */
  readonly detailsAsked: Set<string>;
  /** One waiting-list request at a time; a refresh asked for meanwhile runs after it. */
  readonly waitingLoad: { running: boolean; again: boolean };
  /** The live board; set once the socket is wired. */
  store: BoardStore | null;
  /** Paints a part of the screen again from `state`. */
  readonly paint: { console(): void; waiting(): void; myDay(): void; select(): void };
}

export function dispatch(rt: ConsoleRuntime, action: ConsoleAction): void {
  rt.state = reduce(rt.state, action);
}

/** Shows a message under the ticket for a while (or clears it). */
export function setMessage(rt: ConsoleRuntime, message: Message | null): void {
  dispatch(rt, { type: 'message', message });
  window.clearTimeout(rt.timers.message);
  if (message) rt.timers.message = window.setTimeout(() => setMessage(rt, null), MESSAGE_MS);
  paintMessage(rt.els, message);
}
