import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { type OfficeEvent, SOCKET_NAMESPACE, type ServerToClientEvents, type TrackingView, rooms } from '@giliran/contracts';
import { REDIS, RedisBreaker } from '@giliran/infra';
import { DomainError } from '@giliran/core';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';

export const socketIoKey = (redisPrefix: string) => `${redisPrefix}socket.io`;

/**
 * Stands for the seq in an encoded event until Redis gives the real one: msgpack writes it as the
 * five bytes CE FF FF FF FF (uint32), which no UTF-8 string contains, and the script below writes
 * the real seq over them in the same width.
 */
const SEQ_PLACEHOLDER = 0xffffffff;
const SEQ_BYTES = Buffer.from([0xce, 0xff, 0xff, 0xff, 0xff]);

/**
 * Takes the office's next seqs and publishes the events in one atomic step, so that every API
 * instance's events reach every subscriber in seq order (two replicas each taking a seq and then
 * publishing could otherwise cross on the way). KEYS[1]: the office's seq; ARGV[1]: the channel;
 * ARGV[2..]: the encoded events, each with the placeholder.
 */
const PUBLISH_SEQUENCED = `
local n = #ARGV - 1
local last = redis.call('INCRBY', KEYS[1], n)
for i = 2, #ARGV do
  local msg = ARGV[i]
  local at = string.find(msg, '\\206\\255\\255\\255\\255', 1, true)
  local seq = struct.pack('>I4', last - n + i - 1)
  redis.call('PUBLISH', ARGV[1], string.sub(msg, 1, at - 1) .. '\\206' .. seq .. string.sub(msg, at + 5))
end
return last
`;

type SequencedRedis = Redis & { publishSequenced(seqKey: string, channel: string, ...messages: Buffer[]): Promise<number> };

/**
 * Publishes realtime events through Redis to every API instance (the socket.io Redis adapter
 * fans them out), so API and worker publish the same way and no process needs to own the sockets.
 * Callers publish only after their transaction committed (invariant 4).
 */
