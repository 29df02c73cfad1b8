import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { DomainError } from '@giliran/core';
import { SIGNATURE_HEADER, signWebhook } from '@giliran/notifications';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

/** The request as the JSON parser left it: the body's exact text beside the parsed body. */
export type RawBodyRequest = FastifyRequest & { rawBody?: string };

/** `sha256=` and 64 hex digits: anything else is no signature (and not compared). */
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * A messaging gateway's request is signed as our outgoing webhooks are: `x-giliran-signature:
 * sha256=<hex HMAC of the raw body with WEBHOOK_SECRET>`. Anything else is 401 before the body's
 * fields are validated (a stranger learns nothing of what a valid body looks like); a body that is
 * not JSON at all is refused before, by the parser (400, 415).
 */
@Injectable()
export class InboundSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RawBodyRequest>();
    const given = req.headers[SIGNATURE_HEADER];
    const expected = signWebhook(this.config.webhookSecret, req.rawBody ?? '');
    if (typeof given !== 'string' || !SIGNATURE.test(given) || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
      throw new DomainError('UNAUTHORIZED', 401, `a valid ${SIGNATURE_HEADER} is required`);
    return true;
  }
}
