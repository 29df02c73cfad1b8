import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_NAMESPACE,
  isRefusal,
  type ClientToServerEvents,
  type QueueBoard,
  type ServerToClientEvents,
  type SubscribeAck,
  type SubscribeRequest,
  type TrackingView,
} from '@giliran/contracts';

export type QueueSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The `/queue` namespace on this origin; socket.io reconnects on its own, with backoff. A
 * WebSocket first (one round trip to the first board instead of four or five of long polling),
 * long polling where a proxy or a browser refuses WebSockets.
 */
export function connectQueue(opts: { reconnectionDelayMax?: number } = {}): QueueSocket {
  return io(SOCKET_NAMESPACE, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // A fresh manager per call: the console opens a new socket after logging in again.
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: opts.reconnectionDelayMax ?? 10_000,
    timeout: 10_000,
  });
}

const ACK_TIMEOUT_MS = 8000;

/** Subscribes and resolves with the ack; a lost ack rejects so the caller can retry. */
export async function subscribe(socket: QueueSocket, req: SubscribeRequest): Promise<SubscribeAck> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', req);
}

/**
 * Keeps a subscription alive: subscribes on every (re)connect and whenever the server says
 * `queue.resync`, retrying a failed subscribe while connected. `onSnapshot` gets each successful
 * acknowledgement, which is the snapshot itself (API.md "Realtime").
 */
export function keepSubscribed(
  socket: QueueSocket,
  req: () => SubscribeRequest,
  onSnapshot: (snapshot: QueueBoard | TrackingView) => void,
  onError?: (error: { code: string; message: string }) => void,
): { resubscribe(): void } {
  let attempt = 0;
  let retryTimer: number | undefined;

  const run = async () => {
    window.clearTimeout(retryTimer);
    const mine = ++attempt;
    try {
      const ack = await subscribe(socket, req());
      if (mine !== attempt) return; // a newer subscribe superseded this one
      if (!isRefusal(ack)) {
        onSnapshot(ack);
      } else {
        onError?.(ack.error);
        // A rejected subscribe (e.g. unknown office) will not heal by retrying quickly.
        retryTimer = window.setTimeout(() => socket.connected && void run(), 30_000);
      }
    } catch {
      if (mine !== attempt || !socket.connected) return;
      retryTimer = window.setTimeout(() => socket.connected && void run(), 2000);
    }
  };

  socket.on('connect', () => void run());
  // The server's event history restarted (Redis came back empty): a fresh snapshot, a fresh seq.
  socket.on('queue.resync', () => void run());
  if (socket.connected) void run();
  return { resubscribe: () => void run() };
}
