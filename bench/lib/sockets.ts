import { type Socket, io } from 'socket.io-client';
import { progress } from './measure';

/**
 * A client address of its own for the i-th simulated screen or phone (10.x.y.z, given as
 * X-Forwarded-For to an API that trusts the loopback proxy): the API allows each address a few
 * hundred subscriptions per ten seconds, and thousands of halls and phones are thousands of addresses.
 */
export const clientAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Connects `n` sockets to the /queue namespace, 250 at a time, each from its own address. */
export async function connectSockets(url: string, n: number, what: string, setUp?: (s: Socket, i: number) => void): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < n; start += 250) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(250, n - start) }, async (_, k) => {
        const i = start + k;
        const s = io(`${url}/queue`, {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { 'x-forwarded-for': clientAddress(i) },
        });
        setUp?.(s, i);
        await new Promise<void>((res, rej) => {
          s.once('connect', () => res());
          s.once('connect_error', rej);
        });
        return s;
      }),
    );
    sockets.push(...batch);
    progress(`${what}: ${sockets.length}/${n} sockets`);
  }
  return sockets;
}

/** A subscription's acknowledgement: the snapshot, or `{error}`. */
export function subscribe(s: Socket, req: Record<string, string>, timeoutMs = 10_000): Promise<{ seq?: number; error?: { code: string } }> {
  return s.timeout(timeoutMs).emitWithAck('subscribe', req) as Promise<{ seq?: number; error?: { code: string } }>;
}
