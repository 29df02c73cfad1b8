import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { socketIoKey } from './realtime.publisher';

/** socket.io over the Redis adapter: every instance delivers every event to its own subscribers. */
export class RedisIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly redisPrefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, path: '/socket.io', serveClient: false, pingInterval: 20_000, pingTimeout: 25_000 } as ServerOptions);
    server.adapter(createAdapter(this.pub, this.sub, { key: socketIoKey(this.redisPrefix) }));
    return server;
  }

  async closeConnections(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
