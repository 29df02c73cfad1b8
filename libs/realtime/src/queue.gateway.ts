import { APP_CONFIG, type AppConfig } from '@giliran/config';
import type { ClientToServerEvents, QueueBoard, ServerToClientEvents, SubscribeAck, SubscribeRefusal, TrackingView } from '@giliran/contracts';
import { rooms } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
import { RateCounter, type TrustProxy, addressKey, clientAddressOf, trustProxyFunction } from '@giliran/infra';
import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

/** What the gateway needs from the ticketing side to answer a subscription with a snapshot. */
export interface SnapshotSource {
  officeBoard(officeId: string): Promise<QueueBoard>;
  counterOffice(counterId: string): Promise<string>;
  tracking(trackingToken: string): Promise<TrackingView>;
}
export const SNAPSHOT_SOURCE = Symbol('SNAPSHOT_SOURCE');

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_ROOMS_PER_SOCKET = 16;

/**
 * Subscriptions a socket may ask for, and a client address (all its sockets, on every replica),
 * per window. A screen subscribes on connecting, on a gap and on a resync: a few a minute. A hall
 * of phones behind one carrier NAT shares an address, hence the larger allowance there.
 */
export const SUBSCRIBE_LIMITS = { perSocket: 20, perAddress: 300, windowMs: 10_000 } as const;
/** A socket that goes on asking this far past its limit is cut off. */
const DISCONNECT_AFTER = SUBSCRIBE_LIMITS.perSocket * 3;
/** A snapshot not read by then (a database that hangs) is refused rather than left unanswered. */
const SNAPSHOT_DEADLINE_MS = 5000;

type QueueSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { subscribes?: { count: number; since: number }; address?: string }
>;

/**
 * Joins sockets to rooms and answers with a snapshot; the events themselves come via Redis.
 * Ids are compared in lower case (a room is named by the id as stored); a refused subscription
 * leaves no room joined; subscribing is rate-limited per socket and per client address.
 */
@WebSocketGateway({ namespace: '/queue' })
export class QueueGateway {
  private readonly logger = new Logger('QueueGateway');
  private readonly trust: TrustProxy;

  constructor(
    @Inject(SNAPSHOT_SOURCE) private readonly source: SnapshotSource,
    private readonly counter: RateCounter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trust = trustProxyFunction(config.trustProxy);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: QueueSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const joined: string[] = [];
    try {
      await this.admit(socket);
      if (socket.rooms.size > MAX_ROOMS_PER_SOCKET) return fail('TOO_MANY_SUBSCRIPTIONS', 'too many subscriptions on one connection');
      const req = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
      const keys = Object.keys(req);
      if (keys.length !== 1) return fail('VALIDATION_FAILED', 'send exactly one of officeId, counterId, trackingToken');
      const join = async (...names: string[]) => {
        const fresh = names.filter((n) => !socket.rooms.has(n));
        await socket.join(names);
        joined.push(...fresh);
      };
      if (typeof req.officeId === 'string' && ID.test(req.officeId)) {
        const officeId = req.officeId.toLowerCase();
        // Join first, then read: an event committed in between is seen twice, never lost.
        await join(rooms.office(officeId));
        return await this.withinDeadline(this.source.officeBoard(officeId));
      }
      if (typeof req.counterId === 'string' && ID.test(req.counterId)) {
        const counterId = req.counterId.toLowerCase();
        const officeId = await this.withinDeadline(this.source.counterOffice(counterId));
        await join(rooms.counter(counterId), rooms.office(officeId));
        return await this.withinDeadline(this.source.officeBoard(officeId));
      }
      if (typeof req.trackingToken === 'string' && TOKEN.test(req.trackingToken)) {
        const snapshot = await this.withinDeadline(this.source.tracking(req.trackingToken));
        await join(rooms.ticket(req.trackingToken));
        return snapshot;
      }
      return fail('VALIDATION_FAILED', 'officeId, counterId or trackingToken is malformed');
    } catch (err) {
      // A refused subscription takes no room.
      for (const room of joined) await socket.leave(room);
      if (err instanceof DomainError) return fail(err.code, err.message);
      if ((err as { code?: unknown }).code === 'SERVICE_UNAVAILABLE')
        return fail('SERVICE_UNAVAILABLE', 'the service is unavailable for a moment; try again shortly');
      this.logger.error((err as Error).stack ?? String(err));
      return fail('INTERNAL_ERROR', 'internal error');
    }
  }

  /** A display's liveness probe: answered at once, nothing read (see ClientToServerEvents.heartbeat). */
  @SubscribeMessage('heartbeat')
  heartbeat(): { at: number } {
    return { at: Date.now() };
  }

  /** Counts the subscription against the socket's and the address's allowance; RATE_LIMITED past either. */
  private async admit(socket: QueueSocket, now = Date.now()): Promise<void> {
    const mine = socket.data.subscribes && now - socket.data.subscribes.since < SUBSCRIBE_LIMITS.windowMs ? socket.data.subscribes : { count: 0, since: now };
    socket.data.subscribes = mine;
    mine.count += 1;
    if (mine.count > DISCONNECT_AFTER) {
      socket.disconnect(true);
      throw new DomainError('RATE_LIMITED', 429, 'too many subscriptions; disconnected');
    }
    if (mine.count > SUBSCRIBE_LIMITS.perSocket) throw new DomainError('RATE_LIMITED', 429, 'too many subscriptions on this connection; wait a few seconds');
    socket.data.address ??= addressKey(clientAddressOf(socket.request, this.trust));
    const byAddress = await this.counter.hit(`subscribe:${socket.data.address}`, SUBSCRIBE_LIMITS.windowMs);
    if (byAddress.count > SUBSCRIBE_LIMITS.perAddress)
      throw new DomainError('RATE_LIMITED', 429, 'too many subscriptions from this address; wait a few seconds');
  }

  private async withinDeadline<T>(read: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new DomainError('SERVICE_UNAVAILABLE', 503, 'the service is unavailable for a moment; try again shortly')),
          SNAPSHOT_DEADLINE_MS,
        )),
    );
    try {
      return await Promise.race([read, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function fail(code: string, message: string): SubscribeRefusal {
  return { error: { code, message } };
}
