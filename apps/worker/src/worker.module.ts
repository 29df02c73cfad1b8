import type { AppConfig } from '@giliran/config';
import { type DynamicModule, Module } from '@nestjs/common';
import { infrastructure, processors } from '@giliran/operations';

/** The worker: BullMQ processors only, no HTTP and no sockets (events go out through Redis). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, redisUrl: string): DynamicModule {
    return { module: WorkerModule, imports: [...infrastructure(config, redisUrl), processors()] };
  }
}
