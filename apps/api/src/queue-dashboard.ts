import { AuthService } from '@giliran/auth';
import { DomainError } from '@giliran/core';
import { JobQueue } from '@giliran/jobs';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';

const PATH = '/admin/queues';
const REMEMBER_MS = 5 * 60_000;

/**
 * Bull Board at /admin/queues for admins, behind HTTP Basic with an admin's own login, throttled
 * as the API's login is. A checked login is remembered for a few minutes (the board polls; bcrypt
 * on every poll would be slow).
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(PATH);
  createBullBoard({
    queues: app
      .get(JobQueue)
      .queues()
      .map((q) => new BullMQAdapter(q)),
    serverAdapter: board,
  });
  const auth = app.get(AuthService);
  /** Checked logins by their header's hash: until when, and whose session (re-checked on every request). */
  const remembered = new Map<string, { until: number; session: { id: string; sessionVersion: number } }>();
  const challenge = (reply: FastifyReply) =>
    reply
      .code(401)
      .header('WWW-Authenticate', 'Basic realm="Giliran queues", charset="UTF-8"')
      .send({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHORIZED', message: 'an admin login is required' });

  // A scope of its own, so that the login check guards the board's routes and nothing else.
  await app
    .getHttpAdapter()
    .getInstance()
    .register(async (scope) => {
      scope.addHook('onRequest', async (req, reply) => {
        const header = req.headers.authorization ?? '';
        if (!header.startsWith('Basic ')) return challenge(reply);
        const fingerprint = createHash('sha256').update(header).digest('hex');
        const known = remembered.get(fingerprint);
        // A new password, a deactivation or a demotion since ends it at once, as for a token.
        if (known && known.until > Date.now() && (await auth.sessionStands(known.session))) return;
        remembered.delete(fingerprint);
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 1) return challenge(reply);
        let session: { id: string; sessionVersion: number } | null;
        try {
          session = await auth.adminSession(decoded.slice(0, colon), decoded.slice(colon + 1), req.ip);
        } catch (err) {
          // Throttled like the API's login (429 TOO_MANY_ATTEMPTS with Retry-After).
          if (!(err instanceof DomainError)) throw err;
          const retryAfter = Number(err.details?.retryAfterSeconds ?? 60);
          return reply
            .code(err.status)
            .header('Retry-After', String(retryAfter))
            .send({ statusCode: err.status, error: 'Too Many Requests', code: err.code, message: err.message });
        }
        if (!session) return challenge(reply);
        if (remembered.size > 1000) remembered.clear();
        remembered.set(fingerprint, { until: Date.now() + REMEMBER_MS, session });
      });
      await scope.register(board.registerPlugin(), { prefix: PATH });
    });
}
