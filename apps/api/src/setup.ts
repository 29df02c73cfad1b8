import { AuthService } from '@giliran/auth';
import type { AppConfig } from '@giliran/config';
import { HttpErrorFilter, REDIS_URL, createRedis, createValidationPipe } from '@giliran/infra';
import { RedisIoAdapter } from '@giliran/realtime';
import { JobQueue } from '@giliran/jobs';
import { OfficeService } from '@giliran/ticketing';
import { Draining } from './draining';
import { mountQueueDashboard } from './queue-dashboard';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The UIs and the paths they answer on (API.md "Configuration and start"). */
const UI_MOUNTS: [string, string][] = [
  ['/kiosk', 'kiosk'],
  ['/book', 'kiosk'],
  ['/manage', 'kiosk'],
  ['/display', 'display'],
  ['/counter', 'counter'],
];

/** Everything main.ts and the end-to-end tests set up the same way. */
export async function configureApp(app: NestExpressApplication, config: AppConfig): Promise<void> {
  app.disable('x-powered-by');
  app.use(app.get(Draining).middleware);
  app.set('trust proxy', 'loopback');
  app.useBodyParser('json', { limit: '32kb' });
  // Citizens on cheap phones over slow links: compress JSON and the UIs' assets.
  app.use(compression({ threshold: 1024 }));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();

  const redisUrl = app.get<string>(REDIS_URL);
  app.useWebSocketAdapter(new RedisIoAdapter(app, createRedis(redisUrl), createRedis(redisUrl), config.redisPrefix));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Giliran API')
      .setDescription('Queue and appointment system for public-service offices. Errors are `{statusCode, error, code, message}`.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  serveUis(app, config.uiDir);
  mountQueueDashboard(app);

  await app.get(AuthService).ensureFirstAdmin();
  await app.get(OfficeService).scheduleAllEndOfDay();
  await app.get(JobQueue).scheduleRetention();
}

function serveUis(app: NestExpressApplication, uiDir: string): void {
  for (const [mount, name] of UI_MOUNTS) {
    const dir = join(uiDir, name);
    // Hashed assets never change: cache them for a year. No redirect from /kiosk to /kiosk/.
    app.useStaticAssets(dir, { prefix: mount, index: 'index.html', redirect: false, setHeaders: cacheHeaders });
    // Client-side routes (/kiosk/track/<token>, ...) get the app's page.
    app.use(mount, (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.includes('.')) return next();
      const index = join(dir, 'index.html');
      if (!existsSync(index)) return res.status(503).type('text').send(`The ${name} UI is not built: run npm run build:ui`);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  app.use('/', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    res.type('html').send(
      '<!doctype html><meta charset="utf-8"><title>Giliran</title><meta name="viewport" content="width=device-width">' +
        '<h1>Giliran</h1><ul><li><a href="/kiosk">Kiosk</a></li><li><a href="/book">Booking</a></li><li><a href="/display">Display</a></li>' +
        '<li><a href="/counter">Counter</a></li><li><a href="/api/docs">API</a></li></ul>',
    );
  });
}

function cacheHeaders(res: Response, path: string): void {
  res.setHeader('Cache-Control', /\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.\w+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}
