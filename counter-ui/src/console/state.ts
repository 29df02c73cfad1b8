// The officer's console as data: what the screen knows, changed only through `reduce`. No DOM,
// no network, no clock (the caller passes the time in).
import type { CounterBoard, CounterStatus, MyDay, QueueBoard, ServiceBoard, StaffTicketView, TicketStatus } from '@giliran/contracts';
import type { OfficeFull } from '../session';

/** A second Enter right after a call must not complete the ticket nobody has served yet. */
export const CALL_LOCKOUT_MS = 1500;
/** How many of the counter's next calls the console spells out, in order. */
const NEXT_UP = 5;

/** The ticket in hand. */
export interface Current {
  id: string;
  number: string;
  status: TicketStatus;
  serviceId?: string;
  recallCount?: number;
  noShowSuggested?: boolean;
}

/** What the officer can do: each is a button, most have a key. */
export type Command = 'open' | 'pause' | 'resume' | 'close' | 'call-next' | 'complete-and-next' | 'recall' | 'start' | 'complete' | 'no-show' | 'transfer';

export interface Message {
  kind: 'info' | 'error';
  text: string;
}

export interface ConsoleState {
  office: OfficeFull | null;
  board: QueueBoard | null;
  counterId: string | null;
  counterStatus: CounterStatus | null;
  current: Current | null;
  /** The board's entry for our counter as last applied: an unchanged one is not applied again. */
  lastEntry: CounterBoard | undefined;
  calledAt: number;
  busy: boolean;
  online: boolean;
  message: Message | null;
  waiting: StaffTicketView[] | null;
  /** The counter `waiting` was listed for (its services, in its call order), or null: the whole office. */
  waitingFor: string | null;
  waitingFailed: boolean;
  myDay: MyDay | null;
  /** Services whose whole waiting list is shown. */
  expanded: ReadonlySet<string>;
  /** The unknown counters the office was last fetched again for. */
  reloadedFor: string;
}

export type ConsoleAction =
  | { type: 'office-loaded'; office: OfficeFull }
  | { type: 'counter-chosen'; counterId: string | null }
  | { type: 'board-changed'; board: QueueBoard; snapshot: boolean }
  | { type: 'office-reloading'; forCounters: string }
  | { type: 'online'; online: boolean }
  | { type: 'busy'; busy: boolean }
  | { type: 'counter-status'; status: CounterStatus }
  /** `calledAt`: the ticket was just called, at that time. */
  | { type: 'current'; current: Current | null; calledAt?: number }
  | { type: 'details'; ticket: Current }
  | { type: 'waiting-loaded'; tickets: StaffTicketView[]; forCounter: string | null }
  | { type: 'waiting-failed' }
  | { type: 'my-day'; myDay: MyDay }
  | { type: 'message'; message: Message | null }
  | { type: 'toggle-service'; serviceId: string };

export const ACTIVE: ReadonlySet<TicketStatus> = new Set(['called', 'serving']);
const RANK: Record<TicketStatus, number> = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 3, cancelled: 3 };

export function initialState(counterId: string | null): ConsoleState {
  return {
    office: null,
    board: null,
    counterId,
    counterStatus: null,
    current: null,
    lastEntry: undefined,
    calledAt: 0,
    busy: false,
    online: true,
    message: null,
    waiting: null,
    waitingFor: null,
    waitingFailed: false,
    myDay: null,
    expanded: new Set(),
    reloadedFor: '',
  };
}

export function reduce(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'office-loaded':
      return officeLoaded(state, action.office);
    case 'counter-chosen':
      return counterChosen(state, action.counterId);
    case 'board-changed':
      return boardChanged(state, action.board, action.snapshot);
    case 'office-reloading':
      return { ...state, reloadedFor: action.forCounters };
    case 'online':
      return { ...state, online: action.online };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'counter-status':
      return { ...state, counterStatus: action.status };
    case 'current':
      return setCurrent(state, action.current, action.calledAt);
    case 'details':
      return state.current?.id === action.ticket.id ? { ...state, current: merge(state.current, action.ticket) } : state;
    case 'waiting-loaded':
      return { ...state, waiting: action.tickets, waitingFor: action.forCounter, waitingFailed: false };
    case 'waiting-failed':
      return { ...state, waitingFailed: true };
    case 'my-day':
      return { ...state, myDay: action.myDay };
    case 'message':
      return { ...state, message: action.message };
    case 'toggle-service':
      return { ...state, expanded: toggled(state.expanded, action.serviceId) };
  }
}

function officeLoaded(state: ConsoleState, office: OfficeFull): ConsoleState {
  // Forget a remembered counter only once we know the office's list (it may have been deleted).
  const counterId = state.counterId && office.counters.some((c) => c.id === state.counterId) ? state.counterId : null;
  const view = office.counters.find((c) => c.id === counterId);
  return { ...state, office, counterId, counterStatus: view && !state.board ? view.status : state.counterStatus };
}

function counterChosen(state: ConsoleState, counterId: string | null): ConsoleState {
  const next: ConsoleState = {
    ...state,
    counterId,
    lastEntry: undefined,
    current: null,
    counterStatus: state.office?.counters.find((c) => c.id === counterId)?.status ?? null,
  };
  const entry = state.board?.counters.find((c) => c.counterId === counterId);
  return entry ? applyEntry(next, entry) : next;
}

function boardChanged(state: ConsoleState, board: QueueBoard, snapshot: boolean): ConsoleState {
  const next = { ...state, board };
  const entry = board.counters.find((c) => c.counterId === state.counterId);
  return entry && (snapshot || !sameEntry(entry, state.lastEntry)) ? applyEntry(next, entry) : next;
}

