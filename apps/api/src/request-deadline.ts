import type { WithDeadline } from '@giliran/infra';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** API.md: when the database does not answer within 5 s, 503 SERVICE_UNAVAILABLE; nothing hangs past 10 s. */
export const REQUEST_DEADLINE_MS = 5000;
/** Reports that read long ranges get longer, still well under 10 s. */
const LONG_READS = /^\/api\/v1\/offices\/[^/]+\/(stats|audit|analytics|staffing|survey)\b/i;
const LONG_READ_DEADLINE_MS = 9000;

/** How often requests past their deadline are looked for: a 503 comes at most this much late. */
const SWEEP_MS = 200;

/**
 * Every HTTP request gets a deadline: at it, if nothing was answered yet (a database or Redis that
 * hangs), the client is answered 503 SERVICE_UNAVAILABLE with Retry-After. The deadline is kept
 * on the request (`req.deadline`, read with @RequestDeadlineAt()) and handed to the transaction
 * that writes for it, whose statements are refused past it (TransactionRunner.run), so a
 * transaction that waited out the outage rolls back instead of committing after its 503. One
 * sweep of the requests in flight finds the late ones, rather than a timer for each request.
 */
export function enforceRequestDeadlines(fastify: FastifyInstance): void {
  const inFlight = new Map<FastifyRequest, { deadline: number; reply: FastifyReply }>();
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [req, { deadline, reply }] of inFlight) {
      if (reply.sent) inFlight.delete(req);
      else if (now >= deadline) {
        inFlight.delete(req);
        reply.code(503).header('Retry-After', '5').send({
          statusCode: 503,
          error: 'Service Unavailable',
          code: 'SERVICE_UNAVAILABLE',
          message: 'the service is unavailable for a moment; try again shortly',
        });
      }
    }
  }, SWEEP_MS).unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
  fastify.decorateRequest('deadline', 0);
  fastify.addHook('onRequest', (req, reply, done) => {
    const ms = req.method === 'GET' && LONG_READS.test(req.url) ? LONG_READ_DEADLINE_MS : REQUEST_DEADLINE_MS;
    const deadline = Date.now() + ms;
    (req as FastifyRequest & WithDeadline).deadline = deadline;
    inFlight.set(req, { deadline, reply });
    done();
  });
  const forget = (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    inFlight.delete(req);
    done();
  };
  fastify.addHook('onResponse', forget);
  fastify.addHook('onRequestAbort', (req, done) => forget(req, undefined as never, done));
}
