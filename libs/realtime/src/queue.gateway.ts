import type { ClientToServerEvents, QueueBoard, ServerToClientEvents, SubscribeAck, SubscribeRefusal, TrackingView } from '@giliran/contracts';
import { rooms } from '@giliran/contracts';
import { DomainError } from '@giliran/core';
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

const ID = /^[0-9a-f-]{36}$/i;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_ROOMS_PER_SOCKET = 16;

type QueueSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Joins sockets to rooms and answers with a snapshot; the events themselves come via Redis. */
@WebSocketGateway({ namespace: '/queue' })
export class QueueGateway {
  private readonly logger = new Logger('QueueGateway');

  constructor(@Inject(SNAPSHOT_SOURCE) private readonly source: SnapshotSource) {}

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: QueueSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    try {
      if (socket.rooms.size > MAX_ROOMS_PER_SOCKET) return fail('TOO_MANY_SUBSCRIPTIONS', 'too many subscriptions on one connection');
      const req = (body ?? {}) as Record<string, unknown>;
      const keys = Object.keys(req);
      if (keys.length !== 1) return fail('VALIDATION_FAILED', 'send exactly one of officeId, counterId, trackingToken');
      if (typeof req.officeId === 'string' && ID.test(req.officeId)) {
        // Join first, then read: an event committed in between is seen twice, never lost.
        await socket.join(rooms.office(req.officeId));
        return await this.source.officeBoard(req.officeId);
      }
      if (typeof req.counterId === 'string' && ID.test(req.counterId)) {
        const officeId = await this.source.counterOffice(req.counterId);
        await socket.join([rooms.counter(req.counterId), rooms.office(officeId)]);
        return await this.source.officeBoard(officeId);
      }
      if (typeof req.trackingToken === 'string' && TOKEN.test(req.trackingToken)) {
        const snapshot = await this.source.tracking(req.trackingToken);
        await socket.join(rooms.ticket(req.trackingToken));
        return snapshot;
      }
      return fail('VALIDATION_FAILED', 'officeId, counterId or trackingToken is malformed');
    } catch (err) {
      if (err instanceof DomainError) return fail(err.code, err.message);
      this.logger.error((err as Error).stack ?? String(err));
      return fail('INTERNAL_ERROR', 'internal error');
    }
  }
}

function fail(code: string, message: string): SubscribeRefusal {
  return { error: { code, message } };
}