function applyEntry(state: ConsoleState, entry: CounterBoard): ConsoleState {
  const next = { ...state, lastEntry: entry, counterStatus: entry.status };
  if (entry.nowServing) {
    next.current = merge(state.current, { id: entry.nowServing.ticketId, number: entry.nowServing.number, status: entry.nowServing.status });
  } else if (state.current && ACTIVE.has(state.current.status)) {
    // The board says the counter holds nothing: the ticket was finished elsewhere.
    next.current = null;
  }
  return next;
}

function setCurrent(state: ConsoleState, current: Current | null, calledAt: number | undefined): ConsoleState {
  if (calledAt === undefined) return { ...state, current };
  // It left the waiting list the moment we called it; the refresh confirms it later.
  const waiting = state.waiting && current ? state.waiting.filter((tk) => tk.id !== current.id) : state.waiting;
  return { ...state, current, waiting, calledAt };
}

function toggled(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

function sameEntry(a: CounterBoard | undefined, b: CounterBoard | undefined): boolean {
  return a?.status === b?.status && a?.nowServing?.ticketId === b?.nowServing?.ticketId && a?.nowServing?.status === b?.nowServing?.status;
}

/** HTTP answers and socket events race; for one ticket the later status in its life wins. */
export function merge(local: Current | null, remote: Current): Current {
  if (local && local.id === remote.id) {
    if (RANK[local.status] > RANK[remote.status]) return local;
    return { ...local, ...Object.fromEntries(Object.entries(remote).filter(([, v]) => v !== undefined)) } as Current;
  }
  return remote;
}

export function fromTicket(ticket: StaffTicketView): Current {
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    serviceId: ticket.serviceId,
    recallCount: ticket.recallCount,
    noShowSuggested: ticket.noShowSuggested,
  };
}

// What the screen shows, derived from the state.

export function isActive(current: Current | null): boolean {
  return current !== null && ACTIVE.has(current.status);
}

export function canCall(state: ConsoleState): boolean {
  return !state.busy && !!state.counterId && state.counterStatus === 'open' && !isActive(state.current);
}

export interface Control {
  disabled: boolean;
  hidden?: boolean;
}

/** Which buttons can be pressed, and which are shown at all (set on each button in this order). */
export function controls(state: ConsoleState, now: number): Record<Command, Control> {
  const { current, counterStatus: status } = state;
  const active = isActive(current);
  const none = state.busy || !state.counterId;
  const locked = current?.status === 'called' && now - state.calledAt < CALL_LOCKOUT_MS;
  return {
    open: { disabled: none || status === 'open', hidden: status === 'paused' },
    pause: { disabled: none || status !== 'open', hidden: status === 'paused' },
    resume: { disabled: none || status !== 'paused', hidden: status !== 'paused' },
    close: { disabled: none || status === 'closed' },
    'call-next': { hidden: active, disabled: !canCall(state) },
    'complete-and-next': { hidden: !active, disabled: none || !active || status === 'closed' || locked },
    recall: { disabled: none || current?.status !== 'called' },
    start: { disabled: none || current?.status !== 'called' },
    complete: { disabled: none || current?.status !== 'serving' },
    'no-show': { disabled: none || current?.status !== 'called' },
    transfer: { disabled: none || !active },
  };
}

export function counterName(state: ConsoleState, id: string | null): string | undefined {
  return state.office?.counters.find((c) => c.id === id)?.name;
}

export function serviceName(state: ConsoleState, id: string | undefined): string | undefined {
  return state.office?.services.find((s) => s.id === id)?.name ?? state.board?.services.find((s) => s.serviceId === id)?.name;
}

/** The services our counter serves, in its call order. */
export function myServices(state: ConsoleState): string[] {
  return state.office?.counters.find((c) => c.id === state.counterId)?.serviceIds ?? [];
}

/** Counters on the live board that the office we loaded does not list, as one key (or ''). */
export function unknownCounters(state: ConsoleState): string {
  const { office, board } = state;
  return (board?.counters ?? [])
    .filter((c) => office && !office.counters.some((o) => o.id === c.counterId))
    .map((c) => c.counterId)
    .join();
}

export type ServiceHead = Pick<ServiceBoard, 'serviceId' | 'prefix' | 'name'>;

/** The waiting list, grouped by service: ours first, in our call order. */
export interface WaitingGroups {
  services: ServiceHead[];
  byService: Map<string, StaffTicketView[]>;
  mine: string[];
  total: number;
  /** The counter's next calls, in order (empty without a counter). */
  order: StaffTicketView[];
}

export function waitingGroups(state: ConsoleState): WaitingGroups {
  const { board, office, waiting } = state;
  const mine = myServices(state);
  const byService = new Map<string, StaffTicketView[]>();
  for (const tk of waiting ?? []) {
    const list = byService.get(tk.serviceId) ?? [];
    list.push(tk);
    byService.set(tk.serviceId, list);
  }
  // Services from the live board (counts), plus any service a waiting ticket names.
  const services: ServiceHead[] = [...(board?.services ?? [])];
  for (const id of byService.keys()) {
    if (!services.some((s) => s.serviceId === id)) {
      const s = office?.services.find((x) => x.id === id);
      services.push({ serviceId: id, prefix: s?.prefix ?? '?', name: s?.name ?? id });
    }
  }
  const rank = (id: string) => (mine.includes(id) ? mine.indexOf(id) : 99);
  services.sort((a, b) => rank(a.serviceId) - rank(b.serviceId) || a.prefix.localeCompare(b.prefix));
  const total = board ? board.services.reduce((n, s) => n + s.waiting, 0) : (waiting?.length ?? 0);
  const order = state.waitingFor && state.waitingFor === state.counterId ? (waiting ?? []).slice(0, NEXT_UP) : [];
  return { services, byService, mine, total, order };
}
