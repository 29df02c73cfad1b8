import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, realClockEnv } from './app-process';

/** A redis-server of a test's own (nothing on disk), to stop, kill, flush and start again at will. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL: connections drop at once, as in a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs, its connections open and silent. */
  freeze(): void;
  thaw(): void;
  /** A client of the test's own. */
  client(): Redis;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const clients: Redis[] = [];
  const up = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
      env: realClockEnv(),
    });
    for (let i = 0; i < 100; i++) {
      const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server on ${port} did not start`);
  };
  const down = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  };
  await up();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => down('SIGKILL'),
    start: up,
    freeze: () => void (child as ChildProcess | null)?.kill('SIGSTOP'),
    thaw: () => void (child as ChildProcess | null)?.kill('SIGCONT'),
    client: () => {
      const c = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    stop: async () => {
      for (const c of clients) c.disconnect();
      await down('SIGTERM');
    },
  };
}
