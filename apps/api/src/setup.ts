import { AuthService } from '@giliran/auth';
import { RedisLossWatch } from '@giliran/operations';
import type { AppConfig } from '@giliran/config';
import { HttpErrorFilter, LowercaseIdsPipe, REDIS_URL, assertAcceptableJson, createRedis, createValidationPipe } from '@giliran/infra';
import { RedisIoAdapter } from '@giliran/realtime';
import { JobQueue } from '@giliran/jobs';
import { OfficeService } from '@giliran/offices';
import fastifyCompress from '@fastify/compress';
import fastifyEtag from '@fastify/etag';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Draining } from './draining';
import { BODY_LIMIT_BYTES } from './http-server';
import { mountQueueDashboard } from './queue-dashboard';
import { enforceRequestDeadlines } from './request-deadline';
import { securityHeaders } from './security-headers';

/** The UIs and the paths they answer on (API.md "Configuration and start"). */
const UI_MOUNTS: [string, string][] = [
  ['/kiosk', 'kiosk'],
  ['/book', 'kiosk'],
  ['/manage', 'kiosk'],
  ['/kinerja', 'kiosk'],
  ['/display', 'display'],
  ['/counter', 'counter'],
  ['/survey', 'counter'],
];

/** Everything main.ts and the end-to-end tests set up the same way. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', app.get(Draining).hook);
  enforceRequestDeadlines(fastify);
  await securityHeaders(fastify, config);
  // Browser calls from other sites only from the origins named (CORS_ORIGINS); none by default.
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxAge: 600 });
  acceptJsonBodies(fastify);
  // Citizens on cheap phones over slow links. A page that polls (a ticket's tracking without a
  // socket) is answered 304 with no body when nothing changed: an entity tag of every answer,
  // weak since the bytes sent may be compressed, taken before compression (hooks run in the
  // order registered), with the one-shot hash (a Hash object per answer cost more).
  await fastify.register(fastifyEtag, { weak: true, hashFn: (payload: string | Buffer) => hash('sha1', payload, 'base64') });
  // Compress JSON and the UIs' assets. Brotli at its default quality costs too much CPU per
  // answer for what it saves over gzip on small JSON.
  // Request bodies are not decompressed: no client of ours compresses them, and a compressed
  // body on a route that reads none was piped into a stream nobody read, stalling the connection.
  await fastify.register(fastifyCompress, { threshold: 1024, encodings: ['gzip', 'deflate'], requestEncodings: ['identity'] });
  app.useGlobalPipes(new LowercaseIdsPipe(), createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();

  const redisUrl = app.get<string>(REDIS_URL);
  app.useWebSocketAdapter(new RedisIoAdapter(app, createRedis(redisUrl), createRedis(redisUrl), config));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Giliran API')
      .setDescription(
        'Queue and appointment system for public-service offices. Errors are `{statusCode, error, code, message}` (validation errors add `fields`). ' +
          'Any request may be answered 503 `SERVICE_UNAVAILABLE` with `Retry-After` when the database does not answer within 5 s; public writes 429 `RATE_LIMITED`. ' +
          'A staff token ends at logout, deactivation, a new password, or a change of role or office (401).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await serveUis(fastify, config.uiDir);
  await mountQueueDashboard(app);

  await app.get(AuthService).ensureFirstAdmin();
  // With a Redis that holds none of Giliran's state (a first start, or its data lost) the watch
  // sets every schedule and puts the reminders back; otherwise the schedules are only set again
  // (upserts: a start after an upgrade brings them to what this version schedules).
  if (!(await app.get(RedisLossWatch).check())) {
    await app.get(OfficeService).scheduleAllEndOfDay();
    await app.get(JobQueue).scheduleRetention();
    await app.get(JobQueue).scheduleWaitWatch();
  }
}

/**
 * Bodies are JSON or nothing. An empty body reads as no body whatever its declared type (as
 * under Express: `curl -X POST -d ''` on call-next says form-urlencoded), and validation then
 * names any missing field; a body of another media type is answered 415. Fastify's own parser
 * guards against `__proto__` and `constructor.prototype` keys.
 */
