import 'reflect-metadata';
import { ConfigError, loadConfig } from '@giliran/config';
import { RedisUnavailableError, resolveRedisUrl } from '@giliran/infra';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new ConsoleLogger('Giliran worker', { json: config.logJson });
  const redisUrl = await resolveRedisUrl(config.redisUrl, config.varDir, (m) => logger.log(m));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, redisUrl), { logger });
  app.enableShutdownHooks();
  logger.log('worker running');
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) console.error(err.message);
  else new Logger('Giliran worker').error((err as Error)?.stack ?? String(err));
  process.exit(1);
});
