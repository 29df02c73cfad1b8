import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { QueueName } from './job-names';
import { MaintenanceProcessor } from './maintenance.processor';
import { QueueMetrics } from './queue-metrics';

const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** Producers only: what the API needs. */
@Module({ imports: [queues], providers: [JobQueue], exports: [JobQueue, queues] })
export class JobsModule {}

/** Queue gauges for /metrics (the API registers it once). */
@Module({ imports: [JobsModule], providers: [QueueMetrics] })
export class QueueMetricsModule {}

/**
 * The processors, for the worker app or the API with WORKER=inline. `tasks` binds
 * MAINTENANCE_TASKS; `processors` are the other queues' processors, `providers` what they need bound
 * (the notifications processor's NotificationSources).
 */
@Module({})
export class JobsWorkerModule {
  static register(opts: { imports: DynamicModule['imports']; tasks: Provider; processors?: Type[]; providers?: Provider[] }): DynamicModule {
    return {
      module: JobsWorkerModule,
      imports: [queues, ...(opts.imports ?? [])],
      providers: [opts.tasks, MaintenanceProcessor, ...(opts.processors ?? []), ...(opts.providers ?? [])],
    };
  }
}
