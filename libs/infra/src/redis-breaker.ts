import { Injectable, Logger } from '@nestjs/common';

/** After a command timed out, Redis is left alone this long before it is tried again. */
const OPEN_FOR_MS = 5000;

/**
 * One verdict on a Redis that hangs, for the whole process. A hung Redis keeps its connections
 * open and answers nothing, so every command waits for its timeout: without a shared verdict
 * the rate limiter, the publisher and the job queue would each wait in turn, and a kiosk's ticket
 * would pass its deadline. The first timeout opens the breaker; while open, callers skip Redis
 * (and fall back as they do when it is down); it closes by itself and the next command tells.
 */
@Injectable()
export class RedisBreaker {
  private readonly logger = new Logger('RedisBreaker');
  private openUntil = 0;

  /** True while Redis should be tried. */
  closed(now = Date.now()): boolean {
    return now >= this.openUntil;
  }

  /** A command failed or timed out. */
  trip(reason: string, now = Date.now()): void {
    if (this.closed(now)) this.logger.warn(`Redis did not answer (${reason}): left alone for ${OPEN_FOR_MS / 1000} s`);
    this.openUntil = now + OPEN_FOR_MS;
  }
}
