import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { REDIS } from '@giliran/infra';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

/**
 * Whose bookings changed: a generation per service, new after every booking, cancellation, move
 * or check-in of it, in this process at once and, through Redis, in every other replica. The
 * availability kept for a crowd compares it, so no replica shows a taken place as free for
 * longer than the message takes; its short TTL is the safety net while Redis is away.
 */
@Injectable()
export class AvailabilityChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AvailabilityChanges');
  private readonly generations = new Map<string, number>();
  private changes = 0;
  private readonly channel: string;
  /** Tells this process's own messages apart: it has bumped the generation already. */
  private readonly origin = randomUUID();
  private subscriber: Redis | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}bookings-changed`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('error', (err) => this.logger.warn(`availability invalidation channel: ${err.message}`));
    this.subscriber.on('message', (_channel, message: string) => {
      const [origin, serviceId] = message.split('|');
      if (origin !== this.origin && serviceId) this.bump(serviceId);
    });
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  generation(serviceId: string): number {
    return this.generations.get(serviceId) ?? 0;
  }

  /** After a committed change to the service's bookings: here at once, elsewhere by Redis. */
  changed(serviceId: string): void {
    this.bump(serviceId);
    this.redis
      .publish(this.channel, `${this.origin}|${serviceId}`)
      .catch((err: Error) => this.logger.warn(`could not announce a booking change: ${err.message}`));
  }

  private bump(serviceId: string): void {
    if (this.generations.size > 10_000) this.generations.clear();
    this.generations.set(serviceId, ++this.changes);
  }
}
