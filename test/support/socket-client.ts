import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck, SubscribeRequest } from '@giliran/contracts';
import { type Socket, io } from 'socket.io-client';

export type QueueClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Received {
  event: string;
  payload: Record<string, unknown>;
}

/** A real socket.io client on /queue that records every event it receives. */
export async function connectQueue(baseUrl: string): Promise<{
  socket: QueueClient;
  received: Received[];
  subscribe(req: SubscribeRequest): Promise<SubscribeAck>;
  waitFor(pred: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
}> {
  const socket: QueueClient = io(`${baseUrl}/queue`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
  const received: Received[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => received.push({ event, payload }));
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return {
    socket,
    received,
    subscribe: (req) => socket.timeout(5000).emitWithAck('subscribe', req),
    waitFor: async (pred, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(received.map((r) => r.event))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
