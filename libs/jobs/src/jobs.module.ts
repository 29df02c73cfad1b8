import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { QueueName } from './job-names';
import { MaintenanceProcessor } from './maintenance.processor';

const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** Producers only: what the API needs. */
@Module({ imports: [queues], providers: [JobQueue], exports: [JobQueue, queues] })
export class JobsModule {}

/** The processors, for the worker app or the API with WORKER=inline. `closer` binds DAY_CLOSER. */
@Module({})
export class JobsWorkerModule {
  static register(opts: { imports: DynamicModule['imports']; closer: Provider }): DynamicModule {
    return { module: JobsWorkerModule, imports: [queues, ...(opts.imports ?? [])], providers: [opts.closer, MaintenanceProcessor] };
  }
}
