import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MAINTENANCE_TASKS, type MaintenanceTasks } from './job-queue';
import { JobName, type MaintenanceJob, QueueName } from './job-names';

@Processor(QueueName.Maintenance, { concurrency: 2 })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger('MaintenanceProcessor');

  constructor(@Inject(MAINTENANCE_TASKS) private readonly tasks: MaintenanceTasks) {
    super();
  }

  /** A worker's own errors (Redis gone, or emptied under a job in flight) are logged, never thrown. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`maintenance worker: ${err.message}`);
  }

  async process(job: Job<MaintenanceJob['data'], unknown, MaintenanceJob['name']>): Promise<unknown> {
    const item = { name: job.name, data: job.data } as MaintenanceJob;
    switch (item.name) {
      case JobName.EndOfDay: {
        const result = await this.tasks.closeDay(item.data.officeId, new Date());
        if (result.closedTickets || result.noShowAppointments) this.logger.log(`end of day for office ${item.data.officeId}: ${JSON.stringify(result)}`);
        return result;
      }
      case JobName.Retention: {
        const result = await this.tasks.purgeExpired(new Date());
        if (result.purgedAppointments) this.logger.log(`purged the personal data of ${result.purgedAppointments} appointment(s)`);
        return result;
      }
      case JobName.WatchWaits: {
        const result = await this.tasks.watchWaits(new Date());
        if (result.opened) this.logger.log(`long waits: ${result.opened} office(s) past their target wait`);
        return result;
      }
      default: {
        const unknown: never = item;
        throw new Error(`no handler for job ${String((unknown as { name: string }).name)}`);
      }
    }
  }
}
