import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

function answersPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export class RedisUnavailableError extends Error {}

/**
 * API.md: REDIS_URL if set; else 127.0.0.1:6379 if it answers; else a private redis-server from
 * PATH with its data in var/ (it lives and dies with this process); else a clear error.
 */
export async function resolveRedisUrl(
  configured: string | undefined,
  varDir: string,
  log: (msg: string) => void = () => undefined,
  probe: { host: string; port: number; binary: string } = { host: '127.0.0.1', port: 6379, binary: 'redis-server' },
): Promise<string> {
  if (configured) return configured;
  if (await answersPing(probe.host, probe.port)) return `redis://${probe.host}:${probe.port}`;
  // A binary that hangs must not hang the start-up with it.
  const found = spawnSync(probe.binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (found.error || found.status !== 0) {
    throw new RedisUnavailableError(
      'Redis is needed and none was found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, ' +
        'and there is no redis-server on PATH. Install one (Debian/Ubuntu: apt-get install redis-server; ' +
        'macOS: brew install redis) or set REDIS_URL=redis://host:6379.',
    );
  }
  const dir = join(varDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const socketPath = join(dir, 'redis.sock');
  const child = spawn(
    probe.binary,
    ['--port', '0', '--unixsocket', socketPath, '--unixsocketperm', '700', '--dir', dir, '--save', '60 1', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  child.unref();
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  for (let i = 0; i < 50; i++) {
    const probe = new Redis({ path: socketPath, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined); // not up yet: we try again
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      log(`started a private redis-server (data in ${dir})`);
      return `redis+unix://${socketPath}`;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop();
  throw new RedisUnavailableError(`the private redis-server in ${dir} did not start`);
}

/** ioredis options from a URL; `redis+unix:///path` is our spelling for a private Unix socket. */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions {
  if (url.startsWith('redis+unix://')) return { path: url.slice('redis+unix://'.length), ...extra };
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  };
}

export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(redisOptions(url, extra));
}