@Injectable()
export class RealtimePublisher implements OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  /** Events were dropped while Redis was down: the screens must take a fresh snapshot when it is back. */
  private dropped = false;
  private readonly onReady = () => {
    if (!this.dropped) return;
    this.dropped = false;
    this.logger.log('Redis answers again: every screen is told to take a fresh snapshot');
    this.resyncEveryone('redis-lost');
  };
  /** Typed by the contract's event map: a payload that is not the one API.md names does not compile. */
  private readonly emitter: Emitter<ServerToClientEvents>;
  private readonly seqPrefix: string;

  /**
   * An emitter that only encodes: the socket.io message and channel of an event, for the script.
   * Office events are typed by `OfficeEvent`; their seq is a placeholder until the script numbers it.
   */
  private readonly encoder: Emitter;
  private encoded: { channel: string; message: Buffer }[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly breaker: RedisBreaker,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The emitter publishes without awaiting: a failure (Redis gone, or closing at shutdown while a
    // board refresh is flushed) would be an unhandled rejection that ends the process. Logged here.
    const publisher = {
      publish: (channel: string, message: Buffer | string) =>
        redis.publish(channel, message).catch((err: Error) => this.logger.warn(`could not publish a ticket update: ${err.message}`)),
    };
    this.emitter = new Emitter<ServerToClientEvents>(publisher, { key: socketIoKey(config.redisPrefix) });
    const recorder = { publish: (channel: string, message: Buffer) => void this.encoded.push({ channel, message }) };
    this.encoder = new Emitter(recorder, { key: socketIoKey(config.redisPrefix) });
    this.seqPrefix = `${config.redisPrefix}seq:`;
    if (!('publishSequenced' in redis)) redis.defineCommand('publishSequenced', { numberOfKeys: 1, lua: PUBLISH_SEQUENCED });
    redis.on('ready', this.onReady);
  }

  onModuleDestroy(): void {
    this.redis.off('ready', this.onReady);
  }

  /** The socket.io messages of an office's events, each with the seq placeholder. */
  private encode(officeId: string, events: readonly OfficeEvent[]): { channel: string; messages: Buffer[] } {
    this.encoded = [];
    const room = this.encoder.of(SOCKET_NAMESPACE).to(rooms.office(officeId));
    for (const event of events) room.emit(event.name, { ...event.payload, officeId, seq: SEQ_PLACEHOLDER });
    const out = this.encoded;
    this.encoded = [];
    for (const { message } of out) {
      const at = message.indexOf(SEQ_BYTES);
      if (at < 0 || message.indexOf(SEQ_BYTES, at + 1) >= 0) throw new Error('an event cannot be sequenced: its seq placeholder is missing or not unique');
    }
    return { channel: out[0].channel, messages: out.map((o) => o.message) };
  }

  /**
   * The last sequence number given to an office's events (0 before the first). Without Redis there
   * is no seq to give a snapshot, and the board is answered 503 rather than with a false one.
   */
  async currentSeq(officeId: string): Promise<number> {
    try {
      if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
      return Number((await this.redis.get(this.seqPrefix + officeId)) ?? 0);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 503, 'the live board is unavailable for a moment; try again shortly', { retryAfterSeconds: 5 });
    }
  }

  /** Events of an office waiting for the next flush, and the promise that flush keeps. */
  private readonly outbox = new Map<string, { events: OfficeEvent[]; sent: Promise<void> }>();

  /**
   * Gives the events consecutive per-office sequence numbers and emits them in that order, in one
   * atomic script (see PUBLISH_SEQUENCED). Calls for one office within the same turn of the event
   * loop are sent together, in the order of the calls: under load, a burst of tickets costs one round trip, not
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
    // Redis is down: the change is committed and a ticket must not wait on its announcement. The
    // events are dropped, and the screens resynchronised once Redis answers again.
    if (this.redis.status !== 'ready' || !this.breaker.closed()) {
      if (!this.dropped) this.logger.warn(`Redis is ${this.redis.status}: realtime events are dropped until it answers, then every screen resyncs`);
      this.dropped = true;
      return;
    }
    try {
      const { channel, messages } = this.encode(officeId, events);
      await (this.redis as SequencedRedis).publishSequenced(this.seqPrefix + officeId, channel, ...messages);
      // Redis hung and came back without dropping the connection (no 'ready'): resync now.
      this.onReady();
    } catch (err) {
      this.dropped = true;
      this.breaker.trip((err as Error).message);
      this.logger.warn(`could not publish ${events.length} event(s) for office ${officeId}: ${(err as Error).message}`);
    }
  }

  /** True the first time a key is seen within a day (for "once per ticket" notices). */
  async once(key: string): Promise<boolean> {
    return (await this.redis.set(`${this.seqPrefix.replace(/seq:$/, '')}once:${key}`, '1', 'EX', 86_400, 'NX')) === 'OK';
  }

  /**
   * Tells every socket of every instance to subscribe again (`queue.resync`): the offices' seqs
   * restarted from nothing, and a screen that kept its last seq would ignore every new event.
   */
  resyncEveryone(reason: 'redis-lost'): void {
    this.emitter.of(SOCKET_NAMESPACE).emit('queue.resync', { reason });
  }

  /** "Your turn is near", to the ticket's own room. */
  async turnNear(trackingToken: string, body: { number: string; position: number }): Promise<void> {
    this.emitter.of(SOCKET_NAMESPACE).to(rooms.ticket(trackingToken)).emit('ticket.near', body);
  }

  async toTicket(trackingToken: string, body: TrackingView): Promise<void> {
    try {
      const room = this.emitter.of(SOCKET_NAMESPACE).to(rooms.ticket(trackingToken));
      // API.md's name, whose payload elsewhere is an office event, and the room's own typed name.
      room.emit('ticket.updated', body);
      room.emit('ticket.tracking', body);
    } catch (err) {
      this.logger.warn(`could not publish a ticket update: ${(err as Error).message}`);
    }
  }
}
