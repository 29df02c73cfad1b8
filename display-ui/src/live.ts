import type { QueueBoard, RecentCall, OfficeEventName } from '@giliran/contracts';
import { BoardStore, type BoardTarget } from '../../ui-shared/board';
import { connectQueue } from '../../ui-shared/socket';

/** One call to show and announce: live from `ticket.called`, or found missing in a fresh snapshot. */
export interface CallNotice {
  ticketId: string;
  number: string;
  counterId: string;
  counterName: string;
  calledAt: string;
  recall: boolean;
}

export interface LiveHandlers {
  onBoard(board: QueueBoard, source: 'snapshot' | OfficeEventName): void;
  onCall(call: CallNotice): void;
  /** `lastSync` is when the board was last known to be current. */
  onConnection(online: boolean, lastSync: Date | null): void;
  onSubscribeError(error: { code: string; message: string }): void;
}

/** Calls missed while away are still announced when we come back within this time… */
const ANNOUNCE_MISSED_WITHIN_MS = 3 * 60_000;
/** …but only the last few: a display back after a long outage should not read out a backlog. */
const ANNOUNCE_MISSED_MAX = 4;
/** A fresh snapshot now and then heals anything a lost last event (no gap to notice yet) left behind. */
const REFRESH_MS = 2 * 60_000;

const callKey = (c: RecentCall) => `${c.ticketId}@${c.calledAt}`;

/**
 * The display's live connection: the board store (snapshot + seq-ordered events, a gap means a
 * new snapshot), the online state, and calls — including those a resync reveals as missed, so a
 * call made during a short outage or a sequence gap is still shown and announced.
 */
export function connectLive(target: BoardTarget, handlers: LiveHandlers): { refresh(): void } {
  const socket = connectQueue();
  let board: QueueBoard | null = null;
  let online = false;
  let lastSync: Date | null = null;
  /** When the connection went; cleared by the next snapshot. */
  let disconnectedAt: number | null = null;

  const setOnline = (value: boolean) => {
    if (!value && online) {
      lastSync = new Date();
      disconnectedAt = Date.now();
    }
    if (online === value) return;
    online = value;
    handlers.onConnection(online, lastSync);
  };

  socket.on('connect', () => setOnline(true));
  socket.on('disconnect', () => setOnline(false));
  socket.on('connect_error', () => setOnline(false));

  // The operating system knows first when the network goes: drop the socket at once (rather
  // than after socket.io's ping timeout) and reconnect the moment it is back, without waiting
  // out the reconnection backoff.
  window.addEventListener('offline', () => {
    socket.disconnect();
    setOnline(false);
  });
  window.addEventListener('online', () => {
    if (!socket.connected) socket.disconnect().connect();
  });

  const missedCalls = (previous: QueueBoard, next: QueueBoard): CallNotice[] => {
    if (disconnectedAt !== null && Date.now() - disconnectedAt > ANNOUNCE_MISSED_WITHIN_MS) return [];
    const seen = new Set(previous.recentCalls.map(callKey));
    const seenTickets = new Set(previous.recentCalls.map((c) => c.ticketId));
    const newest = previous.recentCalls.reduce((max, c) => (c.calledAt > max ? c.calledAt : max), '');
    return next.recentCalls
      .filter((c) => !seen.has(callKey(c)) && c.calledAt > newest)
      .sort((a, b) => a.calledAt.localeCompare(b.calledAt))
      .slice(-ANNOUNCE_MISSED_MAX)
      .map((c) => ({ ...c, recall: seenTickets.has(c.ticketId) }));
  };

  const store = new BoardStore(socket, target, {
    onChange(next, source) {
      const previous = board;
      board = next;
      handlers.onBoard(next, source);
      if (source === 'snapshot') {
        if (previous) for (const call of missedCalls(previous, next)) handlers.onCall(call);
        disconnectedAt = null;
      }
      if (socket.connected) lastSync = new Date();
    },
    onCall(event) {
      handlers.onCall({
        ticketId: event.ticketId,
        number: event.number,
        counterId: event.counterId,
        counterName: event.counterName,
        calledAt: event.calledAt,
        recall: event.recall,
      });
    },
    onSubscribeError: (error) => handlers.onSubscribeError(error),
  });

  window.setInterval(() => {
    if (socket.connected) store.refresh();
  }, REFRESH_MS);

  return { refresh: () => store.refresh() };
}
