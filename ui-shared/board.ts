import {
  isBoard,
  type CounterBoard,
  type OfficeEvents,
  type OfficeEventName,
  type QueueBoard,
  type TicketCalledEvent,
  type TrackingView,
} from '@giliran/contracts';
import { keepSubscribed, type QueueSocket } from './socket';

const RECENT_CALLS = 8;
const MAX_PENDING = 500;
/** After these a ticket no longer holds its counter (`waiting` again means transferred). */
const LEAVES_COUNTER = new Set(['done', 'no_show', 'cancelled', 'waiting']);

type AnyOfficeEvent = { [K in OfficeEventName]: { name: K; payload: OfficeEvents[K] } }[OfficeEventName];

export interface BoardListener {
  /** The board changed: a fresh snapshot, or one event applied. */
  onChange(board: QueueBoard, source: 'snapshot' | OfficeEventName): void;
  /** A `ticket.called` was applied (including recalls): flash it, announce it. */
  onCall?(event: TicketCalledEvent): void;
  onSubscribeError?(error: { code: string; message: string }): void;
}

/** What to subscribe to: an office, or one counter (whose ack carries its office's board). */
export type BoardTarget = string | { officeId: string } | { counterId: string };

function isTrackingView(e: unknown): e is TrackingView {
  return typeof e === 'object' && e !== null && !('officeId' in e);
}

/**
 * The live queue board of one office: the subscribe snapshot plus every office-room
 * event applied in `seq` order. A gap in `seq` means we missed something, so we take a
 * fresh snapshot instead of guessing; stale or duplicate events are dropped.
 */
export class BoardStore {
  board: QueueBoard | null = null;
  private lastSeq = -1;
  private syncing = true;
  private pending: AnyOfficeEvent[] = [];
  private readonly subscription: { resubscribe(): void };
  /** Known from the start for an office target, from the first snapshot for a counter target. */
  private officeId: string | null;

  constructor(
    private readonly socket: QueueSocket,
    target: BoardTarget,
    private readonly listener: BoardListener,
  ) {
    const request = typeof target === 'string' ? { officeId: target } : target;
    this.officeId = 'officeId' in request ? request.officeId : null;
    socket.on('disconnect', () => {
      this.syncing = true;
      this.pending = [];
    });
    socket.on('ticket.issued', (payload) => this.receive({ name: 'ticket.issued', payload }));
    socket.on('ticket.called', (payload) => this.receive({ name: 'ticket.called', payload }));
    socket.on('ticket.updated', (payload) => {
      // The same event name carries the tracking body in ticket rooms; not ours.
      if (isTrackingView(payload)) return;
      this.receive({ name: 'ticket.updated', payload });
    });
    socket.on('queue.updated', (payload) => this.receive({ name: 'queue.updated', payload }));
    socket.on('counter.updated', (payload) => this.receive({ name: 'counter.updated', payload }));
    socket.on('office.updated', (payload) => this.receive({ name: 'office.updated', payload }));

    this.subscription = keepSubscribed(
      socket,
      () => {
        this.syncing = true;
        return request;
      },
      (snapshot) => {
        if (isBoard(snapshot)) this.takeSnapshot(snapshot);
      },
      (error) => listener.onSubscribeError?.(error),
    );
  }

  /** Drop the local board and take a fresh snapshot, e.g. after the server rejected an action. */
  refresh(): void {
    this.resync();
  }

  private resync(): void {
    this.syncing = true;
    this.pending = [];
    this.subscription.resubscribe();
  }

  private takeSnapshot(snapshot: QueueBoard): void {
    this.officeId = snapshot.officeId;
    this.board = {
      ...snapshot,
      recentCalls: [...snapshot.recentCalls].sort((a, b) => b.calledAt.localeCompare(a.calledAt)).slice(0, RECENT_CALLS),
    };
    this.lastSeq = snapshot.seq;
    this.syncing = false;
    const buffered = this.pending;
    this.pending = [];
    this.listener.onChange(this.board, 'snapshot');
    // Events that raced the snapshot: apply the ones it does not already contain.
    for (const event of buffered) this.receive(event);
  }

  private receive(event: AnyOfficeEvent): void {
    if (this.syncing || !this.board) {
      // A snapshot is on its way; if it takes long, older events are covered by it anyway.
      if (this.pending.push(event) > MAX_PENDING) this.pending.shift();
      return;
    }
    if (event.payload.officeId !== this.officeId) return;
    const seq = event.payload.seq;
    if (seq <= this.lastSeq) return;
    if (seq !== this.lastSeq + 1) {
      this.resync();
      return;
    }
    this.lastSeq = seq;
    this.board = { ...this.apply(this.board, event), seq };
    this.listener.onChange(this.board, event.name);
    if (event.name === 'ticket.called') this.listener.onCall?.(event.payload);
  }

  private apply(board: QueueBoard, event: AnyOfficeEvent): QueueBoard {
    switch (event.name) {
      case 'ticket.issued':
        return board; // waiting counts arrive with queue.updated
      case 'ticket.called': {
        const e = event.payload;
        const counters = upsertCounter(board.counters, e.counterId, (c) => ({
          counterId: e.counterId,
          name: e.counterName,
          status: c?.status ?? 'open',
          nowServing: { ticketId: e.ticketId, number: e.number, status: 'called' },
        }));
        const recentCalls = [
          { ticketId: e.ticketId, number: e.number, counterId: e.counterId, counterName: e.counterName, calledAt: e.calledAt },
          ...board.recentCalls.filter((r) => r.ticketId !== e.ticketId),
        ].slice(0, RECENT_CALLS);
        return { ...board, counters, recentCalls };
      }
      case 'ticket.updated': {
        const e = event.payload;
        const counters = board.counters.map((c) => {
          if (c.nowServing?.ticketId !== e.ticketId) return c;
          if (LEAVES_COUNTER.has(e.status) || (e.counterId !== null && e.counterId !== c.counterId)) return { ...c, nowServing: null };
          return { ...c, nowServing: { ...c.nowServing, status: e.status } };
        });
        return { ...board, counters };
      }
      case 'queue.updated':
        return { ...board, services: event.payload.services };
      case 'counter.updated': {
        const { officeId: _o, seq: _s, ...counter } = event.payload;
        return { ...board, counters: upsertCounter(board.counters, counter.counterId, () => counter) };
      }
      case 'office.updated': {
        // Take only what the event carries: a missing field keeps the board's value.
        const { announcements, voiceLocale } = event.payload;
        return {
          ...board,
          ...(Array.isArray(announcements) ? { announcements } : {}),
          ...(voiceLocale === 'id' || voiceLocale === 'en' ? { voiceLocale } : {}),
        };
      }
    }
  }
}

function upsertCounter(counters: CounterBoard[], counterId: string, make: (existing: CounterBoard | undefined) => CounterBoard): CounterBoard[] {
  const index = counters.findIndex((c) => c.counterId === counterId);
  if (index === -1) return [...counters, make(undefined)];
  return counters.map((c, i) => (i === index ? make(c) : c));
}
