import 'reflect-metadata';
import { ConfigError, loadConfig } from '@giliran/config';
import { RedisUnavailableError, resolveRedisUrl } from '@giliran/infra';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { createHttpAdapter, listenHost } from './http-server';
import { configureApp } from './setup';

const LISTEN_BACKLOG = 8192;

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger('Giliran', { json: config.logJson, logLevels: levelsFrom(config.logLevel) });
  const redisUrl = await resolveRedisUrl(config.redisUrl, config.varDir, (m) => logger.log(m));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, redisUrl), createHttpAdapter(config.trustProxy), {
    logger,
    bodyParser: false,
  });
  await configureApp(app, config);
  // A quota release opens thousands of connections at once. Node's default accept queue (511)
  // overflows, and the kernel drops the rest to be retried 1, 3, 7, 15 s later; a deeper queue
  // (capped by net.core.somaxconn) lets them wait their turn instead.
  await app.listen({ port: config.port, host: listenHost(), backlog: LISTEN_BACKLOG });
  logger.log(`listening on http://localhost:${config.port} (database: ${config.database.type}, worker: ${config.worker})`);
}

export function levelsFrom(level: string): ('error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const all = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return all.slice(0, all.indexOf(level as (typeof all)[number]) + 1);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) {
    console.error(err.message);
  } else {
    new Logger('Giliran').error((err as Error)?.stack ?? String(err));
  }
  process.exit(1);
});
