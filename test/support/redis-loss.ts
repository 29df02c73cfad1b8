import { Redis } from 'ioredis';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { REDIS_URL } from './test-env';

/**
 * What a Redis restart without persistence does to one deployment: every key under its prefix is
 * gone, and the connections of its processes drop (they reconnect on their own). Only the given
 * processes' connections are cut, so other tests sharing the server go on undisturbed.
 */
export async function loseRedisState(prefix: string, pids: number[]): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
    const port = Number(new URL(REDIS_URL).port || 6379);
    for (const local of pids.flatMap((pid) => localPortsTo(pid, port))) await redis.client('KILL', 'ADDR', `127.0.0.1:${local}`).catch(() => undefined);
  } finally {
    redis.disconnect();
  }
}

/** The local ports of a process's TCP connections to `port` (from /proc: its socket inodes, then the kernel's tables). */
function localPortsTo(pid: number, port: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      const [local, remote, inode] = [f[1], f[2], f[9]];
      if (inodes.has(inode) && parseInt(remote.split(':')[1], 16) === port) ports.push(parseInt(local.split(':')[1], 16));
    }
  }
  return ports;
}
