import 'reflect-metadata';
import { ConfigError, loadConfig } from '@giliran/config';
import { RedisUnavailableError, resolveRedisUrl } from '@giliran/infra';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './setup';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger('Giliran', { json: config.logJson, logLevels: levelsFrom(config.logLevel) });
  const redisUrl = await resolveRedisUrl(config.redisUrl, config.varDir, (m) => logger.log(m));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, redisUrl), { logger, bodyParser: false });
  await configureApp(app, config);
  await app.listen(config.port);
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
