import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { type OfficeEvent, SOCKET_NAMESPACE, type TrackingView, rooms } from '@giliran/contracts';
import { REDIS } from '@giliran/infra';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';

export const socketIoKey = (redisPrefix: string) => `${redisPrefix}socket.io`;

/**
 * Publishes realtime events through Redis to every API instance (the socket.io Redis adapter
 * fans them out), so API and worker publish the same way and no process needs to own the sockets.
 * Callers publish only after their transaction committed (invariant 4).
 */
@Injectable()
export class RealtimePublisher {
  private readonly logger = new Logger('Realtime');
  private readonly emitter: Emitter;
  private readonly seqPrefix: string;

  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.emitter = new Emitter(redis, { key: socketIoKey(config.redisPrefix) });
    this.seqPrefix = `${config.redisPrefix}seq:`;
  }

  /** The last sequence number given to an office's events (0 before the first). */
  async currentSeq(officeId: string): Promise<number> {
    return Number((await this.redis.get(this.seqPrefix + officeId)) ?? 0);
  }

  /** Events of an office waiting for the next flush, and the promise that flush keeps. */
  private readonly outbox = new Map<string, { events: OfficeEvent[]; sent: Promise<void> }>();

  /**
   * Gives the events consecutive per-office sequence numbers (one INCRBY) and emits them in that
   * order. Calls for one office within the same turn of the event loop are sent together, with one
   * INCRBY, in the order of the calls: under load, a burst of tickets costs one round trip, not
   * one each. A failure is logged, never thrown: the state is committed, and clients recover by
   * snapshot.
   */
  publish(officeId: string, events: readonly OfficeEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    let box = this.outbox.get(officeId);
    if (!box) {
      const pending: OfficeEvent[] = [];
      const sent = new Promise<void>((resolve) =>
        setImmediate(() => {
          this.outbox.delete(officeId);
          void this.send(officeId, pending).then(resolve);
        }),
      );
      box = { events: pending, sent };
      this.outbox.set(officeId, box);
    }
    box.events.push(...events);
    return box.sent;
  }

  private async send(officeId: string, events: readonly OfficeEvent[]): Promise<void> {
    try {
      const last = await this.redis.incrby(this.seqPrefix + officeId, events.length);
      const room = this.emitter.of(SOCKET_NAMESPACE).to(rooms.office(officeId));
      events.forEach((event, i) => {
        room.emit(event.name, { ...event.payload, officeId, seq: last - events.length + 1 + i });
      });
    } catch (err) {
      this.logger.warn(`could not publish ${events.length} event(s) for office ${officeId}: ${(err as Error).message}`);
    }
  }

  /** True the first time a key is seen within a day (for "once per ticket" notices). */
  async once(key: string): Promise<boolean> {
    return (await this.redis.set(`${this.seqPrefix.replace(/seq:$/, '')}once:${key}`, '1', 'EX', 86_400, 'NX')) === 'OK';
  }

  /** "Your turn is near", to the ticket's own room. */
  async turnNear(trackingToken: string, body: { number: string; position: number }): Promise<void> {
    this.emitter.of(SOCKET_NAMESPACE).to(rooms.ticket(trackingToken)).emit('ticket.near', body);
  }

  async toTicket(trackingToken: string, body: TrackingView): Promise<void> {
    try {
      this.emitter.of(SOCKET_NAMESPACE).to(rooms.ticket(trackingToken)).emit('ticket.updated', body);
    } catch (err) {
      this.logger.warn(`could not publish a ticket update: ${(err as Error).message}`);
    }
  }
}
