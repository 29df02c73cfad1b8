import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '@giliran/config';
import { socketIoKey } from './realtime.publisher';

/**
 * socket.io over the Redis adapter: every instance delivers every event to its own subscribers.
 * A browser may connect from this site, or from an origin of CORS_ORIGINS, and from nowhere else
 * (CORS covers only long polling: the Origin of a WebSocket upgrade is checked here too). A
 * client that is no browser (a kiosk program, an integration) sends no Origin and is let in.
 */
export class RedisIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly config: Pick<AppConfig, 'redisPrefix' | 'corsOrigins' | 'publicUrl'>,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set(this.config.corsOrigins);
    // Behind a proxy that rewrites Host, the site's own pages come from PUBLIC_URL.
    const own = this.config.publicUrl ? new URL(this.config.publicUrl).origin : null;
    const server: Server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 25_000,
      cors: allowed.size ? { origin: [...allowed] } : undefined,
      allowRequest: (req, callback) => {
        const forwarded = req.headers['x-forwarded-host'];
        const hosts = [req.headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
        callback(null, originAllowed(req.headers.origin, hosts, own ? new Set([...allowed, own]) : allowed));
      },
    } as ServerOptions);
    server.adapter(createAdapter(this.pub, this.sub, { key: socketIoKey(this.config.redisPrefix) }));
    return server;
  }

  async closeConnections(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

/**
 * No Origin (not a browser), this very site (the Host, or the host a proxy says it was asked for),
 * or an origin of CORS_ORIGINS or PUBLIC_URL.
 */
export function originAllowed(origin: string | undefined, hosts: (string | undefined)[], allowed: ReadonlySet<string>): boolean {
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    const host = new URL(origin).host;
    return hosts.some((h) => h === host);
  } catch {
    return false;
  }
}
