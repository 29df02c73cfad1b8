import type { OfficeEventName, QueueBoard } from '@giliran/contracts';
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
/**
 * A network can stall without a word (a Wi-Fi uplink dead, no browser `offline` event), and
 * socket.io's own ping notices only after 45 s. The display asks the server every few seconds;
 * an answer missing for HEARTBEAT_TIMEOUT_MS means a stall: said on the screen at once (within
 * HEARTBEAT_EVERY_MS + HEARTBEAT_TIMEOUT_MS, under 10 s), and a new connection is sought.
 */
export const HEARTBEAT_EVERY_MS = 3000;
export const HEARTBEAT_TIMEOUT_MS = 4000;

const SAME_CALL_SLACK_MS = 1000;
/** An officer cannot recall faster than this; a later time for a known ticket is a recall. */
const RECALL_MIN_GAP_MS = 3000;

/**
 * The display's live connection: the board store (snapshot + seq-ordered events, a gap means a
 * new snapshot), the online state, and calls — including those a resync reveals as missed, so a
 * call made during a short outage or a sequence gap is still shown and announced.
 */
export function connectLive(target: BoardTarget, handlers: LiveHandlers): { refresh(): void } {
  // A hall display comes back within a second of its network: no long reconnection backoff.
  const socket = connectQueue({ reconnectionDelayMax: 1000 });
  let board: QueueBoard | null = null;
  // Assume online until told otherwise, so a normal start shows no offline flash.
  let online = true;
  let lastSync: Date | null = null;
  /** When the connection went; cleared by the next snapshot. */
  let disconnectedAt: number | null = null;

  const setOnline = (value: boolean) => {
    if (!value && online) {
      if (board) lastSync = new Date();
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

  // Compared by ticket and time with some slack: a snapshot's time of a call may differ by a few
  // milliseconds from the event's, and that must not make a call we already announced look new.
  const missedCalls = (previous: QueueBoard, next: QueueBoard): CallNotice[] => {
    if (disconnectedAt !== null && Date.now() - disconnectedAt > ANNOUNCE_MISSED_WITHIN_MS) return [];
    const known = new Map(previous.recentCalls.map((c) => [c.ticketId, Date.parse(c.calledAt)]));
    const newest = Math.max(-Infinity, ...known.values());
    return next.recentCalls
      .filter((c) => {
        const at = Date.parse(c.calledAt);
        const before = known.get(c.ticketId);
        if (before === undefined) return at > newest - SAME_CALL_SLACK_MS; // a call we never saw
        return at - before > RECALL_MIN_GAP_MS; // called again while we were away
      })
      .sort((a, b) => a.calledAt.localeCompare(b.calledAt))
      .slice(-ANNOUNCE_MISSED_MAX)
      .map((c) => ({ ...c, recall: known.has(c.ticketId) }));
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

  let probing = false;
  window.setInterval(() => {
    if (!socket.connected || probing) return;
    probing = true;
    socket
      .timeout(HEARTBEAT_TIMEOUT_MS)
      .emitWithAck('heartbeat')
      .then(
        () => undefined,
        () => {
          if (!socket.connected) return;
          // Stalled: say so now, and start over (the reconnect brings a fresh snapshot).
          setOnline(false);
          socket.disconnect().connect();
        },
      )
      .finally(() => (probing = false));
  }, HEARTBEAT_EVERY_MS);

  return { refresh: () => store.refresh() };
}
