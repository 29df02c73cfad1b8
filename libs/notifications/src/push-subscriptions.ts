import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { DomainError, PiiCipher } from '@giliran/core';
import { REDIS, RedisBreaker } from '@giliran/infra';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { PushSubscriptionKeys } from './push-endpoint';

/** Kept at least this long, so a subscription made in the last seconds of a day is not refused. */
const MIN_TTL_MS = 60_000;

/**
 * The browser subscriptions of tickets' tracking pages, one per ticket. An endpoint names a
 * citizen's device: personal data. It is kept in Redis, sealed with PII_KEY, under the ticket's
 * id (never its tracking token), and only until the end of the ticket's business day; it goes
 * sooner when the citizen unsubscribes, when the near-turn message has been sent, when the ticket
 * no longer waits, or when the push service says the subscription is gone.
 */
@Injectable()
export class PushSubscriptions {
  private readonly pii: PiiCipher;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly breaker: RedisBreaker,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pii = new PiiCipher(config.piiKey);
    this.prefix = `${config.redisPrefix}push:ticket:`;
  }

  /** Keeps (or replaces) the ticket's subscription until `until`. */
  async save(ticketId: string, subscription: PushSubscriptionKeys, until: Date, now = Date.now()): Promise<void> {
    const sealed = this.pii.encrypt(
      JSON.stringify({ endpoint: subscription.endpoint, keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth } }),
    );
    await this.command(() => this.redis.set(this.prefix + ticketId, sealed, 'PX', Math.max(MIN_TTL_MS, until.getTime() - now)));
  }

  async remove(ticketId: string): Promise<void> {
    await this.command(() => this.redis.del(this.prefix + ticketId));
  }

  async find(ticketId: string): Promise<PushSubscriptionKeys | null> {
    const sealed = await this.command(() => this.redis.get(this.prefix + ticketId));
    return sealed ? (JSON.parse(this.pii.decrypt(sealed)) as PushSubscriptionKeys) : null;
  }

  /** Whether a ticket has one; false while Redis is away (the page, if open, still says it). */
  async has(ticketId: string): Promise<boolean> {
    if (this.redis.status !== 'ready' || !this.breaker.closed()) return false;
    try {
      return (await this.redis.exists(this.prefix + ticketId)) === 1;
    } catch {
      return false;
    }
  }

  private async command<T>(run: () => Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready' || !this.breaker.closed()) throw unavailable();
    try {
      return await run();
    } catch (err) {
      this.breaker.trip((err as Error).message);
      throw unavailable();
    }
  }
}

const unavailable = () =>
  new DomainError('SERVICE_UNAVAILABLE', 503, 'notifications by push are unavailable for a moment; try again shortly', { retryAfterSeconds: 5 });
