import { Controller, Get, Header, Inject, Injectable, Module, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, register } from 'prom-client';
import { REDIS } from './redis.module';

/** Same key as @giliran/auth's @Public(): operations endpoints need no token. */
const Public = () => SetMetadata('isPublic', true);

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'redis') {
    const check = this.indicator.check(key);
    try {
      const pong = await Promise.race([this.redis.ping(), new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      return pong === 'PONG' ? check.up() : check.down({ message: 'unexpected answer' });
    } catch {
      return check.down({ message: 'not answering' });
    }
  }
}

@ApiExcludeController()
@Public()
@Controller()
export class OperationsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redis.isHealthy()]);
  }

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}

let defaultMetricsOn = false;

@Module({
  imports: [TerminusModule],
  controllers: [OperationsController],
  providers: [RedisHealthIndicator],
})
export class OperationsModule {
  constructor() {
    if (!defaultMetricsOn) {
      collectDefaultMetrics({ prefix: 'giliran_' });
      defaultMetricsOn = true;
    }
  }
}
