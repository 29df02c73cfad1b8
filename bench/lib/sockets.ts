import { fork } from 'node:child_process';
import { join } from 'node:path';
import { type Socket, io } from 'socket.io-client';
import { ROOT, freePort } from '../../test/support/app-process';
import { progress } from './measure';

/**
 * A client address of its own for the i-th simulated screen or phone (10.x.y.z, given as
 * X-Forwarded-For to an API that trusts the loopback proxy): the API allows each address a few
 * hundred subscriptions per ten seconds, and thousands of halls and phones are thousands of addresses.
 */
export const clientAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/**
 * Connects `n` sockets to the /queue namespace, 250 at a time, each from its own address: `setUp`
 * before it connects (its listeners), `ready` once connected (a subscription), within its batch.
 */
export async function connectSockets(
  url: string,
  n: number,
  what: string,
  opts: { setUp?: (s: Socket) => void; ready?: (s: Socket) => Promise<void> } = {},
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < n; start += 250) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(250, n - start) }, async (_, k) => {
        const s = io(`${url}/queue`, {
          path: '/socket.io',
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { 'x-forwarded-for': clientAddress(start + k) },
        });
        opts.setUp?.(s);
        await new Promise<void>((res, rej) => {
          s.once('connect', () => res());
          s.once('connect_error', rej);
        });
        await opts.ready?.(s);
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

/** A running bare socket.io server (bench/bare-socketio.cjs), in its own process like the API. */
export interface BareSocketio {
  url: string;
  pid: number;
  stop(): void;
}

/** The raw baseline of the socket scenarios: broadcasts `payload` on POST /emit, and acknowledges a subscribe with it. */
export async function startBareSocketio(payload: unknown): Promise<BareSocketio> {
  const port = await freePort();
  const child = fork(join(ROOT, 'bench', 'bare-socketio.cjs'), [], {
    env: { ...process.env, PORT: String(port), PAYLOAD: JSON.stringify(payload) },
    stdio: 'ignore',
  });
  await new Promise((r) => child.once('message', r));
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => void child.kill() };
}
