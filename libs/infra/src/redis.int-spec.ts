import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisUnavailableError, createRedis, resolveRedisUrl } from './redis';

const unusedPort = () =>
  new Promise<number>((res) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });

/**
 * redis-server does not run under libfaketime (a suite tried around midnight, README "Tests"):
 * then it is started through a wrapper that leaves the fake clock out.
 */
function redisServerBinary(): string {
  if (!process.env.LD_PRELOAD?.includes('faketime')) return 'redis-server';
  const wrapper = join(mkdtempSync(join(tmpdir(), 'giliran-redis-bin-')), 'redis-server');
  writeFileSync(wrapper, '#!/bin/sh\nunset LD_PRELOAD FAKETIME\nexec redis-server "$@"\n');
  chmodSync(wrapper, 0o755);
  return wrapper;
}

describe('Redis for the embedded default (API.md)', () => {
  const varDir = () => mkdtempSync(join(tmpdir(), 'giliran-redis-'));

  it('takes REDIS_URL as given', async () => {
    expect(await resolveRedisUrl('redis://cache.internal:6380/2', varDir())).toBe('redis://cache.internal:6380/2');
  });

  it('uses 127.0.0.1:6379 when it answers', async () => {
    expect(await resolveRedisUrl(undefined, varDir())).toBe('redis://127.0.0.1:6379');
  });

  it('otherwise starts a private redis-server with its data in var/', async () => {
    const log: string[] = [];
    const dir = varDir();
    const url = await resolveRedisUrl(undefined, dir, (m) => log.push(m), { host: '127.0.0.1', port: await unusedPort(), binary: redisServerBinary() });
    expect(url).toBe(`redis+unix://${join(dir, 'redis', 'redis.sock')}`);
    expect(log).toEqual([`started a private redis-server (data in ${join(dir, 'redis')})`]);
    const client = createRedis(url);
    try {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'dir')).toEqual(['dir', join(dir, 'redis')]);
      // Stop it now rather than at process exit; the reply never comes, so do not wait for it.
      client.shutdown('NOSAVE').catch(() => undefined);
    } finally {
      client.disconnect();
    }
  });

  it('and with no redis-server at all, says how to get one', async () => {
    const attempt = resolveRedisUrl(undefined, varDir(), () => undefined, {
      host: '127.0.0.1',
      port: await unusedPort(),
      binary: 'redis-server-that-does-not-exist',
    });
    await expect(attempt).rejects.toThrow(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(/apt-get install redis-server/);
  });
});
