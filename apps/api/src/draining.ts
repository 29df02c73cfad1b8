import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * Graceful stop under load. Closing the HTTP server waits for every open connection, and kiosks
 * and displays keep theirs alive with request after request, so a SIGTERM under load never
 * finished. From the start of shutdown every answer says `Connection: close`: each connection
 * ends after the request it is serving, nothing in flight is cut, and the process exits once
 * they are done (the database and Redis close only after that).
 */
@Injectable()
export class Draining implements BeforeApplicationShutdown {
  private active = false;

  beforeApplicationShutdown(): void {
    this.active = true;
  }

  /** A Fastify `onRequest` hook. */
  readonly hook = (_req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (this.active) reply.header('Connection', 'close');
    done();
  };
}
