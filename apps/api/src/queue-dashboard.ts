import { AuthService } from '@giliran/auth';
import { JobQueue } from '@giliran/jobs';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';

const PATH = '/admin/queues';
const REMEMBER_MS = 5 * 60_000;

/**
 * Bull Board at /admin/queues for admins, behind HTTP Basic with an admin's own login. A checked
 * login is remembered for a few minutes (the board polls; bcrypt on every poll would be slow).
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(PATH);
  createBullBoard({ queues: app.get(JobQueue).queues().map((q) => new BullMQAdapter(q)), serverAdapter: board });
  const auth = app.get(AuthService);
  const remembered = new Map<string, number>();
  const challenge = (res: Response) => res.status(401).setHeader('WWW-Authenticate', 'Basic realm="Giliran queues", charset="UTF-8"').type('text').send('admin login required');

  app.use(PATH, async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return challenge(res);
    const fingerprint = createHash('sha256').update(header).digest('hex');
    if ((remembered.get(fingerprint) ?? 0) > Date.now()) return next();
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1 || !(await auth.isAdmin(decoded.slice(0, colon), decoded.slice(colon + 1)))) return challenge(res);
    remembered.set(fingerprint, Date.now() + REMEMBER_MS);
    next();
  });
  app.use(PATH, board.getRouter());
}