const INBOUND_PATH = '/api/v1/channels/inbound';

function acceptJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (req, text, done) => {
    // The exact text too where a messaging gateway signs the body as sent (POST /channels/inbound).
    if (req.url.toLowerCase().startsWith(INBOUND_PATH)) (req as { rawBody?: string }).rawBody = text as string;
    if (text === '') return done(null, undefined);
    parseJson(req, text as string, (err, body) => {
      if (err) return done(err, undefined);
      try {
        assertAcceptableJson(body);
      } catch (refusal) {
        return done(Object.assign(new Error((refusal as Error).message), { statusCode: 400 }), undefined);
      }
      done(null, body);
    });
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (req, body, done) => {
    if (body.length === 0) return done(null, undefined);
    done(Object.assign(new Error(`Unsupported Media Type: ${String(req.headers['content-type']).slice(0, 100)}`), { statusCode: 415 }), undefined);
  });
}

const ROOT_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Giliran</title><meta name="viewport" content="width=device-width">' +
  '<h1>Giliran</h1><ul><li><a href="/kiosk">Kiosk</a></li><li><a href="/book">Booking</a></li><li><a href="/display">Display</a></li><li><a href="/kinerja">Kinerja</a></li>' +
  '<li><a href="/counter">Counter</a></li><li><a href="/api/docs">API</a></li></ul>';

/** Hashed assets never change: cached for a year. Everything else is checked on every use. */
const HASHED_ASSET = /(^|\/)assets\/[^/]+-[A-Za-z0-9_-]{8}\.\w+$/;

async function serveUis(fastify: FastifyInstance, uiDir: string): Promise<void> {
  // A scope of its own: `reply.sendFile` is decorated here only, and the queue dashboard and the
  // API docs register @fastify/static in theirs.
  await fastify.register(async (scope) => {
    // A refusal of @fastify/static (a path leaving the folder, a bad Range) in our error body.
    scope.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
      const [status, code, message] = staticRefusal(err.statusCode);
      void reply.code(status).type('application/json; charset=utf-8').send({ statusCode: status, error: STATUS_CODES[status], code, message });
    });
    await scope.register(fastifyStatic, {
      serve: false,
      cacheControl: false,
      dotfiles: 'ignore',
      // Set only on a file found: a 404 must not be cached for a year.
      setHeaders: (reply: FastifyReply, path: string) =>
        reply.header('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    for (const [mount, name] of UI_MOUNTS) {
      const dir = join(uiDir, name);
      const page = (req: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
        const rest = req.params['*'] ?? '';
        // A file (it has an extension) or a client-side route (/kiosk/track/<token>, ...), which
        // gets the app's page. No redirect from /kiosk to /kiosk/.
        if (rest.includes('.')) return reply.sendFile(rest, dir);
        if (!existsSync(join(dir, 'index.html')))
          return reply.code(503).type('text/plain; charset=utf-8').send(`The ${name} UI is not built: run npm run build:ui`);
        return reply.sendFile('index.html', dir);
      };
      scope.get(mount, page);
      scope.get(`${mount}/*`, page);
    }
    scope.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send(ROOT_PAGE));
  });
}

/** What a refusal of @fastify/static becomes: a path out of the folder is simply not found. */
function staticRefusal(status: number | undefined): [number, string, string] {
  if (status === 403 || status === 404) return [404, 'NOT_FOUND', 'not found'];
  if (status === 416) return [416, 'RANGE_NOT_SATISFIABLE', 'that range of the file cannot be served'];
  if (status && status >= 400 && status < 500) return [status, 'VALIDATION_FAILED', 'the request cannot be served'];
  return [500, 'INTERNAL_ERROR', 'internal error'];
}
